/**
 * Issue 12: `npm start` killed with SIGKILL while several clients record events, again and
 * again, then started on the same data dir: an export of the Interactions dataset holds every
 * event that was acknowledged with a 200.
 */
import {
  CreateDatasetCommand,
  CreateDatasetExportJobCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DescribeDatasetExportJobCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { rm } from 'node:fs/promises';
import { makeDataDir, startLocal, type RunningService } from '../helpers/process';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';

const CRASHES = 3;
const WRITERS = 6;
const EVENTS_PER_CALL = 10;
/** Acknowledged events a round waits for before the kill, so it lands mid-stream. */
const EVENTS_BEFORE_KILL = 300;
const BUCKET = 'crash';
const common = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

const clientsOf = (service: RunningService) => ({
  personalize: new PersonalizeClient({ ...common, endpoint: service.endpoint, maxAttempts: 1 }),
  events: new PersonalizeEventsClient({ ...common, endpoint: service.endpoint, maxAttempts: 1 }),
  s3: new S3Client({ ...common, endpoint: service.s3Endpoint, forcePathStyle: true }),
});
type Clients = ReturnType<typeof clientsOf>;
const destroy = (clients: Clients) => Object.values(clients).forEach((client) => client.destroy());

let dataDir: string;
beforeAll(async () => {
  dataDir = await makeDataDir();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A group whose Interactions dataset takes events through a tracker. */
async function trackedGroup(clients: Clients) {
  const { datasetGroupArn } = await clients.personalize.send(
    new CreateDatasetGroupCommand({ name: 'crash' }),
  );
  const { schemaArn } = await clients.personalize.send(
    new CreateSchemaCommand({ name: 'crash-interactions', schema: INTERACTIONS_SCHEMA }),
  );
  const { datasetArn } = await clients.personalize.send(
    new CreateDatasetCommand({
      name: 'crash-interactions',
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  );
  const { trackingId } = await clients.personalize.send(
    new CreateEventTrackerCommand({ name: 'crash', datasetGroupArn }),
  );
  await clients.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  return { datasetArn: datasetArn!, trackingId: trackingId! };
}

/**
 * `WRITERS` clients send events until their service dies; each event's item is unique, so an
 * export shows which survived. Resolves once the service is killed and every writer has stopped.
 */
async function writeUntilKilled(
  service: RunningService,
  clients: Clients,
  trackingId: string,
  round: number,
  acknowledged: Set<string>,
): Promise<void> {
  let inRound = 0;
  let killed: Promise<unknown> | undefined;
  const kill = () => {
    killed ??= (async () => {
      service.child.kill('SIGKILL');
      await service.exited;
    })();
    return killed;
  };
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let call = 0; ; call++) {
        const items = Array.from(
          { length: EVENTS_PER_CALL },
          (_, k) => `item-${round}-${writer}-${call}-${k}`,
        );
        try {
          await clients.events.send(
            new PutEventsCommand({
              trackingId,
              sessionId: `session-${round}-${writer}`,
              userId: `user-${writer}`,
              eventList: items.map((itemId, k) => ({
                eventType: 'click',
                itemId,
                sentAt: new Date(1_700_000_000_000 + call * 1000 + k),
              })),
            }),
          );
        } catch {
          // The service is gone: what it did not acknowledge may or may not have been kept.
          return;
        }
        items.forEach((item) => acknowledged.add(item));
        inRound += items.length;
        if (inRound >= EVENTS_BEFORE_KILL) void kill();
      }
    }),
  );
  await kill();
}

async function exportedItems(clients: Clients, datasetArn: string): Promise<Set<string>> {
  const { datasetExportJobArn } = await clients.personalize.send(
    new CreateDatasetExportJobCommand({
      jobName: 'after-the-crashes',
      datasetArn,
      ingestionMode: 'PUT',
      roleArn: 'arn:aws:iam::000000000000:role/any',
      jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/out/` } },
    }),
  );
  for (;;) {
    const { datasetExportJob } = await clients.personalize.send(
      new DescribeDatasetExportJobCommand({ datasetExportJobArn }),
    );
    if (datasetExportJob!.status === 'ACTIVE') break;
    if (datasetExportJob!.status === 'CREATE FAILED') {
      throw new Error(`the export failed: ${datasetExportJob!.failureReason}`);
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  const items = new Set<string>();
  const listing = await clients.s3.send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'out/after-the-crashes/' }),
  );
  for (const { Key } of listing.Contents ?? []) {
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    const [header, ...rows] = (await object.Body!.transformToString()).trim().split('\n');
    const column = header!.split(',').indexOf('ITEM_ID');
    for (const row of rows) items.add(row.split(',')[column]!);
  }
  return items;
}

describe('SIGKILL under concurrent PutEvents writers', () => {
  it(`loses no acknowledged event over ${CRASHES} crashes, as an export after restart shows`, async () => {
    // Prepare
    const acknowledged = new Set<string>();
    let service = await startLocal({ dataDir });
    let clients = clientsOf(service);
    const { datasetArn, trackingId } = await trackedGroup(clients);

    try {
      // Act
      for (let round = 0; round < CRASHES; round++) {
        await writeUntilKilled(service, clients, trackingId, round, acknowledged);
        destroy(clients);
        service = await startLocal({ dataDir });
        clients = clientsOf(service);
      }
      const exported = await exportedItems(clients, datasetArn);

      // Assess
      expect(acknowledged.size).toBeGreaterThanOrEqual(CRASHES * EVENTS_BEFORE_KILL);
      const lost = [...acknowledged].filter((item) => !exported.has(item));
      expect(lost).toEqual([]);
    } finally {
      destroy(clients);
      await service.stop();
    }
  }, 180_000);
});
