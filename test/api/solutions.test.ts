import {
  CreateDatasetGroupCommand,
  CreateSolutionCommand,
  DeleteDatasetGroupCommand,
  DeleteSolutionCommand,
  DescribeSolutionCommand,
  InvalidInputException,
  ListSolutionsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateSolutionCommand,
} from '@aws-sdk/client-personalize';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';

const USER_PERSONALIZATION = 'arn:aws:personalize:::recipe/aws-user-personalization';

let service: TestService;
let datasetGroupArn: string;
beforeAll(async () => {
  service = await startTestService();
  ({ datasetGroupArn } = (await service.personalize.send(
    new CreateDatasetGroupCommand({ name: 'solutions' }),
  )) as { datasetGroupArn: string });
});
afterAll(() => service.stop());

const create = (name: string, fields: Record<string, unknown> = {}) =>
  service.personalize.send(
    new CreateSolutionCommand({
      name,
      datasetGroupArn,
      recipeArn: USER_PERSONALIZATION,
      ...fields,
    }),
  );

describe('solutions', () => {
  it('creates, describes, lists, updates and deletes a solution', async () => {
    const { solutionArn } = await create('movies', {
      eventType: 'watch',
      solutionConfig: {
        algorithmHyperParameters: { hidden_dimension: '32' },
        eventsConfig: { eventParametersList: [{ eventType: 'watch', weight: 0.5 }] },
      },
    });
    expect(solutionArn).toBe(arnOf('solution', 'movies'));

    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );
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
    expect(solution!.latestSolutionVersion).toBeUndefined();

    const { solutions } = await service.personalize.send(
      new ListSolutionsCommand({ datasetGroupArn }),
    );
    expect(solutions!.map((s) => s.name)).toContain('movies');

    await service.personalize.send(
      new UpdateSolutionCommand({
        solutionArn,
        solutionUpdateConfig: {
          eventsConfig: { eventParametersList: [{ eventType: 'click', weight: 1 }] },
        },
      }),
    );
    const updated = await service.personalize.send(new DescribeSolutionCommand({ solutionArn }));
    expect(updated.solution!.solutionConfig!.eventsConfig).toEqual({
      eventParametersList: [{ eventType: 'click', weight: 1 }],
    });

    await service.personalize.send(new DeleteSolutionCommand({ solutionArn }));
    await expect(
      service.personalize.send(new DescribeSolutionCommand({ solutionArn })),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('rejects a duplicate name', async () => {
    await create('twice');
    await expect(create('twice')).rejects.toThrow(ResourceAlreadyExistsException);
  });

  it('keeps its dataset group from being deleted', async () => {
    const { datasetGroupArn: group } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'holds-a-solution' }),
    );
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({
        name: 'held',
        datasetGroupArn: group,
        recipeArn: USER_PERSONALIZATION,
      }),
    );
    await expect(
      service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn: group })),
    ).rejects.toThrow(`delete its solution ${solutionArn} first`);
  });

  describe('rejects', () => {
    it('a recipe together with AutoML, and neither', async () => {
      await expect(create('both', { performAutoML: true })).rejects.toThrow(
        'Give either recipeArn or performAutoML, not both: AutoML chooses the recipe.',
      );
      await expect(
        service.personalize.send(new CreateSolutionCommand({ name: 'neither', datasetGroupArn })),
      ).rejects.toThrow('A solution needs a recipeArn, or performAutoML set to true.');
    });

    it('an unknown recipe', async () => {
      await expect(
        create('unknown-recipe', { recipeArn: 'arn:aws:personalize:::recipe/aws-magic' }),
      ).rejects.toThrow(ResourceNotFoundException);
    });

    it('an unknown or out-of-range hyperparameter, naming each', async () => {
      const error = await create('bad-params', {
        solutionConfig: {
          algorithmHyperParameters: { hidden_dimension: '4', learning_rate: '0.1' },
        },
      }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(InvalidInputException);
      expect((error as Error).message).toMatch(
        /^aws-user-personalization has no hyperparameter "learning_rate" \(it has algorithm, hidden_dimension, .*\); hyperparameter hidden_dimension must be from 8 to 512, got 4\.$/,
      );
    });

    it('HPO ranges outside the declared ones, or of parameters that are not tunable', async () => {
      await expect(
        create('bad-hpo', {
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
      ).rejects.toThrow(
        /maxNumberOfTrainingJobs must be from 1 to 40, got "41"; the range of hidden_dimension must lie within 8 to 512, got 4 to 64; aws-user-personalization has no tunable integer hyperparameter "num_iterations"/,
      );
    });

    it('an hpoConfig without performHPO', async () => {
      await expect(create('hpo-off', { solutionConfig: { hpoConfig: {} } })).rejects.toThrow(
        /hpoConfig needs performHPO set to true/,
      );
    });

    it('AutoML candidates that are not user-personalization recipes', async () => {
      await expect(
        service.personalize.send(
          new CreateSolutionCommand({
            name: 'automl-sims',
            datasetGroupArn,
            performAutoML: true,
            solutionConfig: {
              autoMLConfig: { recipeList: ['arn:aws:personalize:::recipe/aws-sims'] },
            },
          }),
        ),
      ).rejects.toThrow(/may name only USER_PERSONALIZATION recipes/);
    });

    it('an unknown metric, event weight above 1 and a bad schedule', async () => {
      await expect(
        create('bad-config', {
          performAutoML: undefined,
          solutionConfig: {
            eventsConfig: { eventParametersList: [{ eventType: 'watch', weight: 2 }] },
            autoTrainingConfig: { schedulingExpression: 'every day' },
          },
        }),
      ).rejects.toThrow(/2 validation errors detected/);
    });

    it('an unknown dataset group', async () => {
      await expect(
        service.personalize.send(
          new CreateSolutionCommand({
            name: 'orphan',
            datasetGroupArn: arnOf('dataset-group', 'ghost'),
            recipeArn: USER_PERSONALIZATION,
          }),
        ),
      ).rejects.toThrow(ResourceNotFoundException);
    });
  });
});
