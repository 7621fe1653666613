/**
 * Personalize's default quotas, enforced with LimitExceededException and configurable
 * (docs/quotas.md; issue 12).
 */
import {
  CreateDataDeletionJobCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DeleteDatasetGroupCommand,
  LimitExceededException,
} from '@aws-sdk/client-personalize';
import { parseQuotas } from '../../layers/core/domain/quotas';
import { arnOf, createGroup, startTestService, type TestService } from '../helpers/local-service';
import { ROLE_ARN, waitForJob } from '../helpers/import';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';

const USER_PERSONALIZATION = 'arn:aws:personalize:::recipe/aws-user-personalization';

async function limit(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(LimitExceededException);
  return (error as Error).message;
}

describe("Personalize's default quotas", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(undefined, { quotas: {} });
  });
  afterAll(() => service.stop());

  it('allows 5 dataset groups in the account, and one more once one is deleted', async () => {
    for (let i = 0; i < 5; i++) await createGroup(service, `group-${i}`);

    expect(await limit(createGroup(service, 'group-5'))).toBe(
      'The account already has 5 dataset groups, the most it can have (quota datasetGroups); delete one first.',
    );
    await service.personalize.send(
      new DeleteDatasetGroupCommand({ datasetGroupArn: arnOf('dataset-group', 'group-0') }),
    );
    expect(await createGroup(service, 'group-5')).toBe(arnOf('dataset-group', 'group-5'));
  });
});

describe('quotas changed from the defaults', () => {
  let service: TestService;
  let datasetGroupArn: string;
  let schemaArn: string;
  beforeAll(async () => {
    service = await startTestService(undefined, {
      quotas: {
        datasetGroups: 3,
        schemas: 2,
        solutionsPerDatasetGroup: 2,
        solutionVersionsInProgress: 0,
        datasetImportJobsInProgress: 1,
        dataDeletionJobsPendingPerDatasetGroup: 0,
        filtersPerDatasetGroup: 2,
      },
    });
    datasetGroupArn = await createGroup(service, 'quota-group');
    ({ schemaArn } = (await service.personalize.send(
      new CreateSchemaCommand({ name: 'interactions', schema: INTERACTIONS_SCHEMA }),
    )) as { schemaArn: string });
  });
  afterAll(() => service.stop());

  it('counts schemas in the account', async () => {
    const second = await service.personalize.send(
      new CreateSchemaCommand({ name: 'second', schema: INTERACTIONS_SCHEMA }),
    );
    expect(second.schemaArn).toBe(arnOf('schema', 'second'));

    expect(
      await limit(
        service.personalize.send(
          new CreateSchemaCommand({ name: 'third', schema: INTERACTIONS_SCHEMA }),
        ),
      ),
    ).toBe(
      'The account already has 2 schemas, the most it can have (quota schemas); delete one first.',
    );
  });

  it('counts solutions in their dataset group, not in others', async () => {
    const create = (name: string, group: string) =>
      service.personalize.send(
        new CreateSolutionCommand({
          name,
          datasetGroupArn: group,
          recipeArn: USER_PERSONALIZATION,
        }),
      );
    const { solutionArn } = await create('first-solution', datasetGroupArn);
    await create('second-solution', datasetGroupArn);

    expect(await limit(create('third-solution', datasetGroupArn))).toBe(
      `Dataset group ${datasetGroupArn} already has 2 solutions, the most it can have (quota solutionsPerDatasetGroup); delete one first.`,
    );
    const other = await createGroup(service, 'other-group');
    await expect(create('elsewhere', other)).resolves.toBeDefined();

    expect(
      await limit(service.personalize.send(new CreateSolutionVersionCommand({ solutionArn }))),
    ).toBe(
      'The account already has 0 solution versions in progress, the most it can have (quota solutionVersionsInProgress); wait for one to finish, or stop one.',
    );
  });

  it('counts only import jobs in progress', async () => {
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: 'interactions',
        schemaArn,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );
    const start = (jobName: string) =>
      service.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName,
          datasetArn,
          // Missing: the job fails soon, which ends it.
          dataSource: { dataLocation: `s3://nowhere/${jobName}.csv` },
          roleArn: ROLE_ARN,
        }),
      );
    const { datasetImportJobArn } = await start('running');

    expect(await limit(start('waiting'))).toBe(
      'The account already has 1 dataset import jobs in progress, the most it can have (quota datasetImportJobsInProgress); wait for one to finish.',
    );
    expect((await waitForJob(service, datasetImportJobArn!)).status).toBe('CREATE FAILED');
    await expect(start('after')).resolves.toBeDefined();
  });

  it('counts pending data deletion jobs in the dataset group', async () => {
    expect(
      await limit(
        service.personalize.send(
          new CreateDataDeletionJobCommand({
            jobName: 'forget',
            datasetGroupArn,
            dataSource: { dataLocation: 's3://mine/users.csv' },
            roleArn: ROLE_ARN,
          }),
        ),
      ),
    ).toBe(
      `Dataset group ${datasetGroupArn} already has 0 pending data deletion jobs, the most it can have (quota dataDeletionJobsPendingPerDatasetGroup); wait for one to start.`,
    );
  });

  it('gives a dataset group as many filter slots as its quota', async () => {
    const create = (name: string) =>
      service.personalize.send(
        new CreateFilterCommand({
          name,
          datasetGroupArn,
          filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
        }),
      );
    await create('first-filter');
    await create('second-filter');

    expect(await limit(create('third-filter'))).toBe(
      `Dataset group ${datasetGroupArn} already has 2 filters, the most it can have (quota filtersPerDatasetGroup); delete one first.`,
    );
  });

  it('counts dataset groups against the quota given', async () => {
    await createGroup(service, 'third-group');

    expect(
      await limit(service.personalize.send(new CreateDatasetGroupCommand({ name: 'fourth' }))),
    ).toBe(
      'The account already has 3 dataset groups, the most it can have (quota datasetGroups); delete one first.',
    );
  });
});

describe('quota settings', () => {
  it('reads name=value pairs', () => {
    expect(parseQuotas(' datasetGroups=50, filtersPerDatasetGroup=30 ,', 'TAILOR_QUOTAS')).toEqual({
      datasetGroups: 50,
      filtersPerDatasetGroup: 30,
    });
  });

  it('names an unknown quota and lists the known ones', () => {
    expect(() => parseQuotas('groups=5', '--quota')).toThrow(
      '--quota: "groups" is no quota; the quotas are datasetGroups, schemas, datasetImportJobsInProgress, batchInferenceJobsInProgress, solutionVersionsInProgress, solutionsPerDatasetGroup, campaignsPerDatasetGroup, filtersPerDatasetGroup, dataDeletionJobsPendingPerDatasetGroup.',
    );
  });

  it('refuses a value that is no whole number', () => {
    expect(() => parseQuotas('schemas=-1', 'TAILOR_QUOTAS')).toThrow(
      'TAILOR_QUOTAS: schemas must be a whole number from 0 to 999999999, as schemas=10.',
    );
    expect(() => parseQuotas('schemas', 'TAILOR_QUOTAS')).toThrow(
      'TAILOR_QUOTAS: schemas must be a whole number from 0 to 999999999, as schemas=10.',
    );
  });
});
