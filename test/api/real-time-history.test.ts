/**
 * A user's whole recent history through the official runtime client, on planted clusters: users
 * `a-*` to `d-*` take items of their own cluster, and everyone takes the few shared items `s-*`.
 */
import {
  CreateCampaignCommand,
  CreateEventTrackerCommand,
  type CampaignConfig,
} from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { startTestService, type TestService } from '../helpers/local-service';
import { click, ids, recipeArn, tasteOf } from '../helpers/serving';
import { groupWithInteractions, trainSolution } from '../helpers/training';

const CLUSTERS = ['a', 'b', 'c', 'd'];
const ITEMS_PER_CLUSTER = 15;
const SHARED = ['s-item-0', 's-item-1', 's-item-2'];

/**
 * 25 users per cluster, each with 9 items of their own cluster and every shared item: 1,200
 * interactions, above training's minimum of 1,000.
 */
function clustersCsv(): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  let time = 1_700_000_000;
  for (const cluster of CLUSTERS) {
    for (let u = 0; u < 25; u++) {
      const own = Array.from(
        { length: 9 },
        (_, k) => `${cluster}-item-${(u + k * 4) % ITEMS_PER_CLUSTER}`,
      );
      for (const item of [...own, ...SHARED]) {
        lines.push(`${cluster}-user-${u},${item},${time++},click,`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The clusters of a list's items other than the shared ones. */
const clustersOf = (itemIds: string[]) =>
  new Set(itemIds.filter((id) => !SHARED.includes(id)).map(tasteOf));

let service: TestService;
let trackingId: string;
const campaigns: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestService();
  const datasetGroupArn = await groupWithInteractions(service, clustersCsv());
  ({ trackingId } = (await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'history', datasetGroupArn }),
  )) as { trackingId: string });
  const deploy = async (
    name: string,
    recipe: string,
    algorithmHyperParameters: Record<string, string>,
    campaignConfig?: CampaignConfig,
  ) => {
    const { version } = await trainSolution(service, {
      name,
      datasetGroupArn,
      recipeArn: recipeArn(recipe),
      solutionConfig: { algorithmHyperParameters },
    });
    if (version.status !== 'ACTIVE') throw new Error(`${name}: ${version.failureReason}`);
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name,
        solutionVersionArn: version.solutionVersionArn,
        campaignConfig,
      }),
    );
    campaigns[name] = campaignArn!;
  };
  await Promise.all([
    // Every event of the history weighs alike, so the early ones are not decayed away.
    deploy(
      'whole-history',
      'aws-user-personalization',
      { history_decay: '1' },
      { itemExplorationConfig: { explorationWeight: '0' } },
    ),
    deploy('item-to-item', 'tailor-ease', {}),
  ]);
}, 180_000);
afterAll(() => service.stop());

async function recommend(campaign: string, userId: string): Promise<string[]> {
  const { itemList } = await service.runtime.send(
    new GetRecommendationsCommand({ campaignArn: campaigns[campaign], userId, numResults: 10 }),
  );
  return ids(itemList);
}

describe('real-time history', () => {
  it('folds in a new user’s early events, not only their latest 50', async () => {
    // Prepare: 350 clicks on cluster c, then 50 on the items every cluster shares.
    const early = Array.from({ length: 350 }, (_, k) => `c-item-${k % ITEMS_PER_CLUSTER}`);
    const late = Array.from({ length: 50 }, (_, k) => SHARED[k % SHARED.length]!);
    await click(service, trackingId, { userId: 'long-history', sessionId: 'long-visit' }, [
      ...early,
      ...late,
    ]);

    // Act
    const list = await recommend('whole-history', 'long-history');

    // Assess: the latest 50 alone say nothing of cluster c.
    expect(list).toHaveLength(10);
    expect(clustersOf(list)).toEqual(new Set(['c']));
  });

  it('recommends a known user of a model without user factors from their imported history', async () => {
    // Prepare: d-user-3 came through the bulk import and has recorded no event.
    const stranger = await recommend('item-to-item', 'never-seen');

    // Act
    const list = await recommend('item-to-item', 'd-user-3');

    // Assess: the user's own cluster, where someone with no history gets other items.
    expect(list).toHaveLength(10);
    expect(clustersOf(list)).toEqual(new Set(['d']));
    expect(clustersOf(stranger)).not.toEqual(new Set(['d']));
  });

  it('shows someone with no history the most popular items, under a model without user factors', async () => {
    // Act
    const list = await recommend('item-to-item', 'no-history-at-all');

    // Assess: every user took the shared items.
    expect(new Set(list.slice(0, SHARED.length))).toEqual(new Set(SHARED));
  });
});
