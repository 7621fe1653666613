import {
  CreateDatasetCommand,
  CreateDatasetExportJobCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DescribeDatasetExportJobCommand,
  InvalidInputException,
  ListDatasetExportJobsCommand,
  ResourceNotFoundException,
  type DatasetExportJob,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand, PutUsersCommand } from '@aws-sdk/client-personalize-events';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { importCsv, putObject, ROLE_ARN } from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA, USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
let interactionsArn: string;
let usersArn: string;

beforeAll(async () => {
  service = await startTestService();
  const { datasetGroupArn } = await service.personalize.send(
    new CreateDatasetGroupCommand({ name: 'exports' }),
  );
  const created: string[] = [];
  for (const [type, schema] of [
    ['Interactions', INTERACTIONS_SCHEMA],
    ['Users', USERS_SCHEMA],
  ] as const) {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: `exports-${type}`, schema }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: `exports-${type}`,
        datasetGroupArn,
        schemaArn,
        datasetType: type,
      }),
    );
    created.push(datasetArn!);
  }
  [interactionsArn, usersArn] = created as [string, string];

  await putObject(
    service,
    'exports',
    'bulk.csv',
    'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu1,i1,1700000000,click,\nu2,"i,2",1700000001,buy,9.5\n',
  );
  await importCsv(service, interactionsArn, 'exports-bulk', 's3://exports/bulk.csv');
  const { trackingId } = await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'exports-tracker', datasetGroupArn }),
  );
  await service.events.send(
    new PutEventsCommand({
      trackingId,
      userId: 'u3',
      sessionId: 's3',
      eventList: [{ eventType: 'watch', itemId: 'i3', sentAt: new Date(1_700_000_100_000) }],
    }),
  );
  // As the getting-started notebooks send it: the item inside properties.
  await service.events.send(
    new PutEventsCommand({
      trackingId,
      userId: 'u4',
      sessionId: 's4',
      eventList: [
        {
          eventType: 'watch',
          properties: '{"itemId": "270"}',
          sentAt: new Date(1_700_000_200_000),
        },
      ],
    }),
  );
  await service.events.send(
    new PutUsersCommand({
      datasetArn: usersArn,
      users: [{ userId: 'u9', properties: JSON.stringify({ age: 33 }) }],
    }),
  );
});
afterAll(() => service.stop());

async function exportDataset(
  jobName: string,
  datasetArn: string,
  ingestionMode?: 'BULK' | 'PUT' | 'ALL',
): Promise<{ job: DatasetExportJob; files: Record<string, string> }> {
  const { datasetExportJobArn } = await service.personalize.send(
    new CreateDatasetExportJobCommand({
      jobName,
      datasetArn,
      ingestionMode,
      roleArn: ROLE_ARN,
      jobOutput: { s3DataDestination: { path: 's3://exports/out/' } },
    }),
  );
  let job: DatasetExportJob;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    ({ datasetExportJob: job } = (await service.personalize.send(
      new DescribeDatasetExportJobCommand({ datasetExportJobArn }),
    )) as { datasetExportJob: DatasetExportJob });
  } while (job.status !== 'ACTIVE' && job.status !== 'CREATE FAILED');
  const listing = await service.s3.send(
    new ListObjectsV2Command({ Bucket: 'exports', Prefix: `out/${jobName}/` }),
  );
  const files: Record<string, string> = {};
  for (const { Key } of listing.Contents ?? []) {
    const object = await service.s3.send(new GetObjectCommand({ Bucket: 'exports', Key }));
    files[Key!] = await object.Body!.transformToString();
  }
  return { job, files };
}

const header = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';

describe('dataset export jobs', () => {
  it('exports imported data as CSV with BULK', async () => {
    const { job, files } = await exportDataset('bulk-only', interactionsArn, 'BULK');
    expect(job).toMatchObject({
      status: 'ACTIVE',
      ingestionMode: 'BULK',
      jobOutput: { s3DataDestination: { path: 's3://exports/out/' } },
    });
    expect(files).toEqual({
      'out/bulk-only/part-00000.csv': `${header}u1,i1,1700000000,click,\nu2,"i,2",1700000001,buy,9.5\n`,
    });
  });

  it('exports recorded events by default (PUT)', async () => {
    const { job, files } = await exportDataset('put-only', interactionsArn);
    expect(job.ingestionMode).toBe('PUT');
    expect(files['out/put-only/part-00000.csv']).toBe(
      `${header}u3,i3,1700000100,watch,\nu4,270,1700000200,watch,\n`,
    );
  });

  it('exports both with ALL, bulk first', async () => {
    const { files } = await exportDataset('everything', interactionsArn, 'ALL');
    expect(files['out/everything/part-00000.csv']!.split('\n').slice(1, -1)).toEqual([
      'u1,i1,1700000000,click,',
      'u2,"i,2",1700000001,buy,9.5',
      'u3,i3,1700000100,watch,',
      'u4,270,1700000200,watch,',
    ]);
  });

  it('exports users sent with PutUsers, in a form an import reads back', async () => {
    const { files } = await exportDataset('users', usersArn);
    const csv = files['out/users/part-00000.csv']!;
    expect(csv).toBe('USER_ID,AGE\nu9,33\n');
    await putObject(service, 'exports', 'reimport/users.csv', csv);
    expect(
      (await importCsv(service, usersArn, 'reimport', 's3://exports/reimport/users.csv')).status,
    ).toBe('ACTIVE');
  });

  it('writes a header-only file when there is nothing to export', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'exports-empty' }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: 'exports-empty-users',
        datasetGroupArn,
        schemaArn: arnOf('schema', 'exports-Users'),
        datasetType: 'Users',
      }),
    );
    const { job, files } = await exportDataset('empty', datasetArn!, 'ALL');
    expect(job.status).toBe('ACTIVE');
    expect(files).toEqual({ 'out/empty/part-00000.csv': 'USER_ID,AGE\n' });
  });

  it('lists a dataset’s export jobs', async () => {
    const { datasetExportJobs } = await service.personalize.send(
      new ListDatasetExportJobsCommand({ datasetArn: usersArn }),
    );
    expect(datasetExportJobs!.map((job) => job.jobName)).toEqual(['users']);
  });

  it('rejects a path that is no S3 URL and an unknown dataset', async () => {
    const create = (datasetArn: string, path: string) =>
      service.personalize.send(
        new CreateDatasetExportJobCommand({
          jobName: `bad-${Math.random().toString(36).slice(2, 8)}`,
          datasetArn,
          roleArn: ROLE_ARN,
          jobOutput: { s3DataDestination: { path } },
        }),
      );
    await expect(create(usersArn, '/tmp/out')).rejects.toThrow(InvalidInputException);
    await expect(create(arnOf('dataset', 'ghost', 'USERS'), 's3://exports/x/')).rejects.toThrow(
      ResourceNotFoundException,
    );
  });
});
