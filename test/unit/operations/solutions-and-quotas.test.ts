/**
 * Solutions' rules and Personalize's quotas through the wire's own dispatch on the in-memory
 * stores: the recipe and its configuration checked before anything is stored, deletion order,
 * and each quota counted where it belongs (docs/quotas.md).
 */
import {
  arnOf,
  createDataset,
  createGroup,
  createSchema,
  failure,
  memoryApi,
  type MemoryApi,
} from '../../helpers/memory-api';
import { INTERACTIONS_SCHEMA } from '../../helpers/schemas';

const USER_PERSONALIZATION = 'arn:aws:personalize:::recipe/aws-user-personalization';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/PersonalizeS3';

const createSolution = (
  api: MemoryApi,
  name: string,
  datasetGroupArn: string,
  fields: Record<string, unknown> = {},
) =>
  api.call('CreateSolution', {
    name,
    datasetGroupArn,
    recipeArn: USER_PERSONALIZATION,
    ...fields,
  });

describe('solutions', () => {
  it('creates, describes, lists, updates and deletes a solution', async () => {
    // Prepare
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'solutions');

    // Act
    const { solutionArn } = await createSolution(api, 'movies', datasetGroupArn, {
      eventType: 'watch',
      solutionConfig: {
        algorithmHyperParameters: { hidden_dimension: '32' },
        eventsConfig: { eventParametersList: [{ eventType: 'watch', weight: 0.5 }] },
      },
    });
    const { solution } = await api.call('DescribeSolution', { solutionArn });
    const { solutions } = await api.call('ListSolutions', { datasetGroupArn });
    await api.call('UpdateSolution', {
      solutionArn,
      solutionUpdateConfig: {
        eventsConfig: { eventParametersList: [{ eventType: 'click', weight: 1 }] },
      },
    });
    const updated = await api.call('DescribeSolution', { solutionArn });
    await api.call('DeleteSolution', { solutionArn });

    // Assess
    expect(solutionArn).toBe(arnOf('solution', 'movies'));
    expect(solution).toMatchObject({
      name: 'movies',
      solutionArn,
      recipeArn: USER_PERSONALIZATION,
      datasetGroupArn,
      eventType: 'watch',
      performHPO: false,
      performAutoML: false,
      status: 'ACTIVE',
      solutionConfig: { algorithmHyperParameters: { hidden_dimension: '32' } },
    });
    expect(solution.latestSolutionVersion).toBeUndefined();
    expect(solutions.map((s: { name: string }) => s.name)).toEqual(['movies']);
    expect(updated.solution.solutionConfig.eventsConfig).toEqual({
      eventParametersList: [{ eventType: 'click', weight: 1 }],
    });
    expect((await failure(api.call('DescribeSolution', { solutionArn }))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('rejects a duplicate name', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'solutions');
    await createSolution(api, 'twice', datasetGroupArn);

    expect((await failure(createSolution(api, 'twice', datasetGroupArn))).name).toBe(
      'ResourceAlreadyExistsException',
    );
  });

  it('keeps its dataset group from being deleted', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'holds-a-solution');
    const { solutionArn } = await createSolution(api, 'held', datasetGroupArn);

    expect(await failure(api.call('DeleteDatasetGroup', { datasetGroupArn }))).toMatchObject({
      name: 'ResourceInUseException',
      message: `Cannot delete dataset group ${datasetGroupArn}: delete its solution ${solutionArn} first.`,
    });
  });

  describe('rejects', () => {
    let api: MemoryApi;
    let datasetGroupArn: string;
    beforeEach(async () => {
      api = memoryApi();
      datasetGroupArn = await createGroup(api, 'solutions');
    });

    it('a recipe together with AutoML, and neither', async () => {
      expect(
        (await failure(createSolution(api, 'both', datasetGroupArn, { performAutoML: true })))
          .message,
      ).toBe('Give either recipeArn or performAutoML, not both: AutoML chooses the recipe.');
      expect(
        (await failure(api.call('CreateSolution', { name: 'neither', datasetGroupArn }))).message,
      ).toBe('A solution needs a recipeArn, or performAutoML set to true.');
    });

    it('an unknown recipe', async () => {
      const error = await failure(
        createSolution(api, 'unknown-recipe', datasetGroupArn, {
          recipeArn: 'arn:aws:personalize:::recipe/aws-magic',
        }),
      );

      expect(error.name).toBe('ResourceNotFoundException');
    });

    it('an unknown or out-of-range hyperparameter, naming each', async () => {
      const error = await failure(
        createSolution(api, 'bad-params', datasetGroupArn, {
          solutionConfig: {
            algorithmHyperParameters: { hidden_dimension: '4', learning_rate: '0.1' },
          },
        }),
      );

      expect(error.name).toBe('InvalidInputException');
      expect(error.message).toMatch(
        /^aws-user-personalization has no hyperparameter "learning_rate" \(it has algorithm, hidden_dimension, .*\); hyperparameter hidden_dimension must be from 8 to 512, got 4\.$/,
      );
    });

    it('HPO ranges outside the declared ones, or of parameters that are not tunable', async () => {
      const error = await failure(
        createSolution(api, 'bad-hpo', datasetGroupArn, {
          performHPO: true,
          solutionConfig: {
            hpoConfig: {
              hpoResourceConfig: { maxNumberOfTrainingJobs: '41' },
              algorithmHyperParameterRanges: {
                integerHyperParameterRanges: [
                  { name: 'hidden_dimension', minValue: 4, maxValue: 64 },
                  { name: 'num_iterations', minValue: 5, maxValue: 10 },
                ],
              },
            },
          },
        }),
      );

      expect(error.message).toMatch(
        /maxNumberOfTrainingJobs must be from 1 to 40, got "41"; the range of hidden_dimension must lie within 8 to 512, got 4 to 64; aws-user-personalization has no tunable integer hyperparameter "num_iterations"/,
      );
    });

    it('an hpoConfig without performHPO', async () => {
      const error = await failure(
        createSolution(api, 'hpo-off', datasetGroupArn, { solutionConfig: { hpoConfig: {} } }),
      );

      expect(error.message).toMatch(/hpoConfig needs performHPO set to true/);
    });

    it('AutoML candidates that are not user-personalization recipes', async () => {
      const error = await failure(
        api.call('CreateSolution', {
          name: 'automl-sims',
          datasetGroupArn,
          performAutoML: true,
          solutionConfig: {
            autoMLConfig: { recipeList: ['arn:aws:personalize:::recipe/aws-sims'] },
          },
        }),
      );

      expect(error.message).toMatch(/may name only USER_PERSONALIZATION recipes/);
    });

    it('an event weight above 1 and a bad schedule, in one message', async () => {
      const error = await failure(
        createSolution(api, 'bad-config', datasetGroupArn, {
          solutionConfig: {
            eventsConfig: { eventParametersList: [{ eventType: 'watch', weight: 2 }] },
            autoTrainingConfig: { schedulingExpression: 'every day' },
          },
        }),
      );

      expect(error.message).toMatch(/^2 validation errors detected/);
    });

    it('an unknown dataset group', async () => {
      const error = await failure(createSolution(api, 'orphan', arnOf('dataset-group', 'ghost')));

      expect(error.name).toBe('ResourceNotFoundException');
    });
  });
});

describe("Personalize's default quotas", () => {
  it('allows 5 dataset groups in the account, and one more once one is deleted', async () => {
    const api = memoryApi();
    for (let i = 0; i < 5; i++) await createGroup(api, `group-${i}`);

    expect(await failure(createGroup(api, 'group-5'))).toMatchObject({
      name: 'LimitExceededException',
      message:
        'The account already has 5 dataset groups, the most it can have (quota datasetGroups); delete one first.',
    });
    await api.call('DeleteDatasetGroup', { datasetGroupArn: arnOf('dataset-group', 'group-0') });
    expect(await createGroup(api, 'group-5')).toBe(arnOf('dataset-group', 'group-5'));
  });
});

describe('quotas changed from the defaults', () => {
  it('counts schemas in the account', async () => {
    const api = memoryApi({ quotas: { schemas: 2 } });
    await createSchema(api, 'first', INTERACTIONS_SCHEMA);
    await createSchema(api, 'second', INTERACTIONS_SCHEMA);

    expect((await failure(createSchema(api, 'third', INTERACTIONS_SCHEMA))).message).toBe(
      'The account already has 2 schemas, the most it can have (quota schemas); delete one first.',
    );
  });

  it('counts solutions in their dataset group, not in others', async () => {
    const api = memoryApi({ quotas: { solutionsPerDatasetGroup: 2 } });
    const datasetGroupArn = await createGroup(api, 'quota-group');
    const other = await createGroup(api, 'other-group');
    await createSolution(api, 'first-solution', datasetGroupArn);
    await createSolution(api, 'second-solution', datasetGroupArn);

    expect((await failure(createSolution(api, 'third-solution', datasetGroupArn))).message).toBe(
      `Dataset group ${datasetGroupArn} already has 2 solutions, the most it can have (quota solutionsPerDatasetGroup); delete one first.`,
    );
    expect((await createSolution(api, 'elsewhere', other)).solutionArn).toBe(
      arnOf('solution', 'elsewhere'),
    );
  });

  it('counts solution versions in progress in the account', async () => {
    const api = memoryApi({ quotas: { solutionVersionsInProgress: 0 } });
    const datasetGroupArn = await createGroup(api, 'quota-group');
    const { solutionArn } = await createSolution(api, 'solution', datasetGroupArn);

    expect((await failure(api.call('CreateSolutionVersion', { solutionArn }))).message).toBe(
      'The account already has 0 solution versions in progress, the most it can have (quota solutionVersionsInProgress); wait for one to finish, or stop one.',
    );
  });

  it('counts only import jobs in progress, and makes room once one ends', async () => {
    // Prepare: jobs held pending, as a busy queue holds them, until told to start.
    const api = memoryApi({ quotas: { datasetImportJobsInProgress: 1 }, holdJobs: true });
    const datasetGroupArn = await createGroup(api, 'quota-group');
    const schemaArn = await createSchema(api, 'interactions', INTERACTIONS_SCHEMA);
    const datasetArn = await createDataset(api, datasetGroupArn, 'Interactions', schemaArn);
    const start = (jobName: string) =>
      api.call('CreateDatasetImportJob', {
        jobName,
        datasetArn,
        // Missing: the job fails once it starts, which ends it.
        dataSource: { dataLocation: `s3://nowhere/${jobName}.csv` },
        roleArn: ROLE_ARN,
      });
    const { datasetImportJobArn } = await start('running');

    // Act
    const refused = await failure(start('waiting'));
    await api.ctx.jobs.startHeld();

    // Assess
    expect(refused).toMatchObject({
      name: 'LimitExceededException',
      message:
        'The account already has 1 dataset import jobs in progress, the most it can have (quota datasetImportJobsInProgress); wait for one to finish.',
    });
    const { datasetImportJob } = await api.call('DescribeDatasetImportJob', {
      datasetImportJobArn,
    });
    expect(datasetImportJob.status).toBe('CREATE FAILED');
    expect((await start('after')).datasetImportJobArn).toBe(arnOf('dataset-import-job', 'after'));
  });

  it('counts pending data deletion jobs in the dataset group', async () => {
    const api = memoryApi({ quotas: { dataDeletionJobsPendingPerDatasetGroup: 0 } });
    const datasetGroupArn = await createGroup(api, 'quota-group');

    const error = await failure(
      api.call('CreateDataDeletionJob', {
        jobName: 'forget',
        datasetGroupArn,
        dataSource: { dataLocation: 's3://mine/users.csv' },
        roleArn: ROLE_ARN,
      }),
    );

    expect(error.message).toBe(
      `Dataset group ${datasetGroupArn} already has 0 pending data deletion jobs, the most it can have (quota dataDeletionJobsPendingPerDatasetGroup); wait for one to start.`,
    );
  });

  it('gives a dataset group as many filter slots as its quota', async () => {
    const api = memoryApi({ quotas: { filtersPerDatasetGroup: 2 } });
    const datasetGroupArn = await createGroup(api, 'quota-group');
    const create = (name: string) =>
      api.call('CreateFilter', {
        name,
        datasetGroupArn,
        filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
      });
    await create('first-filter');
    await create('second-filter');

    expect((await failure(create('third-filter'))).message).toBe(
      `Dataset group ${datasetGroupArn} already has 2 filters, the most it can have (quota filtersPerDatasetGroup); delete one first.`,
    );
  });
});
