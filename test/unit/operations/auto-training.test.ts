/**
 * Automatic training's rules on the in-memory stores: Personalize's defaults (on, every 7 days,
 * the first version within the hour), the schedules it accepts, UpdateSolution turning it on and
 * off, and runScheduledTraining starting ordinary versions that say they were automatic, never
 * two at once for one solution, and none while no interactions arrived since the last model.
 */
import { runScheduledTraining } from '../../../layers/core/operations/scheduled/scheduled-training';
import { createGroup, failure, memoryApi, type MemoryApi } from '../../helpers/memory-api';
import { clicksCsv, importInteractions } from '../../helpers/memory-imports';

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

describe('automatic training with no new interactions', () => {
  const POPULARITY = 'arn:aws:personalize:::recipe/aws-popularity-count';

  /** A daily solution whose first automatic version trained ACTIVE on imported clicks. */
  async function trainedDaily() {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'auto-data');
    await importInteractions(api, datasetGroupArn, clicksCsv());
    const { solutionArn } = await api.call('CreateSolution', {
      name: 'daily',
      datasetGroupArn,
      recipeArn: POPULARITY,
      solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(1 day)' } },
    });
    const start = Date.now();
    const [first] = await runScheduledTraining(api.ctx, start + HOUR + 1000);
    await api.ctx.jobs.idle();
    const { solutionVersion } = await api.call('DescribeSolutionVersion', {
      solutionVersionArn: first!.started,
    });
    expect(solutionVersion.status).toBe('ACTIVE');
    /** The moment the solution's nth period after its first version falls due. */
    const period = (n: number) => start + HOUR + n * DAY + 1000;
    return { api, datasetGroupArn, solutionArn: solutionArn as string, period };
  }
  afterEach(() => jest.restoreAllMocks());

  it('skips a period with nothing new, saying why, and trains at the next after events', async () => {
    const { api, datasetGroupArn, solutionArn, period } = await trainedDaily();

    const quiet = await runScheduledTraining(api.ctx, period(1));
    const { trackingId } = await api.call('CreateEventTracker', {
      name: 'clicks',
      datasetGroupArn,
    });
    await api.send('/events', {
      trackingId,
      userId: 'u1',
      sessionId: 's1',
      eventList: [{ eventType: 'click', itemId: 'i3', sentAt: Date.now() / 1000 }],
    });
    const busy = await runScheduledTraining(api.ctx, period(2));
    await api.ctx.jobs.idle();

    expect(quiet).toEqual([
      {
        arn: solutionArn,
        skipped: expect.stringMatching(
          /^No interactions were imported or recorded since \d{4}-\d\d-\d\dT[\d:.]+Z, when its newest model's data ends\.$/,
        ),
      },
    ]);
    expect(busy).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
    expect(await versionsOf(api, solutionArn)).toHaveLength(2);
  });

  it('trains again after an import, and not after one that ended before its last version', async () => {
    const { api, datasetGroupArn, solutionArn, period } = await trainedDaily();

    const quiet = await runScheduledTraining(api.ctx, period(1));
    await importInteractions(api, datasetGroupArn, clicksCsv().replace(/,click,/g, ',view,'));
    const imported = await runScheduledTraining(api.ctx, period(2));
    await api.ctx.jobs.idle();
    const after = await runScheduledTraining(api.ctx, period(3));

    expect(quiet).toEqual([{ arn: solutionArn, skipped: expect.any(String) }]);
    expect(imported).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
    expect(after).toEqual([{ arn: solutionArn, skipped: expect.any(String) }]);
  });

  it('trains at every period while no version has trained ACTIVE', async () => {
    const { api, solutionArn } = await setUp({
      solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(1 day)' } },
    });
    const start = Date.now();

    const first = await runScheduledTraining(api.ctx, start + HOUR + 1000);
    await api.ctx.jobs.idle();
    const second = await runScheduledTraining(api.ctx, start + HOUR + DAY + 2000);

    expect(first).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
    expect(second).toEqual([{ arn: solutionArn, started: expect.any(String) }]);
  });
});
