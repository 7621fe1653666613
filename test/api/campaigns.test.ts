/** Campaigns through the official control and runtime clients. */
import {
  CreateCampaignCommand,
  CreateEventTrackerCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DeleteCampaignCommand,
  DeleteSolutionCommand,
  DescribeCampaignCommand,
  InvalidInputException,
  LimitExceededException,
  ListCampaignsCommand,
  ListTagsForResourceCommand,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  StopSolutionVersionCreationCommand,
  UpdateCampaignCommand,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeClient,
  ResourceNotFoundException as RuntimeNotFound,
} from '@aws-sdk/client-personalize-runtime';
import {
  arnOf,
  CREDENTIALS,
  REGION,
  startTestService,
  type TestService,
} from '../helpers/local-service';
import {
  groupWithInteractions,
  trainSolution,
  twoTastesCsv,
  waitForVersion,
} from '../helpers/training';

const recipe = (name: string) => `arn:aws:personalize:::recipe/${name}`;

let service: TestService;
let runtime: PersonalizeRuntimeClient;
let datasetGroupArn: string;
let trackingId: string;
let solutionArn: string;
/** Trained on the planted data alone. */
let v1: string;
/** Trained after 50 users took c-item-0: the most popular item of v2, unknown to v1. */
let v2: string;

/** Each of `users` new users takes `itemId` once, through PutEvents. */
async function popularise(itemId: string, users: number) {
  for (let u = 0; u < users; u++) {
    await service.events.send(
      new PutEventsCommand({
        trackingId,
        userId: `${itemId}-fan-${u}`,
        sessionId: `${itemId}-session-${u}`,
        eventList: [{ eventType: 'click', itemId, sentAt: new Date(1_700_100_000_000 + u) }],
      }),
    );
  }
}

async function topItem(campaignArn: string): Promise<string> {
  const { itemList } = await runtime.send(
    new GetRecommendationsCommand({ campaignArn, userId: 'anyone', numResults: 1 }),
  );
  return itemList![0]!.itemId!;
}

beforeAll(async () => {
  service = await startTestService();
  runtime = new PersonalizeRuntimeClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  datasetGroupArn = await groupWithInteractions(service, twoTastesCsv());
  ({ trackingId } = (await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'campaigns', datasetGroupArn }),
  )) as { trackingId: string });
  const trained = await trainSolution(service, {
    name: 'popular',
    datasetGroupArn,
    recipeArn: recipe('aws-popularity-count'),
  });
  solutionArn = trained.solutionArn;
  v1 = trained.version.solutionVersionArn!;
  await popularise('c-item-0', 50);
  const { solutionVersionArn } = await service.personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  v2 = (await waitForVersion(service, solutionVersionArn!)).solutionVersionArn!;
}, 120_000);
afterAll(async () => {
  runtime.destroy();
  await service.stop();
});

describe('campaigns', () => {
  it('deploys an ACTIVE version and describes, lists and tags the campaign', async () => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name: 'first',
        solutionVersionArn: v1,
        tags: [{ tagKey: 'team', tagValue: 'search' }],
      }),
    );
    expect(campaignArn).toBe(arnOf('campaign', 'first'));

    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    expect(campaign).toMatchObject({
      name: 'first',
      campaignArn,
      solutionVersionArn: v1,
      minProvisionedTPS: 1,
      status: 'ACTIVE',
      campaignConfig: {
        enableMetadataWithRecommendations: false,
        syncWithLatestSolutionVersion: false,
      },
    });
    expect(campaign!.creationDateTime).toBeInstanceOf(Date);
    expect(campaign!.latestCampaignUpdate).toBeUndefined();

    const bySolution = await service.personalize.send(new ListCampaignsCommand({ solutionArn }));
    expect(bySolution.campaigns).toEqual([
      expect.objectContaining({ name: 'first', campaignArn, status: 'ACTIVE' }),
    ]);
    const all = await service.personalize.send(new ListCampaignsCommand({}));
    expect(all.campaigns!.map((c) => c.campaignArn)).toContain(campaignArn);
    const { tags } = await service.personalize.send(
      new ListTagsForResourceCommand({ resourceArn: campaignArn }),
    );
    expect(tags).toEqual([{ tagKey: 'team', tagValue: 'search' }]);
    expect(await topItem(campaignArn!)).not.toBe('c-item-0');
  });

  it('rejects a duplicate name', async () => {
    await service.personalize.send(
      new CreateCampaignCommand({ name: 'twice', solutionVersionArn: v1 }),
    );
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({ name: 'twice', solutionVersionArn: v1 }),
      ),
    ).rejects.toThrow(ResourceAlreadyExistsException);
  });

  it('rejects minProvisionedTPS below 1', async () => {
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({ name: 'no-tps', solutionVersionArn: v1, minProvisionedTPS: 0 }),
      ),
    ).rejects.toThrow(
      "1 validation error detected: Value 0 at 'minProvisionedTPS' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('fails with an unknown solution version', async () => {
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({
          name: 'unknown',
          solutionVersionArn: arnOf('solution', 'popular', '00000000'),
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('fails with a version that is not ACTIVE yet', async () => {
    const { solutionArn: training } = await service.personalize.send(
      new CreateSolutionCommand({
        name: 'still-training',
        datasetGroupArn,
        recipeArn: recipe('aws-popularity-count'),
      }),
    );
    const { solutionVersionArn } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn: training }),
    );
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({ name: 'too-early', solutionVersionArn }),
      ),
    ).rejects.toThrow(ResourceInUseException);
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({ name: 'too-early', solutionVersionArn: `${training}/$LATEST` }),
      ),
    ).rejects.toThrow(/has no ACTIVE solution version/);
    await service.personalize.send(new StopSolutionVersionCreationCommand({ solutionVersionArn }));
  });

  it('fails with a config the recipe does not take', async () => {
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({
          name: 'explores',
          solutionVersionArn: v1,
          campaignConfig: { itemExplorationConfig: { explorationWeight: '0.5' } },
        }),
      ),
    ).rejects.toThrow(
      'itemExplorationConfig applies to solutions of aws-user-personalization; this one uses aws-popularity-count.',
    );
    await expect(
      service.personalize.send(
        new CreateCampaignCommand({
          name: 'syncs',
          solutionVersionArn: v1,
          campaignConfig: { syncWithLatestSolutionVersion: true },
        }),
      ),
    ).rejects.toThrow(InvalidInputException);
  });

  it('keeps its solution from being deleted', async () => {
    await expect(
      service.personalize.send(new DeleteSolutionCommand({ solutionArn })),
    ).rejects.toThrow(ResourceInUseException);
  });

  it('updates to a new version without an error in between, recording the update', async () => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({ name: 'updated', solutionVersionArn: v1 }),
    );
    expect(await topItem(campaignArn!)).not.toBe('c-item-0');

    // Requests keep coming while the update runs; none may fail.
    let updating = true;
    const served: string[] = [];
    const traffic = (async () => {
      while (updating) served.push(await topItem(campaignArn!));
    })();
    await service.personalize.send(
      new UpdateCampaignCommand({ campaignArn, solutionVersionArn: v2, minProvisionedTPS: 2 }),
    );
    updating = false;
    await traffic;
    expect(served.length).toBeGreaterThan(0);

    expect(await topItem(campaignArn!)).toBe('c-item-0');
    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    expect(campaign).toMatchObject({
      status: 'ACTIVE',
      solutionVersionArn: v2,
      minProvisionedTPS: 2,
      latestCampaignUpdate: { solutionVersionArn: v2, minProvisionedTPS: 2, status: 'ACTIVE' },
    });
  });

  it('fails to update to a version of another solution', async () => {
    const other = await trainSolution(service, {
      name: 'other',
      datasetGroupArn,
      recipeArn: recipe('aws-popularity-count'),
    });
    await expect(
      service.personalize.send(
        new UpdateCampaignCommand({
          campaignArn: arnOf('campaign', 'first'),
          solutionVersionArn: other.version.solutionVersionArn,
        }),
      ),
    ).rejects.toThrow(InvalidInputException);
  });

  it('serves a newly trained version by itself with syncWithLatestSolutionVersion', async () => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name: 'synced',
        solutionVersionArn: `${solutionArn}/$LATEST`,
        campaignConfig: { syncWithLatestSolutionVersion: true },
      }),
    );
    expect(await topItem(campaignArn!)).toBe('c-item-0');

    await popularise('d-item-0', 60);
    const { solutionVersionArn: v3 } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    await waitForVersion(service, v3!);
    // Each process looks for a newer version once a second.
    const deadline = Date.now() + 5000;
    while ((await topItem(campaignArn!)) !== 'd-item-0' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await topItem(campaignArn!)).toBe('d-item-0');
    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    expect(campaign).toMatchObject({
      solutionVersionArn: v3,
      campaignConfig: { syncWithLatestSolutionVersion: true },
    });
  }, 60_000);

  it('deletes a campaign, which then serves nothing', async () => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({ name: 'deleted', solutionVersionArn: v1 }),
    );
    await service.personalize.send(new DeleteCampaignCommand({ campaignArn }));
    await expect(
      service.personalize.send(new DescribeCampaignCommand({ campaignArn })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(topItem(campaignArn!)).rejects.toThrow(RuntimeNotFound);
  });

  it("allows 5 campaigns in a dataset group, Personalize's default quota (issue 12)", async () => {
    const create = (name: string) =>
      service.personalize.send(new CreateCampaignCommand({ name, solutionVersionArn: v1 }));
    let refusal: unknown;
    for (let i = 0; i < 6 && !refusal; i++) {
      await create(`quota-${i}`).catch((error: unknown) => (refusal = error));
    }

    expect(refusal).toBeInstanceOf(LimitExceededException);
    expect((refusal as Error).message).toBe(
      `Dataset group ${datasetGroupArn} already has 5 campaigns, the most it can have (quota campaignsPerDatasetGroup); delete one first.`,
    );
    const { campaigns } = await service.personalize.send(new ListCampaignsCommand({}));
    expect(campaigns).toHaveLength(5);
  });
});
