/**
 * GetRecommendations and GetPersonalizedRanking through the official runtime client, on the
 * planted two-tastes data: users `a-*` take items `a-*`, users `b-*` items `b-*`.
 */
import {
  CreateCampaignCommand,
  CreateEventTrackerCommand,
  type CampaignConfig,
} from '@aws-sdk/client-personalize';
import { PutItemsCommand } from '@aws-sdk/client-personalize-events';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  InvalidInputException,
  ResourceNotFoundException,
  type GetRecommendationsCommandInput,
} from '@aws-sdk/client-personalize-runtime';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import {
  click as clickAs,
  genresOf,
  ids,
  importTwoTastesItems,
  tasteOf,
  trainVersions,
} from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

const CSV = twoTastesCsv();

/** The items the planted data has interactions with, and how many distinct users each has. */
const trained = new Map<string, Set<string>>();
for (const line of CSV.trim().split('\n').slice(1)) {
  const [user, item] = line.split(',') as [string, string];
  trained.set(item, (trained.get(item) ?? new Set()).add(user));
}

let service: TestService;
let trackingId: string;
let itemsDatasetArn: string;
const campaigns: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestService();
  const datasetGroupArn = await groupWithInteractions(service, CSV);
  ({ trackingId } = (await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'runtime', datasetGroupArn }),
  )) as { trackingId: string });
  itemsDatasetArn = await importTwoTastesItems(service, datasetGroupArn, 'runtime', 1_700_000_000);

  const versions = await trainVersions(service, datasetGroupArn, {
    // iALS, whatever 'auto' would choose on these data: the real-time tests read its learned
    // users and its popularity placeholder.
    user: { recipe: 'aws-user-personalization', algorithmHyperParameters: { algorithm: 'ials' } },
    ranking: 'aws-personalized-ranking',
    related: 'aws-sims',
    popular: 'aws-popularity-count',
  });
  const deploy = async (name: string, version: string, campaignConfig?: CampaignConfig) => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({ name, solutionVersionArn: versions[version], campaignConfig }),
    );
    campaigns[name] = campaignArn!;
  };
  // Without exploration, so every slot shows what the model learned.
  await deploy('user', 'user', {
    itemExplorationConfig: { explorationWeight: '0' },
    enableMetadataWithRecommendations: true,
  });
  await deploy('exploring', 'user', { itemExplorationConfig: { explorationWeight: '0.4' } });
  await deploy('ranking', 'ranking', { enableMetadataWithRecommendations: true });
  await deploy('related', 'related');
  await deploy('popular', 'popular');
}, 180_000);
afterAll(() => service.stop());

async function recommend(
  input: Omit<GetRecommendationsCommandInput, 'campaignArn'> & { campaign: string },
) {
  const { campaign, ...rest } = input;
  return service.runtime.send(
    new GetRecommendationsCommand({ campaignArn: campaigns[campaign], ...rest }),
  );
}

const click = (who: { userId?: string; sessionId: string }, itemIds: string[]) =>
  clickAs(service, trackingId, who, itemIds);

describe('GetRecommendations', () => {
  it('recommends a user items of their own taste, with descending scores', async () => {
    for (const userId of ['a-user-0', 'a-user-7', 'b-user-3', 'b-user-12']) {
      const { itemList, recommendationId } = await recommend({
        campaign: 'user',
        userId,
        numResults: 10,
      });
      expect(itemList).toHaveLength(10);
      expect(new Set(ids(itemList).map(tasteOf))).toEqual(new Set([userId[0]]));
      const scores = itemList!.map((item) => item.score!);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
      expect(recommendationId).toMatch(/^RID-[0-9a-f-]{36}$/);
    }
  });

  it('scores the whole catalogue with a softmax that sums to 1', async () => {
    const { itemList } = await recommend({ campaign: 'user', userId: 'a-user-1', numResults: 500 });
    expect(itemList).toHaveLength(trained.size);
    expect(new Set(ids(itemList))).toEqual(new Set(trained.keys()));
    const sum = itemList!.reduce((total, item) => total + item.score!, 0);
    expect(sum).toBeCloseTo(1, 5);
    // Already-seen items are not removed: the user's own items lead.
    expect(itemList!.slice(0, 5).every((item) => tasteOf(item.itemId!) === 'a')).toBe(true);
  });

  it('returns 25 items by default and refuses more than 500', async () => {
    const { itemList } = await recommend({ campaign: 'user', userId: 'b-user-1' });
    expect(itemList).toHaveLength(25);
    await expect(
      recommend({ campaign: 'user', userId: 'b-user-1', numResults: 501 }),
    ).rejects.toThrow(
      "1 validation error detected: Value 501 at 'numResults' failed to satisfy constraint: Member must have value less than or equal to 500",
    );
  });

  it('recommends related items of the same taste, without the item or scores', async () => {
    for (const itemId of ['a-item-1', 'b-item-4']) {
      const { itemList } = await recommend({ campaign: 'related', itemId, numResults: 10 });
      expect(ids(itemList)).not.toContain(itemId);
      expect(new Set(ids(itemList).map(tasteOf))).toEqual(new Set([itemId[0]]));
      expect(itemList!.every((item) => item.score === undefined)).toBe(true);
    }
    // An item the model never saw gets popular items rather than an error.
    const { itemList } = await recommend({
      campaign: 'related',
      itemId: 'brand-new',
      numResults: 3,
    });
    expect(itemList).toHaveLength(3);
  });

  it('recommends the items most users took, for anyone', async () => {
    const byUsers = [...trained].sort(([a, x], [b, y]) => y.size - x.size || (a < b ? -1 : 1));
    const { itemList } = await recommend({ campaign: 'popular', userId: 'anyone', numResults: 5 });
    expect(itemList!.map((item) => trained.get(item.itemId!)!.size)).toEqual(
      byUsers.slice(0, 5).map(([, users]) => users.size),
    );
    expect(itemList!.every((item) => item.score === undefined)).toBe(true);
  });

  it('refuses input that does not fit the recipe type', async () => {
    await expect(recommend({ campaign: 'user', itemId: 'a-item-1' })).rejects.toThrow(
      /USER_PERSONALIZATION solution \(aws-user-personalization\), which needs a userId/,
    );
    await expect(recommend({ campaign: 'popular' })).rejects.toThrow(InvalidInputException);
    await expect(recommend({ campaign: 'related', userId: 'a-user-1' })).rejects.toThrow(
      /needs an itemId/,
    );
    await expect(recommend({ campaign: 'ranking', userId: 'a-user-1' })).rejects.toThrow(
      /it serves GetPersonalizedRanking/,
    );
    await expect(
      service.runtime.send(
        new GetPersonalizedRankingCommand({
          campaignArn: campaigns.user,
          userId: 'a-user-1',
          inputList: ['a-item-1'],
        }),
      ),
    ).rejects.toThrow(InvalidInputException);
  });

  it('accepts context, and names an unknown campaign or filter as not found', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-2',
      numResults: 3,
      context: { DEVICE: 'mobile' },
    });
    expect(itemList).toHaveLength(3);
    await expect(
      service.runtime.send(
        new GetRecommendationsCommand({ campaignArn: arnOf('campaign', 'nope'), userId: 'u' }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      recommend({ campaign: 'user', userId: 'u', filterArn: arnOf('filter', 'nope') }),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('returns Items metadata, imported and put, when the campaign enables it', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'b-user-2',
      numResults: 5,
      metadataColumns: { ITEMS: ['GENRES'] },
    });
    for (const item of itemList!) {
      expect(item.metadata).toEqual({ GENRES: genresOf(item.itemId!) });
    }
    const first = itemList![0]!.itemId!;
    await service.events.send(
      new PutItemsCommand({
        datasetArn: itemsDatasetArn,
        items: [
          {
            itemId: first,
            properties: JSON.stringify({ genres: 'renamed', creationTimestamp: 1700000000 }),
          },
        ],
      }),
    );
    const again = await recommend({
      campaign: 'user',
      userId: 'b-user-2',
      numResults: 5,
      metadataColumns: { ITEMS: ['GENRES'] },
    });
    expect(again.itemList![0]).toMatchObject({ itemId: first, metadata: { GENRES: 'renamed' } });

    await expect(
      recommend({ campaign: 'popular', userId: 'u', metadataColumns: { ITEMS: ['GENRES'] } }),
    ).rejects.toThrow(/does not return item metadata/);
    await expect(
      recommend({
        campaign: 'user',
        userId: 'u',
        numResults: 51,
        metadataColumns: { ITEMS: ['GENRES'] },
      }),
    ).rejects.toThrow('numResults may be at most 50 when metadataColumns is given, got 51.');
    await expect(
      recommend({ campaign: 'user', userId: 'u', metadataColumns: { ITEMS: ['PRICE'] } }),
    ).rejects.toThrow(/names PRICE, not in the Items schema/);
  });
});

describe('real time', () => {
  it('folds a new user’s events into their next response within a second', async () => {
    const before = await recommend({ campaign: 'user', userId: 'newcomer', numResults: 10 });
    // Someone with no history gets popular items, of both tastes.
    expect(new Set(ids(before.itemList).map(tasteOf))).toEqual(new Set(['a', 'b']));

    const started = Date.now();
    await click({ userId: 'newcomer', sessionId: 'newcomer-visit' }, [
      'b-item-1',
      'b-item-6',
      'b-item-9',
    ]);
    const after = await recommend({ campaign: 'user', userId: 'newcomer', numResults: 10 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(new Set(ids(after.itemList).map(tasteOf))).toEqual(new Set(['b']));
  });

  it('says why: a popular placeholder, or the recorded item a recommendation is most like', async () => {
    const before = await recommend({ campaign: 'user', userId: 'explained', numResults: 5 });
    expect(before.itemList!.map((item) => item.reason)).toEqual(Array(5).fill(['Popular item']));
    await click({ userId: 'explained', sessionId: 'explained-visit' }, ['a-item-2', 'b-item-3']);
    const { itemList } = await recommend({ campaign: 'user', userId: 'explained', numResults: 10 });
    for (const { itemId, reason } of itemList!) {
      expect(reason).toHaveLength(1);
      const [, recorded] = /^Similar to item (.+)$/.exec(reason![0]!)!;
      // The two tastes have unrelated factors: each item is most like the recorded one of its taste.
      expect(tasteOf(recorded!)).toBe(tasteOf(itemId!));
    }
  });

  it('serves an anonymous session from its events, its sessionId as the userId', async () => {
    await click({ sessionId: 'anonymous-visit' }, ['a-item-2', 'a-item-5', 'a-item-8']);
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'anonymous-visit',
      numResults: 10,
    });
    expect(new Set(ids(itemList).map(tasteOf))).toEqual(new Set(['a']));
  });

  it('adds a known user’s new events to what the model learned of them', async () => {
    const firstOther = async () => {
      const { itemList } = await recommend({
        campaign: 'user',
        userId: 'a-user-20',
        numResults: 500,
      });
      return ids(itemList).findIndex((id) => tasteOf(id) === 'b');
    };
    // Trained on the a taste alone, the user's list has every a-item before any b-item.
    expect(await firstOther()).toBe(trained.size / 2);
    await click({ userId: 'a-user-20', sessionId: 'a-user-20-visit' }, [
      'b-item-1',
      'b-item-2',
      'b-item-4',
      'b-item-6',
    ]);
    expect(await firstOther()).toBeLessThan(15);
  });

  it('explores new items as itemExplorationConfig asks', async () => {
    const { itemList, recommendationId } = await recommend({
      campaign: 'exploring',
      userId: 'a-user-3',
      numResults: 10,
    });
    const explored = itemList!.filter((item) => item.reason?.includes('Exploration'));
    expect(explored).toHaveLength(4);
    for (const item of explored) {
      expect(trained.has(item.itemId!)).toBe(false);
      expect(item.score).toBeUndefined();
    }
    const exploited = itemList!.filter((item) => !item.reason);
    expect(exploited).toHaveLength(6);
    expect(exploited.every((item) => item.score! > 0 && tasteOf(item.itemId!) === 'a')).toBe(true);
    expect(recommendationId).toBeDefined();
  });
});

describe('GetPersonalizedRanking', () => {
  it('ranks the user’s taste first and unknown items last without a score', async () => {
    const { personalizedRanking, recommendationId } = await service.runtime.send(
      new GetPersonalizedRankingCommand({
        campaignArn: campaigns.ranking,
        userId: 'a-user-4',
        inputList: ['b-item-1', 'not-an-item', 'a-item-1', 'b-item-2', 'a-item-2', 'unheard-of'],
        metadataColumns: { ITEMS: ['GENRES'] },
      }),
    );
    expect(recommendationId).toMatch(/^RID-/);
    const ranked = ids(personalizedRanking);
    expect(new Set(ranked.slice(0, 2))).toEqual(new Set(['a-item-1', 'a-item-2']));
    expect(new Set(ranked.slice(2, 4))).toEqual(new Set(['b-item-1', 'b-item-2']));
    expect(ranked.slice(4)).toEqual(['not-an-item', 'unheard-of']);
    const scores = personalizedRanking!.slice(0, 4).map((item) => item.score!);
    expect(scores.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    expect(personalizedRanking!.slice(4).every((item) => item.score === undefined)).toBe(true);
    expect(personalizedRanking![0]!.metadata).toEqual({ GENRES: genresOf(ranked[0]!) });
  });
});
