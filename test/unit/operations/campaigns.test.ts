/**
 * Campaigns' rules through the wire's own dispatch on the in-memory stores, with a version
 * imported and trained in this process (jobs/in-process-launcher.ts): deployment of ACTIVE
 * versions only, configs the recipe takes, updates within one solution, deletion order and the
 * campaign quota. Jobs are held until the test starts them, so a version can be caught pending.
 */
import { arnOf, createGroup, failure, memoryApi, type MemoryApi } from '../../helpers/memory-api';
import { clicksCsv, importInteractions } from '../../helpers/memory-imports';

const POPULARITY = 'arn:aws:personalize:::recipe/aws-popularity-count';

let api: MemoryApi;
let datasetGroupArn: string;
let solutionArn: string;
/** Two ACTIVE versions of `solutionArn`. */
let v1: string;
let v2: string;

/** Creates a version of a solution and runs its training to the end. */
async function train(solution: string): Promise<string> {
  const { solutionVersionArn } = await api.call('CreateSolutionVersion', {
    solutionArn: solution,
  });
  await api.ctx.jobs.startHeld();
  const { solutionVersion } = await api.call('DescribeSolutionVersion', { solutionVersionArn });
  if (solutionVersion.status !== 'ACTIVE') {
    throw new Error(`training ended ${solutionVersion.status}: ${solutionVersion.failureReason}`);
  }
  return solutionVersionArn;
}

const createCampaign = (name: string, fields: Record<string, unknown> = {}) =>
  api.call('CreateCampaign', { name, solutionVersionArn: v1, ...fields });

beforeAll(async () => {
  // Training prints its progress on the console (JobDefinition.run takes no log); here it is noise.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  api = memoryApi({ holdJobs: true });
  datasetGroupArn = await createGroup(api, 'campaigns');
  await importInteractions(api, datasetGroupArn, clicksCsv());
  ({ solutionArn } = await api.call('CreateSolution', {
    name: 'popular',
    datasetGroupArn,
    recipeArn: POPULARITY,
  }));
  v1 = await train(solutionArn);
  v2 = await train(solutionArn);
});
afterAll(() => jest.restoreAllMocks());

describe('campaigns', () => {
  it('deploys an ACTIVE version and describes, lists and tags the campaign', async () => {
    // Act
    const { campaignArn } = await createCampaign('first', {
      minProvisionedTPS: 2,
      tags: [{ tagKey: 'team', tagValue: 'web' }],
    });
    const { campaign } = await api.call('DescribeCampaign', { campaignArn });
    const { campaigns } = await api.call('ListCampaigns', { solutionArn });
    const { tags } = await api.call('ListTagsForResource', { resourceArn: campaignArn });

    // Assess
    expect(campaignArn).toBe(arnOf('campaign', 'first'));
    expect(campaign).toMatchObject({
      name: 'first',
      campaignArn,
      solutionVersionArn: v1,
      minProvisionedTPS: 2,
      status: 'ACTIVE',
    });
    expect(campaigns.map((c: { campaignArn: string }) => c.campaignArn)).toContain(campaignArn);
    expect(tags).toEqual([{ tagKey: 'team', tagValue: 'web' }]);
  });

  it('rejects a duplicate name', async () => {
    await createCampaign('twice');

    expect(await failure(createCampaign('twice'))).toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'A campaign named twice already exists.',
    });
  });

  it('rejects minProvisionedTPS below 1', async () => {
    expect((await failure(createCampaign('no-tps', { minProvisionedTPS: 0 }))).message).toBe(
      "1 validation error detected: Value 0 at 'minProvisionedTPS' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('fails with an unknown solution version', async () => {
    const solutionVersionArn = arnOf('solution', 'popular', '00000000');

    expect(await failure(createCampaign('unknown', { solutionVersionArn }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find solution version with ARN ${solutionVersionArn}.`,
    });
  });

  it('fails with a version that is not ACTIVE yet, which then stops', async () => {
    // Prepare
    const { solutionArn: training } = await api.call('CreateSolution', {
      name: 'still-training',
      datasetGroupArn,
      recipeArn: POPULARITY,
    });
    const { solutionVersionArn } = await api.call('CreateSolutionVersion', {
      solutionArn: training,
    });

    // Act
    const pending = await failure(createCampaign('too-early', { solutionVersionArn }));
    const latest = await failure(
      createCampaign('too-early', { solutionVersionArn: `${training}/$LATEST` }),
    );
    await api.call('StopSolutionVersionCreation', { solutionVersionArn });
    await api.ctx.jobs.startHeld();

    // Assess
    expect(pending).toMatchObject({
      name: 'ResourceInUseException',
      message: `Solution version ${solutionVersionArn} is CREATE PENDING: only an ACTIVE version is deployed in a campaign or runs a batch inference job.`,
    });
    expect(latest).toMatchObject({
      name: 'ResourceInUseException',
      message: `Solution ${training} has no ACTIVE solution version to deploy yet.`,
    });
    const { solutionVersion } = await api.call('DescribeSolutionVersion', { solutionVersionArn });
    expect(solutionVersion.status).toBe('CREATE STOPPED');
    expect(api.announced).toContainEqual({
      kind: 'training',
      resourceArn: solutionVersionArn,
      status: 'CREATE STOPPED',
    });
  });

  it('fails with a config the recipe does not take', async () => {
    const exploring = await failure(
      createCampaign('explores', {
        campaignConfig: { itemExplorationConfig: { explorationWeight: '0.5' } },
      }),
    );
    const syncing = await failure(
      createCampaign('syncs', { campaignConfig: { syncWithLatestSolutionVersion: true } }),
    );

    expect(exploring.message).toBe(
      'itemExplorationConfig applies to solutions of aws-user-personalization; this one uses aws-popularity-count.',
    );
    expect(syncing).toMatchObject({
      name: 'InvalidInputException',
      message: `With syncWithLatestSolutionVersion, solutionVersionArn must name a solution as {solutionArn}/$LATEST, not the version ${v1}.`,
    });
  });

  it('keeps its solution from being deleted', async () => {
    expect((await failure(api.call('DeleteSolution', { solutionArn }))).name).toBe(
      'ResourceInUseException',
    );
  });

  it('updates to a new version of its solution, recording the update', async () => {
    const { campaignArn } = await createCampaign('updated');

    await api.call('UpdateCampaign', { campaignArn, solutionVersionArn: v2, minProvisionedTPS: 3 });

    const { campaign } = await api.call('DescribeCampaign', { campaignArn });
    expect(campaign).toMatchObject({
      status: 'ACTIVE',
      solutionVersionArn: v2,
      minProvisionedTPS: 3,
      latestCampaignUpdate: { solutionVersionArn: v2, minProvisionedTPS: 3, status: 'ACTIVE' },
    });
  });

  it('fails to update to a version of another solution', async () => {
    const { campaignArn } = await createCampaign('loyal');
    const { solutionArn: other } = await api.call('CreateSolution', {
      name: 'other',
      datasetGroupArn,
      recipeArn: POPULARITY,
    });
    const foreign = await train(other);

    expect(
      await failure(api.call('UpdateCampaign', { campaignArn, solutionVersionArn: foreign })),
    ).toMatchObject({
      name: 'InvalidInputException',
      message: `Campaign ${campaignArn} deploys versions of solution ${solutionArn}; ${foreign} is of ${other}.`,
    });
  });

  it('deletes a campaign', async () => {
    const { campaignArn } = await createCampaign('deleted');

    await api.call('DeleteCampaign', { campaignArn });

    expect((await failure(api.call('DescribeCampaign', { campaignArn }))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it("allows 5 campaigns in a dataset group, Personalize's default quota, counted over its solutions (issue 12)", async () => {
    // Prepare: the cases before this one left some campaigns in the group.
    const { campaigns } = await api.call('ListCampaigns');
    const room = 5 - campaigns.length;
    for (let i = 0; i < room; i++) await createCampaign(`quota-${i}`);

    // Act
    const refused = await failure(createCampaign('quota-extra'));

    // Assess
    expect(refused).toMatchObject({
      name: 'LimitExceededException',
      message: `Dataset group ${datasetGroupArn} already has 5 campaigns, the most it can have (quota campaignsPerDatasetGroup); delete one first.`,
    });
    expect((await api.call('ListCampaigns')).campaigns).toHaveLength(5);
  });
});

describe('deleting a solution', () => {
  it("removes its versions' models and reports from Tailor's bucket, and no other solution's", async () => {
    // Prepare: a solution whose name begins another's, so a bare prefix would take both.
    const trained = async (name: string) => {
      const { solutionArn: arn } = await api.call('CreateSolution', {
        name,
        datasetGroupArn,
        recipeArn: POPULARITY,
        performAutoTraining: false,
      });
      await train(arn);
      return arn as string;
    };
    const doomed = await trained('doomed');
    await trained('doomed-too');
    const keys = (prefix: string) => api.ctx.objects.list(api.ctx.dataBucket, prefix);
    expect((await keys('solution/doomed/')).length).toBeGreaterThan(0);

    // Act
    await api.call('DeleteSolution', { solutionArn: doomed });

    // Assess
    expect(await keys('solution/doomed/')).toEqual([]);
    expect((await keys('solution/doomed-too/')).length).toBeGreaterThan(0);
  });
});
