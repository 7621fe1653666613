import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  DescribeDatasetImportJobCommand,
  InvalidInputException,
  ListDatasetImportJobsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import { execFileSync } from 'node:child_process';
import { findColumn, type StringColumn } from '../../layers/core/data/compact/columns';
import {
  importCsv,
  interactionsCsv,
  putObject,
  ROLE_ARN,
  storedData,
  waitForJob,
} from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA, ITEMS_SCHEMA, USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
let groupCount = 0;

beforeAll(async () => {
  service = await startTestService();
  for (const [name, schema] of [
    ['interactions', INTERACTIONS_SCHEMA],
    ['items', ITEMS_SCHEMA],
    ['users', USERS_SCHEMA],
  ]) {
    await service.personalize.send(new CreateSchemaCommand({ name: name!, schema: schema! }));
  }
});
afterAll(() => service.stop());

/** A fresh group with one dataset of the type, so tests do not share data. */
async function newDataset(type: 'Interactions' | 'Items' | 'Users'): Promise<string> {
  const name = `imports-${++groupCount}`;
  const { datasetGroupArn } = await service.personalize.send(
    new CreateDatasetGroupCommand({ name }),
  );
  const { datasetArn } = await service.personalize.send(
    new CreateDatasetCommand({
      name: `${name}-${type}`,
      datasetGroupArn,
      datasetType: type,
      schemaArn: arnOf('schema', type.toLowerCase()),
    }),
  );
  return datasetArn!;
}

const ids = (column: StringColumn | undefined, rows: number) =>
  Array.from({ length: rows }, (_, r) => column!.dictionary[column!.indices[r]!]);

describe('dataset import jobs', () => {
  it('imports a generated 100,000-row interactions CSV', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'big/interactions.csv', interactionsCsv(100_000));

    const job = await importCsv(service, datasetArn, 'big', 's3://imports/big/interactions.csv');

    expect(job).toMatchObject({ status: 'ACTIVE', importMode: 'FULL', datasetArn });
    expect(job.dataSource).toEqual({ dataLocation: 's3://imports/big/interactions.csv' });
    const stored = await storedData(service, datasetArn);
    expect(stored!.rowCount).toBe(100_000);
    expect((findColumn(stored!, 'USER_ID') as StringColumn).dictionary).toHaveLength(10_000);
    const { dataset } = await service.personalize.send(new DescribeDatasetCommand({ datasetArn }));
    expect(dataset!.latestDatasetUpdate).toMatchObject({ status: 'ACTIVE' });
    // The counts are Tailor extensions the SDK does not model: raw JSON shows them.
    const raw = async (target: string, body: object) =>
      (await fetch(service.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AmazonPersonalize.${target}`,
        },
        body: JSON.stringify(body),
      }).then((response) => response.json())) as Record<string, Record<string, unknown>>;
    expect(
      (await raw('DescribeDataset', { datasetArn })).dataset!.latestDatasetUpdate,
    ).toMatchObject({
      recordCount: 100_000,
      // What the console draws as the data overview (docs/console.md).
      dataOverview: {
        interactions: 100_000,
        users: 10_000,
        items: 2_000,
        eventTypes: [{ eventType: 'click', count: 100_000 }],
        perUser: [
          { atLeast: 1, count: 0 },
          { atLeast: 2, count: 0 },
          { atLeast: 4, count: 0 },
          { atLeast: 8, count: 10_000 },
        ],
      },
    });
    expect(
      (await raw('DescribeDatasetImportJob', { datasetImportJobArn: job.datasetImportJobArn }))
        .datasetImportJob,
    ).toMatchObject({ recordCount: 100_000, fileCount: 1 });
  });

  it('imports users and items with quoting, embedded commas and newlines, a BOM and CRLF', async () => {
    const items = await newDataset('Items');
    await putObject(
      service,
      'imports',
      'items.csv',
      '\ufeffITEM_ID,GENRES,CREATION_TIMESTAMP\r\n"i,1","Comedy|Drama",1700000000\r\n"i""2","line one\nline two",1700000001\r\n',
    );
    expect((await importCsv(service, items, 'items', 's3://imports/items.csv')).status).toBe(
      'ACTIVE',
    );
    const storedItems = await storedData(service, items);
    expect(ids(findColumn(storedItems!, 'ITEM_ID') as StringColumn, 2)).toEqual(['i,1', 'i"2']);
    expect(ids(findColumn(storedItems!, 'GENRES') as StringColumn, 2)).toEqual([
      'Comedy|Drama',
      'line one\nline two',
    ]);

    const users = await newDataset('Users');
    await putObject(service, 'imports', 'users.csv', 'AGE,USER_ID\n31,u1\n45,u2\n');
    expect((await importCsv(service, users, 'users', 's3://imports/users.csv')).status).toBe(
      'ACTIVE',
    );
    expect((await storedData(service, users))!.rowCount).toBe(2);
  });

  it('imports every .csv under a folder and ignores other files', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'folder/a.csv', interactionsCsv(30));
    await putObject(service, 'imports', 'folder/b.csv', interactionsCsv(20, 30));
    await putObject(service, 'imports', 'folder/readme.txt', 'not data');
    const job = await importCsv(service, datasetArn, 'folder', 's3://imports/folder/');
    expect(job.status).toBe('ACTIVE');
    expect((await storedData(service, datasetArn))!.rowCount).toBe(50);
  });

  it('replaces bulk data on FULL and appends interactions on INCREMENTAL', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'modes/first.csv', interactionsCsv(20));
    await putObject(service, 'imports', 'modes/more.csv', interactionsCsv(5, 20));
    await importCsv(service, datasetArn, 'modes-1', 's3://imports/modes/first.csv');
    await importCsv(service, datasetArn, 'modes-2', 's3://imports/modes/more.csv', 'INCREMENTAL');
    expect((await storedData(service, datasetArn))!.rowCount).toBe(25);
    await importCsv(service, datasetArn, 'modes-3', 's3://imports/modes/more.csv', 'FULL');
    expect((await storedData(service, datasetArn))!.rowCount).toBe(5);
  });

  it('upserts users by ID on INCREMENTAL, the newest row winning', async () => {
    const datasetArn = await newDataset('Users');
    await putObject(service, 'imports', 'upsert/a.csv', 'USER_ID,AGE\nu1,30\nu2,40\n');
    await putObject(service, 'imports', 'upsert/b.csv', 'USER_ID,AGE\nu2,41\nu3,50\n');
    await importCsv(service, datasetArn, 'upsert-1', 's3://imports/upsert/a.csv');
    await importCsv(service, datasetArn, 'upsert-2', 's3://imports/upsert/b.csv', 'INCREMENTAL');
    const stored = await storedData(service, datasetArn);
    expect(ids(findColumn(stored!, 'USER_ID') as StringColumn, stored!.rowCount)).toEqual([
      'u1',
      'u2',
      'u3',
    ]);
    const age = findColumn(stored!, 'AGE');
    expect(age!.kind === 'float64' && Array.from(age!.values)).toEqual([30, 41, 50]);
  });

  describe('fails with the precise reason, importing nothing,', () => {
    const failure = async (name: string, csv: string | undefined, location?: string) => {
      const datasetArn = await newDataset('Interactions');
      await putObject(service, 'imports', 'keep.csv', interactionsCsv(3));
      await importCsv(service, datasetArn, `${name}-ok`, 's3://imports/keep.csv');
      if (csv !== undefined) await putObject(service, 'imports', `bad/${name}.csv`, csv);
      const job = await importCsv(
        service,
        datasetArn,
        name,
        location ?? `s3://imports/bad/${name}.csv`,
        'INCREMENTAL',
      );
      expect(job.status).toBe('CREATE FAILED');
      // No partial import: the data is as before.
      expect((await storedData(service, datasetArn))!.rowCount).toBe(3);
      return job.failureReason!;
    };
    const header = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';

    it('on a header naming no schema field', async () => {
      expect(await failure('header', 'USER_ID,ITEM,TIMESTAMP\nu,i,1\n')).toMatch(
        /bad\/header\.csv line 1, column ITEM: "ITEM" is not a field of the schema/,
      );
    });

    it('on a value of the wrong type', async () => {
      expect(await failure('type', `${header}u1,i1,yesterday,click,1\n`)).toMatch(
        /1 invalid row\. s3:\/\/imports\/bad\/type\.csv line 2, column TIMESTAMP: "yesterday" is not an integer/,
      );
    });

    it('on a missing required value', async () => {
      expect(await failure('required', `${header}u1,,1700000000,click,1\n`)).toMatch(
        /line 2, column ITEM_ID: a value is required/,
      );
    });

    it('on an ID longer than 256 characters', async () => {
      expect(
        await failure('long-id', `${header}${'u'.repeat(257)},i1,1700000000,click,1\n`),
      ).toMatch(/line 2, column USER_ID: .*256/);
    });

    it('on broken quoting', async () => {
      expect(await failure('quotes', `${header}u1,"i1,1700000000,click,1\n`)).toMatch(
        /bad\/quotes\.csv line 2: .*quote/i,
      );
    });

    it('on a syntax error in the first line, without calling the file empty (issue 12)', async () => {
      const reason = await failure('first-line', 'USER_ID,"ITEM_ID,TIMESTAMP\n');
      expect(reason).toMatch(/bad\/first-line\.csv line 1: .*quote/i);
      expect(reason).not.toMatch(/empty/);
    });

    it('on an empty file', async () => {
      expect(await failure('empty', '')).toMatch(/bad\/empty\.csv is empty: it has no header row/);
    });

    it('on a missing object', async () => {
      expect(await failure('missing', undefined, 's3://imports/bad/nothing-here.csv')).toBe(
        's3://imports/bad/nothing-here.csv does not exist.',
      );
    });

    it('on a folder without CSV files', async () => {
      await putObject(service, 'imports', 'no-csv/notes.txt', 'hello');
      expect(await failure('no-csv', undefined, 's3://imports/no-csv/')).toBe(
        'There is no .csv file under s3://imports/no-csv/.',
      );
    });

    it('listing the first problems and counting every invalid row', async () => {
      const rows = Array.from({ length: 12 }, (_, i) => `u${i},i${i},bad,click,1`).join('\n');
      const reason = await failure('many', `${header}${rows}\n`);
      expect(reason).toMatch(/^The import found problems and imported nothing\. 12 invalid rows\./);
      expect(reason.match(/column TIMESTAMP/g)).toHaveLength(5);
    });
  });

  it('runs one import at a time per dataset', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'one-at-a-time.csv', interactionsCsv(10));
    const create = (jobName: string) =>
      service.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName,
          datasetArn,
          dataSource: { dataLocation: 's3://imports/one-at-a-time.csv' },
          roleArn: ROLE_ARN,
        }),
      );
    const first = await create('first-of-two');
    await expect(create('second-of-two')).rejects.toThrow(ResourceInUseException);
    await waitForJob(service, first.datasetImportJobArn!);
    const third = await create('after-the-first');
    expect((await waitForJob(service, third.datasetImportJobArn!)).status).toBe('ACTIVE');
  });

  it('ends CREATE FAILED with a reason when its process is killed', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'slow.csv', interactionsCsv(1_000_000));
    const { datasetImportJobArn } = await service.personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: 'killed',
        datasetArn,
        dataSource: { dataLocation: 's3://imports/slow.csv' },
        roleArn: ROLE_ARN,
      }),
    );
    for (;;) {
      const { datasetImportJob } = await service.personalize.send(
        new DescribeDatasetImportJobCommand({ datasetImportJobArn }),
      );
      if (datasetImportJob!.status === 'CREATE IN_PROGRESS') break;
      expect(datasetImportJob!.status).toBe('CREATE PENDING');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    execFileSync('pkill', ['-KILL', '-f', datasetImportJobArn!]);

    const job = await waitForJob(service, datasetImportJobArn!);
    expect(job.status).toBe('CREATE FAILED');
    expect(job.failureReason).toBe(
      "The job's process was stopped by SIGKILL before the job finished.",
    );
    // The dataset is free for the next import.
    expect(
      (await importCsv(service, datasetArn, 'after-kill', 's3://imports/keep.csv')).status,
    ).toBe('ACTIVE');
  });

  it('lists a dataset’s import jobs', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'listed.csv', interactionsCsv(3));
    await importCsv(service, datasetArn, 'listed-1', 's3://imports/listed.csv');
    await importCsv(service, datasetArn, 'listed-2', 's3://imports/listed.csv');
    const { datasetImportJobs } = await service.personalize.send(
      new ListDatasetImportJobsCommand({ datasetArn }),
    );
    expect(datasetImportJobs!.map((job) => job.jobName)).toEqual(['listed-2', 'listed-1']);
    expect(datasetImportJobs![0]).toMatchObject({ status: 'ACTIVE', importMode: 'FULL' });
  });

  it('rejects a data location that is no S3 URL, and an unknown dataset or job', async () => {
    const datasetArn = await newDataset('Interactions');
    await expect(
      service.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: 'not-s3',
          datasetArn,
          dataSource: { dataLocation: 'https://example.com/data.csv' },
          roleArn: ROLE_ARN,
        }),
      ),
    ).rejects.toThrow(InvalidInputException);
    await expect(
      service.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: 'no-dataset',
          datasetArn: arnOf('dataset', 'ghost', 'INTERACTIONS'),
          dataSource: { dataLocation: 's3://imports/keep.csv' },
          roleArn: ROLE_ARN,
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      service.personalize.send(
        new DescribeDatasetImportJobCommand({
          datasetImportJobArn: arnOf('dataset-import-job', 'ghost'),
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});

describe('deleting an imported dataset', () => {
  it('removes its finished import jobs and stored data, and frees its ARN', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'deleted.csv', interactionsCsv(3));
    const job = await importCsv(service, datasetArn, 'before-delete', 's3://imports/deleted.csv');

    await service.personalize.send(new DeleteDatasetCommand({ datasetArn }));

    await expect(
      service.personalize.send(
        new DescribeDatasetImportJobCommand({ datasetImportJobArn: job.datasetImportJobArn }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    expect(await storedData(service, datasetArn)).toBeUndefined();
  });

  it('refuses while an import runs', async () => {
    const datasetArn = await newDataset('Interactions');
    await putObject(service, 'imports', 'busy.csv', interactionsCsv(3));
    const { datasetImportJobArn } = await service.personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: 'busy',
        datasetArn,
        dataSource: { dataLocation: 's3://imports/busy.csv' },
        roleArn: ROLE_ARN,
      }),
    );
    await expect(
      service.personalize.send(new DeleteDatasetCommand({ datasetArn })),
    ).rejects.toThrow(ResourceInUseException);
    await waitForJob(service, datasetImportJobArn!);
  });
});
