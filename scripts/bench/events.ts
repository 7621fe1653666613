/**
 * PutEvents throughput through the local service's HTTP endpoint, as a user
 * runs it (`npm start` in a process of its own): concurrent official clients
 * send 10 events a call for a while. Then the service is stopped and started
 * again on the same data dir, and every acknowledged event must be there.
 *
 *   npm run bench -- events [--seconds 10] [--clients 16]
 *
 * Target (issue 3): at least 2,000 events/s with none lost.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import {
  PersonalizeEventsClient,
  PutEventsCommand,
  type Event,
} from '@aws-sdk/client-personalize-events';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startLocalService } from '../../bin/local-service';
import { makeDataDir, startLocal } from '../../test/helpers/process';
import { avroRecord, BASE_INTERACTION_FIELDS } from '../../test/helpers/schemas';

const EVENTS_PER_CALL = 10;
const TARGET_EVENTS_PER_SECOND = 2000;
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

const SCHEMA = avroRecord('Interactions', [
  ...BASE_INTERACTION_FIELDS,
  { name: 'DEVICE', type: ['string', 'null'], categorical: true },
]);

interface Run {
  acknowledged: Set<string>;
  failedCalls: number;
  latenciesMs: number[];
  seconds: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string' }, clients: { type: 'string' } },
  });
  const seconds = Number(values.seconds ?? 10);
  const clients = Number(values.clients ?? 16);
  const dataDir = await makeDataDir();
  try {
    const service = await startLocal({ dataDir });
    const { endpoint } = service;
    let run: Run;
    let datasetGroupArn: string;
    try {
      const setup = await trackedGroup(endpoint);
      datasetGroupArn = setup.datasetGroupArn;
      run = await sendEvents(endpoint, setup.trackingId, clients, seconds);
    } finally {
      await service.stop();
    }
    const stored = await storedEventIds(dataDir, datasetGroupArn);
    const lost = [...run.acknowledged].filter((id) => !stored.has(id)).length;
    report(endpoint, clients, run, stored.size, lost);
    process.exitCode = lost > 0 ? 1 : 0;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function trackedGroup(endpoint: string) {
  const control = new PersonalizeClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  try {
    const { datasetGroupArn } = await control.send(
      new CreateDatasetGroupCommand({ name: 'bench' }),
    );
    const { schemaArn } = await control.send(
      new CreateSchemaCommand({ name: 'bench-interactions', schema: SCHEMA }),
    );
    await control.send(
      new CreateDatasetCommand({
        name: 'bench-interactions',
        schemaArn,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );
    const { trackingId } = await control.send(
      new CreateEventTrackerCommand({ name: 'bench', datasetGroupArn }),
    );
    return { datasetGroupArn: datasetGroupArn!, trackingId: trackingId! };
  } finally {
    control.destroy();
  }
}

/** Each client sends its next call as soon as the last is answered, until time is up. */
async function sendEvents(
  endpoint: string,
  trackingId: string,
  clients: number,
  seconds: number,
): Promise<Run> {
  const run: Run = { acknowledged: new Set(), failedCalls: 0, latenciesMs: [], seconds: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const events = new PersonalizeEventsClient({
        endpoint,
        region: REGION,
        credentials: CREDENTIALS,
        // A retried call would hide failures from the count.
        maxAttempts: 1,
      });
      for (let call = 0; performance.now() < deadline; call++) {
        const eventList: Event[] = Array.from({ length: EVENTS_PER_CALL }, (_, i) => ({
          eventId: `${client}-${call}-${i}`,
          eventType: 'click',
          itemId: `item-${(call * 31 + i * 7 + client) % 2000}`,
          sentAt: new Date(),
          properties: { device: i % 2 ? 'mobile' : 'desktop' },
        }));
        // A visit of 20 calls whose first two come before the user signs in.
        const visit = `${client}-${Math.floor(call / 20)}`;
        const signedIn = call % 20 >= 2;
        const sent = performance.now();
        try {
          await events.send(
            new PutEventsCommand({
              trackingId,
              sessionId: `session-${visit}`,
              ...(signedIn ? { userId: `user-${visit}` } : {}),
              eventList,
            }),
          );
          run.latenciesMs.push(performance.now() - sent);
          for (const event of eventList) run.acknowledged.add(event.eventId!);
        } catch (error) {
          run.failedCalls++;
          if (run.failedCalls === 1) console.error('first failed call:', error);
        }
      }
      events.destroy();
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

/** Reads the events back from the data dir through a fresh service: what survived the stop. */
async function storedEventIds(dataDir: string, datasetGroupArn: string): Promise<Set<string>> {
  const service = await startLocalService({
    host: '127.0.0.1',
    port: 0,
    s3Port: 0,
    dataDir,
    region: REGION,
    account: ACCOUNT,
  });
  try {
    const ids = new Set<string>();
    for await (const event of service.context.events.recordedUntil(datasetGroupArn, Date.now())) {
      ids.add(event.eventId);
    }
    return ids;
  } finally {
    await service.close();
  }
}

function report(endpoint: string, clients: number, run: Run, stored: number, lost: number) {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const percentile = (p: number) =>
    sorted.length
      ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
      : NaN;
  const rate = run.acknowledged.size / run.seconds;
  const met = rate >= TARGET_EVENTS_PER_SECOND && lost === 0 && run.failedCalls === 0;
  const rows: [string, string][] = [
    ['events/s acknowledged', rate.toFixed(0)],
    ['events acknowledged', String(run.acknowledged.size)],
    ['events stored (after restart)', String(stored)],
    ['acknowledged but lost', String(lost)],
    ['failed calls', String(run.failedCalls)],
    ['call latency p50 (ms)', percentile(50).toFixed(1)],
    ['call latency p99 (ms)', percentile(99).toFixed(1)],
    ['target', `>= ${TARGET_EVENTS_PER_SECOND} events/s, none lost: ${met ? 'met' : 'NOT met'}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `PutEvents through ${endpoint}: ${clients} clients, ${EVENTS_PER_CALL} events a call, ${run.seconds.toFixed(1)} s\n`,
  );
  console.log(`| ${'measure'.padEnd(width)} | value`);
  console.log(`|${'-'.repeat(width + 2)}|------`);
  for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
