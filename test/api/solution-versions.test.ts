import {
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
  InvalidInputException,
  ListSolutionVersionsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  StopSolutionVersionCreationCommand,
} from '@aws-sdk/client-personalize';
import { execFileSync } from 'node:child_process';
import { readArtifact } from '../../layers/core/recipes/artifact';
import { readModel } from '../../layers/core/training/trained-artifacts';
import { importCsv, putObject } from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import {
  groupWithInteractions,
  trainSolution,
  twoTastesCsv,
  waitForVersion,
} from '../helpers/training';

const recipe = (name: string) => `arn:aws:personalize:::recipe/${name}`;
const METRICS = [
  'coverage',
  'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'normalized_discounted_cumulative_gain_at_5',
  'precision_at_10',
  'precision_at_25',
  'precision_at_5',
];

let service: TestService;
let datasetGroupArn: string;
beforeAll(async () => {
  service = await startTestService();
  datasetGroupArn = await groupWithInteractions(service, twoTastesCsv());
});
afterAll(() => service.stop());

/** A version's model artifact, read back from Tailor's bucket. */
async function model(solutionVersionArn: string): Promise<Uint8Array> {
  const ctx = service.context;
  const artifact = await readModel(ctx.objects, ctx.dataBucket, solutionVersionArn, (b) => b);
  return artifact!;
}

/** A version whose 40 HPO trials keep it training long enough to be stopped or killed. */
async function startLongTraining(name: string): Promise<string> {
  const { solutionArn } = await service.personalize.send(
    new CreateSolutionCommand({
      name,
      datasetGroupArn,
      recipeArn: recipe('aws-user-personalization'),
      performHPO: true,
      solutionConfig: { hpoConfig: { hpoResourceConfig: { maxNumberOfTrainingJobs: '40' } } },
    }),
  );
  const { solutionVersionArn } = await service.personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  return solutionVersionArn!;
}

describe('solution versions', () => {
  it('trains a version to ACTIVE and reports Personalize’s metrics', async () => {
    const { solutionArn, version } = await trainSolution(service, {
      name: 'popular',
      datasetGroupArn,
      recipeArn: recipe('aws-popularity-count'),
    });
    expect(version).toMatchObject({
      status: 'ACTIVE',
      solutionArn,
      recipeArn: recipe('aws-popularity-count'),
      trainingMode: 'FULL',
      datasetGroupArn,
    });
    expect(version.trainingHours).toBeGreaterThan(0);
    expect(version.solutionVersionArn).toMatch(
      /^arn:aws:personalize:us-east-1:000000000000:solution\/popular\/[0-9a-f]{8}$/,
    );

    const { metrics } = await service.personalize.send(
      new GetSolutionMetricsCommand({ solutionVersionArn: version.solutionVersionArn }),
    );
    expect(Object.keys(metrics!).sort()).toEqual(METRICS);
    for (const value of Object.values(metrics!)) expect(value).toBeGreaterThanOrEqual(0);

    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );
    expect(solution!.latestSolutionVersion).toMatchObject({
      solutionVersionArn: version.solutionVersionArn,
      status: 'ACTIVE',
    });
    const { solutionVersions } = await service.personalize.send(
      new ListSolutionVersionsCommand({ solutionArn }),
    );
    expect(solutionVersions!.map((v) => v.solutionVersionArn)).toEqual([
      version.solutionVersionArn,
    ]);
  });

  it('fails with Personalize’s minimum-data message when there is too little data', async () => {
    const small = await groupWithInteractions(service, twoTastesCsv(10, 5));
    const { version } = await trainSolution(service, {
      name: 'too-small',
      datasetGroupArn: small,
      recipeArn: recipe('aws-popularity-count'),
    });
    expect(version.status).toBe('CREATE FAILED');
    expect(version.failureReason).toBe(
      'Insufficient data for training: a solution needs at least 1000 interactions and at least 25 unique users with at least 2 interactions each, after filtering by event type and value. This dataset group has 100 interactions and 20 users with at least 2.',
    );
  });

  it('counts only the solution’s event type toward the minimum', async () => {
    const { version } = await trainSolution(service, {
      name: 'no-such-events',
      datasetGroupArn,
      recipeArn: recipe('aws-popularity-count'),
      eventType: 'purchase',
    });
    expect(version.failureReason).toMatch(/This dataset group has 0 interactions/);
  });

  it('chooses a recipe with AutoML and tunes hyperparameters with HPO', async () => {
    const { solutionArn, version } = await trainSolution(service, {
      name: 'automl',
      datasetGroupArn,
      performAutoML: true,
      performHPO: true,
      solutionConfig: {
        autoMLConfig: {
          metricName: 'precision_at_10',
          recipeList: [recipe('tailor-ease')],
        },
        hpoConfig: {
          hpoResourceConfig: { maxNumberOfTrainingJobs: '3' },
          algorithmHyperParameterRanges: {
            continuousHyperParameterRanges: [
              { name: 'l2_regularization', minValue: 1, maxValue: 1000 },
            ],
          },
        },
      },
    });
    expect(version.status).toBe('ACTIVE');
    expect(version.recipeArn).toBe(recipe('tailor-ease'));
    expect(Object.keys(version.tunedHPOParams!.algorithmHyperParameters!)).toEqual([
      'l2_regularization',
    ]);
    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );
    expect(solution!.autoMLResult).toEqual({ bestRecipeArn: recipe('tailor-ease') });
  });

  it('stops a version in training', async () => {
    const solutionVersionArn = await startLongTraining('stopped');
    await service.personalize.send(new StopSolutionVersionCreationCommand({ solutionVersionArn }));
    const version = await waitForVersion(service, solutionVersionArn);
    expect(version.status).toBe('CREATE STOPPED');
    await expect(
      service.personalize.send(new StopSolutionVersionCreationCommand({ solutionVersionArn })),
    ).rejects.toThrow(ResourceInUseException);
    await expect(
      service.personalize.send(new GetSolutionMetricsCommand({ solutionVersionArn })),
    ).rejects.toThrow(/metrics exist once it is ACTIVE/);
  });

  it('ends CREATE FAILED with a reason when the trainer crashes', async () => {
    const solutionVersionArn = await startLongTraining('crashed');
    for (;;) {
      const { solutionVersion } = await service.personalize.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn }),
      );
      if (solutionVersion!.status === 'CREATE IN_PROGRESS') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    execFileSync('pkill', ['-KILL', '-f', solutionVersionArn]);
    const version = await waitForVersion(service, solutionVersionArn!);
    expect(version.status).toBe('CREATE FAILED');
    expect(version.failureReason).toBe(
      "The job's process was stopped by SIGKILL before the job finished.",
    );
  });

  it('gives the same artifact, byte for byte, for the same data', async () => {
    const { solutionArn, version: first } = await trainSolution(service, {
      name: 'deterministic',
      datasetGroupArn,
      recipeArn: recipe('aws-user-personalization'),
    });
    const { solutionVersionArn } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    const second = await waitForVersion(service, solutionVersionArn!);
    expect([first.status, second.status]).toEqual(['ACTIVE', 'ACTIVE']);
    const [a, b] = await Promise.all([
      model(first.solutionVersionArn!),
      model(solutionVersionArn!),
    ]);
    expect(a.length).toBeGreaterThan(1000);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('adds new users and items with trainingMode UPDATE', async () => {
    const group = await groupWithInteractions(service, twoTastesCsv());
    const { solutionArn, version: full } = await trainSolution(service, {
      name: 'updated',
      datasetGroupArn: group,
      recipeArn: recipe('aws-user-personalization'),
      // iALS, whose artifact lists the users it learned.
      solutionConfig: { algorithmHyperParameters: { algorithm: 'ials' } },
    });
    const newcomer =
      'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nnew-user,a-item-0,1800000000,click\nnew-user,new-item,1800000001,click\n';
    await putObject(service, 'training', 'newcomer.csv', newcomer);
    const datasetArn = `${group.replace(':dataset-group/', ':dataset/')}/INTERACTIONS`;
    await importCsv(service, datasetArn, 'newcomer', 's3://training/newcomer.csv', 'INCREMENTAL');

    const { solutionVersionArn } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn, trainingMode: 'UPDATE' }),
    );
    const updated = await waitForVersion(service, solutionVersionArn!);
    expect(updated).toMatchObject({ status: 'ACTIVE', trainingMode: 'UPDATE' });
    const meta = (artifact: Uint8Array) =>
      readArtifact(artifact).meta as { userIds: string[]; itemIds: string[] };
    const before = meta(await model(full.solutionVersionArn!));
    const after = meta(await model(solutionVersionArn!));
    expect(before.userIds).not.toContain('new-user');
    expect(after.userIds).toContain('new-user');
    expect(after.itemIds).toContain('new-item');
  });

  it('refuses UPDATE without an ACTIVE version, or for a recipe that cannot update', async () => {
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({
        name: 'no-update',
        datasetGroupArn,
        recipeArn: recipe('aws-popularity-count'),
      }),
    );
    await expect(
      service.personalize.send(
        new CreateSolutionVersionCommand({ solutionArn, trainingMode: 'UPDATE' }),
      ),
    ).rejects.toThrow(InvalidInputException);
  });

  it('reports an unknown solution or version as not found', async () => {
    await expect(
      service.personalize.send(
        new CreateSolutionVersionCommand({ solutionArn: arnOf('solution', 'ghost') }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      service.personalize.send(
        new GetSolutionMetricsCommand({
          solutionVersionArn: arnOf('solution', 'ghost', '00000000'),
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});
