/** Data deletion jobs through the official clients, checked through the store ports. */
import {
  CreateDataDeletionJobCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DeleteDatasetGroupCommand,
  DescribeDataDeletionJobCommand,
  InvalidInputException,
  ListDataDeletionJobsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type DataDeletionJob,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand, PutUsersCommand, type Event } from '@aws-sdk/client-personalize-events';
import {
  findColumn,
  NULL_INDEX,
  type CompactDataset,
} from '../../layers/core/data/compact/columns';
import type { RecordedEvent } from '../../layers/core/store/event-ports';
import { importCsv, putObject, ROLE_ARN, storedData, waitForJob } from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA, USERS_SCHEMA } from '../helpers/schemas';

const BUCKET = 'deletions';
const T0 = 1_700_000_000;

let service: TestService;
let interactionsSchemaArn: string;
let usersSchemaArn: string;
let groupCount = 0;

beforeAll(async () => {
  service = await startTestService();
  ({ schemaArn: interactionsSchemaArn } = (await service.personalize.send(
    new CreateSchemaCommand({ name: 'deletion-interactions', schema: INTERACTIONS_SCHEMA }),
  )) as { schemaArn: string });
  ({ schemaArn: usersSchemaArn } = (await service.personalize.send(
    new CreateSchemaCommand({ name: 'deletion-users', schema: USERS_SCHEMA }),
  )) as { schemaArn: string });
  await putObject(
    service,
    BUCKET,
    'bulk/interactions.csv',
    [
      'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE',
      `u1,i1,${T0},click,1`,
      `u2,i2,${T0 + 1},click,2`,
      `u3,i1,${T0 + 2},buy,3`,
      `u1,i3,${T0 + 3},click,4`,
    ].join('\n'),
  );
  await putObject(service, BUCKET, 'bulk/users.csv', 'USER_ID,AGE\nu1,30\nu2,40\nu3,50\n');
  await putObject(service, BUCKET, 'lists/u1-u2.csv', 'USER_ID\nu1\nu2\nghost\n');
});
afterAll(() => service.stop());

interface Group {
  datasetGroupArn: string;
  interactionsArn: string;
  usersArn: string;
}

/** A fresh group with bulk interactions of u1, u2, u3 and bulk user records of the same. */
async function newGroup(): Promise<Group> {
  const name = `deletions-${++groupCount}`;
  const { datasetGroupArn } = await service.personalize.send(
    new CreateDatasetGroupCommand({ name }),
  );
  const dataset = async (datasetType: 'Interactions' | 'Users', schemaArn: string) =>
    (
      await service.personalize.send(
        new CreateDatasetCommand({
          name: `${name}-${datasetType}`,
          datasetGroupArn,
          schemaArn,
          datasetType,
        }),
      )
    ).datasetArn!;
  const group = {
    datasetGroupArn: datasetGroupArn!,
    interactionsArn: await dataset('Interactions', interactionsSchemaArn),
    usersArn: await dataset('Users', usersSchemaArn),
  };
  await importCsv(
    service,
    group.interactionsArn,
    `${name}-i`,
    `s3://${BUCKET}/bulk/interactions.csv`,
  );
  await importCsv(service, group.usersArn, `${name}-u`, `s3://${BUCKET}/bulk/users.csv`);
  return group;
}

const createDeletion = (datasetGroupArn: string, jobName: string, dataLocation: string) =>
  service.personalize.send(
    new CreateDataDeletionJobCommand({
      jobName,
      datasetGroupArn,
      dataSource: { dataLocation },
      roleArn: ROLE_ARN,
    }),
  );

async function waitForDeletion(arn: string): Promise<DataDeletionJob> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { dataDeletionJob } = await service.personalize.send(
      new DescribeDataDeletionJobCommand({ dataDeletionJobArn: arn }),
    );
    if (dataDeletionJob!.status === 'COMPLETED' || dataDeletionJob!.status === 'FAILED') {
      return dataDeletionJob!;
    }
    if (Date.now() > deadline) throw new Error(`${arn} is still ${dataDeletionJob!.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deleteUsers(datasetGroupArn: string, jobName: string, dataLocation: string) {
  const { dataDeletionJobArn } = await createDeletion(datasetGroupArn, jobName, dataLocation);
  return waitForDeletion(dataDeletionJobArn!);
}

/** The USER_ID of every stored row, in order. */
function userIds(dataset: CompactDataset | undefined): (string | null)[] {
  const column = findColumn(dataset!, 'USER_ID');
  if (column?.kind !== 'string') throw new Error('no USER_ID column');
  return [...column.indices].map((i) => (i === NULL_INDEX ? null : column.dictionary[i]!));
}

const click = (itemId: string, seconds: number): Event => ({
  eventType: 'click',
  itemId,
  sentAt: new Date(seconds * 1000),
});

describe('data deletion jobs', () => {
  it('deletes the listed users’ bulk rows, PutUsers records and events, and keeps the rest', async () => {
    // Prepare
    const group = await newGroup();
    const { trackingId } = await service.personalize.send(
      new CreateEventTrackerCommand({
        name: 'deletion-tracker',
        datasetGroupArn: group.datasetGroupArn,
      }),
    );
    await service.events.send(
      new PutUsersCommand({
        datasetArn: group.usersArn,
        users: [
          { userId: 'u1', properties: '{"age": 31}' },
          { userId: 'u4', properties: '{"age": 60}' },
        ],
      }),
    );
    const put = (sessionId: string, userId: string | undefined, eventList: Event[]) =>
      service.events.send(new PutEventsCommand({ trackingId, sessionId, userId, eventList }));
    await put('s-u1', 'u1', [click('e-u1-a', T0), click('e-u1-b', T0 + 1)]);
    // u2 browses anonymously, signs in (linking the session), then browses signed out again.
    await put('visit', undefined, [click('e-visit-1', T0), click('e-visit-2', T0 + 1)]);
    await put('visit', 'u2', [click('e-u2-buy', T0 + 2)]);
    await put('visit', undefined, [click('e-visit-3', T0 + 3)]);
    await put('s-u3', 'u3', [click('e-u3', T0)]);
    await put('stranger', undefined, [click('e-stranger', T0)]);

    // Act
    const job = await deleteUsers(
      group.datasetGroupArn,
      'two-users',
      `s3://${BUCKET}/lists/u1-u2.csv`,
    );

    // Assess
    expect(job).toMatchObject({ status: 'COMPLETED', numDeleted: 2 });
    expect(job.failureReason).toBeUndefined();
    expect(userIds(await storedData(service, group.interactionsArn))).toEqual(['u3']);
    expect(userIds(await storedData(service, group.usersArn))).toEqual(['u3']);
    const ctx = service.context;
    const records = await ctx.datasetRecords.get(group.usersArn, ['u1', 'u4']);
    expect([...records.keys()]).toEqual(['u4']);
    const latest = (subject: { userId: string } | { sessionId: string }) =>
      ctx.events.latest(group.datasetGroupArn, subject, 100);
    expect(await latest({ userId: 'u1' })).toEqual([]);
    expect(await latest({ userId: 'u2' })).toEqual([]);
    expect(await latest({ sessionId: 'visit' })).toEqual([]);
    expect((await latest({ userId: 'u3' })).map((e) => e.itemId)).toEqual(['e-u3']);
    expect((await latest({ sessionId: 'stranger' })).map((e) => e.itemId)).toEqual(['e-stranger']);
    const training: RecordedEvent[] = [];
    for await (const event of ctx.events.recordedUntil(group.datasetGroupArn, Date.now())) {
      training.push(event);
    }
    expect(training.map((e) => e.itemId).sort()).toEqual(['e-stranger', 'e-u3']);
  });

  it('describes a job and lists a group’s jobs, newest first, in Personalize’s status words', async () => {
    // Prepare
    const group = await newGroup();
    const done = await deleteUsers(
      group.datasetGroupArn,
      'listed-1',
      `s3://${BUCKET}/lists/u1-u2.csv`,
    );
    await deleteUsers(group.datasetGroupArn, 'listed-2', `s3://${BUCKET}/lists/absent.csv`);

    // Act
    const { dataDeletionJob } = await service.personalize.send(
      new DescribeDataDeletionJobCommand({ dataDeletionJobArn: done.dataDeletionJobArn }),
    );
    const { dataDeletionJobs } = await service.personalize.send(
      new ListDataDeletionJobsCommand({ datasetGroupArn: group.datasetGroupArn }),
    );

    // Assess
    expect(dataDeletionJob).toMatchObject({
      jobName: 'listed-1',
      dataDeletionJobArn: arnOf('data-deletion-job', 'listed-1'),
      datasetGroupArn: group.datasetGroupArn,
      dataSource: { dataLocation: `s3://${BUCKET}/lists/u1-u2.csv` },
      roleArn: ROLE_ARN,
      status: 'COMPLETED',
      numDeleted: 2,
    });
    expect(dataDeletionJob!.creationDateTime).toBeInstanceOf(Date);
    expect(dataDeletionJob!.lastUpdatedDateTime!.getTime()).toBeGreaterThanOrEqual(
      dataDeletionJob!.creationDateTime!.getTime(),
    );
    expect(dataDeletionJobs!.map((job) => [job.jobName, job.status])).toEqual([
      ['listed-2', 'FAILED'],
      ['listed-1', 'COMPLETED'],
    ]);
    expect(dataDeletionJobs![1]).toMatchObject({
      dataDeletionJobArn: done.dataDeletionJobArn,
      datasetGroupArn: group.datasetGroupArn,
    });
  });

  describe('fails with the precise reason, deleting nothing,', () => {
    let group: Group;
    let jobs = 0;
    beforeAll(async () => {
      group = await newGroup();
    });

    /** Each job also shows that the one before released the datasets: it could start. */
    const failure = async (csv: string | undefined, location?: string) => {
      const name = `failing-${++jobs}`;
      if (csv !== undefined) await putObject(service, BUCKET, `bad/${name}.csv`, csv);
      const job = await deleteUsers(
        group.datasetGroupArn,
        name,
        location ?? `s3://${BUCKET}/bad/${name}.csv`,
      );
      expect(job.status).toBe('FAILED');
      expect(job.numDeleted).toBeUndefined();
      expect(userIds(await storedData(service, group.interactionsArn))).toEqual([
        'u1',
        'u2',
        'u3',
        'u1',
      ]);
      expect(userIds(await storedData(service, group.usersArn))).toEqual(['u1', 'u2', 'u3']);
      return job.failureReason!;
    };

    it('on a missing object', async () => {
      expect(await failure(undefined, `s3://${BUCKET}/lists/nobody.csv`)).toBe(
        `s3://${BUCKET}/lists/nobody.csv does not exist.`,
      );
    });

    it('on a folder with no files', async () => {
      expect(await failure(undefined, `s3://${BUCKET}/empty-folder/`)).toBe(
        `There is no file under s3://${BUCKET}/empty-folder/.`,
      );
    });

    it('on a header without a USER_ID column', async () => {
      expect(await failure('user_id\nu1\n')).toBe(
        `s3://${BUCKET}/bad/failing-3.csv line 1: the header has no USER_ID column (names are case-sensitive and exact: did you mean USER_ID for "user_id"?); it names "user_id". List the users to delete under a USER_ID header.`,
      );
      expect(await failure('ITEM_ID,NAME\ni1,x\n')).toMatch(
        /failing-4\.csv line 1: the header has no USER_ID column; it names "ITEM_ID", "NAME"\./,
      );
    });

    it('on broken quoting', async () => {
      expect(await failure('USER_ID\nu1\n"u2\n')).toMatch(
        /^s3:\/\/deletions\/bad\/failing-5\.csv line 3: .*quote/i,
      );
    });

    it('on an empty file', async () => {
      expect(await failure('')).toBe(
        `s3://${BUCKET}/bad/failing-6.csv is empty: it has no header row.`,
      );
    });

    it('on a row without a user ID', async () => {
      expect(await failure('USER_ID,NOTE\nu1,a\n,b\n')).toBe(
        `s3://${BUCKET}/bad/failing-7.csv line 3, column USER_ID: a value is required.`,
      );
    });
  });

  it('never rewrites a dataset at the same time as an import', async () => {
    // Prepare
    const group = await newGroup();
    const startImport = (datasetArn: string, jobName: string, file: string) =>
      service.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName,
          datasetArn,
          dataSource: { dataLocation: `s3://${BUCKET}/bulk/${file}` },
          roleArn: ROLE_ARN,
          importMode: 'INCREMENTAL',
        }),
      );
    const list = `s3://${BUCKET}/lists/u1-u2.csv`;

    // Act & Assess: an import holds the Users dataset, so the deletion takes no dataset at all.
    const usersImport = await startImport(group.usersArn, 'users-import', 'users.csv');
    await expect(createDeletion(group.datasetGroupArn, 'during-import', list)).rejects.toThrow(
      new ResourceInUseException({
        message: `Dataset ${group.usersArn} has a job in progress that changes its data (${usersImport.datasetImportJobArn}); wait for it to finish.`,
        $metadata: {},
      }),
    );
    const interactionsImport = await startImport(group.interactionsArn, 'free', 'interactions.csv');
    await waitForJob(service, usersImport.datasetImportJobArn!);
    await waitForJob(service, interactionsImport.datasetImportJobArn!);

    // Act & Assess: a running deletion holds both datasets.
    const { dataDeletionJobArn } = await createDeletion(group.datasetGroupArn, 'holds', list);
    const { dataDeletionJob } = await service.personalize.send(
      new DescribeDataDeletionJobCommand({ dataDeletionJobArn }),
    );
    expect(['PENDING', 'IN_PROGRESS']).toContain(dataDeletionJob!.status);
    for (const datasetArn of [group.interactionsArn, group.usersArn]) {
      await expect(startImport(datasetArn, 'during-deletion', 'users.csv')).rejects.toThrow(
        ResourceInUseException,
      );
    }
    expect((await waitForDeletion(dataDeletionJobArn!)).status).toBe('COMPLETED');
    expect(userIds(await storedData(service, group.interactionsArn))).toEqual(['u3', 'u3']);
    const after = await importCsv(
      service,
      group.usersArn,
      'after',
      `s3://${BUCKET}/bulk/users.csv`,
    );
    expect(after.status).toBe('ACTIVE');
  });

  it('lets a dataset group go with its finished jobs, but not while one runs', async () => {
    // Prepare
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'deletions-empty' }),
    );
    const deleteGroup = () =>
      service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn }));

    // Act & Assess
    const { dataDeletionJobArn } = await createDeletion(
      datasetGroupArn!,
      'in-empty-group',
      `s3://${BUCKET}/lists/u1-u2.csv`,
    );
    await expect(deleteGroup()).rejects.toThrow(ResourceInUseException);
    expect(await waitForDeletion(dataDeletionJobArn!)).toMatchObject({
      status: 'COMPLETED',
      numDeleted: 0,
    });
    await deleteGroup();
    await expect(
      service.personalize.send(new DescribeDataDeletionJobCommand({ dataDeletionJobArn })),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('keeps a group’s jobs when another child refuses the group’s deletion', async () => {
    const group = await newGroup();
    const job = await deleteUsers(group.datasetGroupArn, 'kept', `s3://${BUCKET}/lists/u1-u2.csv`);
    await expect(
      service.personalize.send(
        new DeleteDatasetGroupCommand({ datasetGroupArn: group.datasetGroupArn }),
      ),
    ).rejects.toThrow(
      new ResourceInUseException({
        message: `Cannot delete dataset group ${group.datasetGroupArn}: delete its dataset ${group.interactionsArn} first.`,
        $metadata: {},
      }),
    );
    const { dataDeletionJob } = await service.personalize.send(
      new DescribeDataDeletionJobCommand({ dataDeletionJobArn: job.dataDeletionJobArn }),
    );
    expect(dataDeletionJob!.status).toBe('COMPLETED');
  });

  describe('rejects', () => {
    let datasetGroupArn: string;
    beforeAll(async () => {
      ({ datasetGroupArn } = (await service.personalize.send(
        new CreateDatasetGroupCommand({ name: 'deletions-rejected' }),
      )) as { datasetGroupArn: string });
    });

    const send = (input: Partial<ConstructorParameters<typeof CreateDataDeletionJobCommand>[0]>) =>
      service.personalize.send(
        new CreateDataDeletionJobCommand({
          jobName: 'rejected',
          datasetGroupArn,
          dataSource: { dataLocation: `s3://${BUCKET}/lists/u1-u2.csv` },
          roleArn: ROLE_ARN,
          ...input,
        } as ConstructorParameters<typeof CreateDataDeletionJobCommand>[0]),
      );

    it('an unknown dataset group, and an unknown job', async () => {
      await expect(send({ datasetGroupArn: arnOf('dataset-group', 'ghost') })).rejects.toThrow(
        new ResourceNotFoundException({
          message: `Could not find dataset group with ARN ${arnOf('dataset-group', 'ghost')}.`,
          $metadata: {},
        }),
      );
      await expect(
        service.personalize.send(
          new DescribeDataDeletionJobCommand({
            dataDeletionJobArn: arnOf('data-deletion-job', 'ghost'),
          }),
        ),
      ).rejects.toThrow(ResourceNotFoundException);
    });

    it('a data location that is no S3 URL', async () => {
      await expect(
        send({ dataSource: { dataLocation: 'https://example.com/users.csv' } }),
      ).rejects.toThrow(
        new InvalidInputException({
          message:
            'dataSource.dataLocation must be an S3 URL such as s3://bucket/file.csv or s3://bucket/folder/, got "https://example.com/users.csv".',
          $metadata: {},
        }),
      );
    });

    it('a missing role, a bad job name and a bad group ARN', async () => {
      await expect(send({ roleArn: undefined })).rejects.toThrow(
        "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
      );
      await expect(send({ jobName: '-bad name' })).rejects.toThrow(InvalidInputException);
      await expect(send({ datasetGroupArn: 'group-1' })).rejects.toThrow(InvalidInputException);
    });

    it('a tag key with the reserved prefix', async () => {
      await expect(
        send({ jobName: 'tagged', tags: [{ tagKey: 'aws:owner', tagValue: 'me' }] }),
      ).rejects.toThrow(InvalidInputException);
    });
  });
});
