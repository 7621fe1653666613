/**
 * Automatic training's rules on the in-memory stores: Personalize's defaults (on, every 7 days,
 * the first version within the hour), the schedules it accepts, UpdateSolution turning it on and
 * off, and runScheduledTraining starting ordinary versions that say they were automatic, never
 * two at once for one solution.
 */
import { runScheduledTraining } from '../../../layers/core/operations/scheduled/scheduled-training';
import { createGroup, failure, memoryApi, type MemoryApi } from '../../helpers/memory-api';

const SIMS = 'arn:aws:personalize:::recipe/aws-sims';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const createSolution = (api: MemoryApi, datasetGroupArn: string, fields: object = {}) =>
  api.call('CreateSolution', { name: 'movies', datasetGroupArn, recipeArn: SIMS, ...fields });

const versionsOf = async (api: MemoryApi, solutionArn: string) =>
  (await api.call('ListSolutionVersions', { solutionArn })).solutionVersions;

async function setUp(fields: object = {}, holdJobs = false) {
  const api = memoryApi({ holdJobs });
  const datasetGroupArn = await createGroup(api, 'auto');
  const { solutionArn } = await createSolution(api, datasetGroupArn, fields);
  return { api, datasetGroupArn, solutionArn: solutionArn as string };
}

describe('automatic training', () => {
  it("is on by default, every 7 days, as Personalize's is", async () => {
    const { api, solutionArn } = await setUp();

    const { solution } = await api.call('DescribeSolution', { solutionArn });

    expect(solution.performAutoTraining).toBe(true);
    expect(solution.solutionConfig).toEqual({
      autoTrainingConfig: { schedulingExpression: 'rate(7 days)' },
    });
    expect(solution.latestSolutionUpdate).toBeUndefined();
  });

  it('keeps a schedule given, and none when turned off', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'auto');
    const daily = await api.call('CreateSolution', {
      name: 'daily',
      datasetGroupArn,
      recipeArn: SIMS,
      solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(1 day)' } },
    });
    const manual = await api.call('CreateSolution', {
      name: 'manual',
      datasetGroupArn,
      recipeArn: SIMS,
      performAutoTraining: false,
    });

    const one = await api.call('DescribeSolution', { solutionArn: daily.solutionArn });
    const off = await api.call('DescribeSolution', { solutionArn: manual.solutionArn });

    expect(one.solution.solutionConfig.autoTrainingConfig).toEqual({
      schedulingExpression: 'rate(1 day)',
    });
    expect(off.solution).toMatchObject({ performAutoTraining: false });
    expect(off.solution.solutionConfig).toBeUndefined();
  });

  it.each(['rate(0 days)', 'rate(31 days)'])(
    'refuses %s, naming the member and the form',
    async (expression) => {
      const api = memoryApi();
      const datasetGroupArn = await createGroup(api, 'auto');

      const error = await failure(
        createSolution(api, datasetGroupArn, {
          solutionConfig: { autoTrainingConfig: { schedulingExpression: expression } },
        }),
      );

      expect(error.name).toBe('InvalidInputException');
      expect(error.message).toBe(
        `solutionConfig.autoTrainingConfig.schedulingExpression must be rate(N days) with N from 1 to 30, got "${expression}".`,
      );
    },
  );

  it('refuses a schedule out of range in UpdateSolution, naming its member', async () => {
    const { api, solutionArn } = await setUp();

    const error = await failure(
      api.call('UpdateSolution', {
        solutionArn,
        solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(45 days)' } },
      }),
    );

    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toBe(
      'solutionUpdateConfig.autoTrainingConfig.schedulingExpression must be rate(N days) with N from 1 to 30, got "rate(45 days)".',
    );
  });

  it('refuses performIncrementalUpdate, which only aws-semantic-similarity takes', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'auto');
    const { solutionArn } = await createSolution(api, datasetGroupArn);

    const created = await failure(
      api.call('CreateSolution', {
        name: 'incremental',
        datasetGroupArn,
        recipeArn: SIMS,
        performIncrementalUpdate: true,
      }),
    );
    const updated = await failure(
      api.call('UpdateSolution', { solutionArn, performIncrementalUpdate: true }),
    );

    const expected =
      'performIncrementalUpdate may be true only for a solution with aws-semantic-similarity, a recipe Tailor does not serve.';
    expect([created.name, created.message]).toEqual(['InvalidInputException', expected]);
    expect([updated.name, updated.message]).toEqual(['InvalidInputException', expected]);
  });

  it('starts an AUTOMATIC FULL version within the hour, then one each period', async () => {
    const { api, solutionArn } = await setUp({
      solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(2 days)' } },
    });
    const start = Date.now();

    const early = await runScheduledTraining(api.ctx, start + HOUR / 2);
    const first = await runScheduledTraining(api.ctx, start + HOUR + 1000);
    await api.ctx.jobs.idle();
    const again = await runScheduledTraining(api.ctx, start + DAY);
    const second = await runScheduledTraining(api.ctx, start + HOUR + 2 * DAY + 1000);

    expect(early).toEqual([]);
    expect(first).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
    expect(again).toEqual([]);
    expect(second).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
    const versions = await versionsOf(api, solutionArn);
    expect(versions).toHaveLength(2);
    for (const version of versions) {
      expect(version).toMatchObject({ trainingMode: 'FULL', trainingType: 'AUTOMATIC' });
    }
    const { solutionVersion } = await api.call('DescribeSolutionVersion', {
      solutionVersionArn: first[0]!.started,
    });
    expect(solutionVersion).toMatchObject({ trainingMode: 'FULL', trainingType: 'AUTOMATIC' });
  });

  it('skips a solution whose latest version still trains, until a later tick', async () => {
    const { api, solutionArn } = await setUp({}, true);
    await api.call('CreateSolutionVersion', { solutionArn });
    const start = Date.now();

    const busy = await runScheduledTraining(api.ctx, start + 8 * DAY);
    await api.ctx.jobs.startHeld();
    const free = await runScheduledTraining(api.ctx, start + 8 * DAY);

    expect(busy).toEqual([]);
    expect(free).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
    const types = (await versionsOf(api, solutionArn)).map(
      (v: { trainingType: string }) => v.trainingType,
    );
    expect(types.sort()).toEqual(['AUTOMATIC', 'MANUAL']);
  });

  it('tries a version the quota refuses again at the next tick', async () => {
    const api = memoryApi({ holdJobs: true, quotas: { solutionVersionsInProgress: 1 } });
    const datasetGroupArn = await createGroup(api, 'auto');
    const { solutionArn: busyArn } = await createSolution(api, datasetGroupArn);
    const { solutionArn } = await api.call('CreateSolution', {
      name: 'waiting',
      datasetGroupArn,
      recipeArn: SIMS,
    });
    await api.call('CreateSolutionVersion', { solutionArn: busyArn });
    const start = Date.now();

    const refused = await runScheduledTraining(api.ctx, start + 2 * HOUR);
    await api.ctx.jobs.startHeld();
    const retried = await runScheduledTraining(api.ctx, start + 2 * HOUR);

    expect(refused).toEqual([
      {
        arn: solutionArn,
        error:
          'The account already has 1 solution versions in progress, the most it can have (quota solutionVersionsInProgress); wait for one to finish, or stop one.',
      },
    ]);
    expect(retried).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
  });

  it('skips the first automatic version when a manual one comes within the hour', async () => {
    const { api, solutionArn } = await setUp();
    const start = Date.now();
    await api.call('CreateSolutionVersion', { solutionArn });
    await api.ctx.jobs.idle();

    const skipped = await runScheduledTraining(api.ctx, start + 2 * HOUR);
    const weekLater = await runScheduledTraining(api.ctx, start + 7 * DAY + 2 * HOUR);

    expect(skipped).toEqual([]);
    expect(weekLater).toHaveLength(1);
  });

  it('stops when UpdateSolution turns it off, and starts within the hour when turned on', async () => {
    const { api, solutionArn } = await setUp();
    const start = Date.now();

    await api.call('UpdateSolution', { solutionArn, performAutoTraining: false });
    const off = await runScheduledTraining(api.ctx, start + 2 * HOUR);
    const { solution } = await api.call('DescribeSolution', { solutionArn });
    await api.call('UpdateSolution', {
      solutionArn,
      performAutoTraining: true,
      solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(3 days)' } },
    });
    const on = await runScheduledTraining(api.ctx, Date.now() + HOUR + 1000);
    const updated = await api.call('DescribeSolution', { solutionArn });

    expect(off).toEqual([]);
    expect(solution).toMatchObject({
      performAutoTraining: false,
      latestSolutionUpdate: {
        status: 'ACTIVE',
        performAutoTraining: false,
        performIncrementalUpdate: false,
        solutionUpdateConfig: {},
      },
    });
    expect(on).toHaveLength(1);
    expect(updated.solution).toMatchObject({
      performAutoTraining: true,
      solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(3 days)' } },
      latestSolutionUpdate: {
        performAutoTraining: true,
        solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(3 days)' } },
      },
    });
  });
});
