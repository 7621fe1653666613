/**
 * Filters in GetRecommendations and GetPersonalizedRanking, through the official clients, on the
 * planted two-tastes data: users `a-*` take items `a-*`, users `b-*` items `b-*`; each item's
 * GENRES is its taste and itself (`a-taste|a-item-3`).
 */
import {
  CreateCampaignCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
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
  ids,
  importTwoTastesItems,
  tasteOf,
  trainVersions,
} from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

const CSV = twoTastesCsv();

/** The items the planted data has interactions with: the models' catalogue. */
const trained = new Set(
  CSV.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[1]!),
);

let service: TestService;
let trackingId: string;
let datasetGroupArn: string;
const campaigns: Record<string, string> = {};
const filters: Record<string, string> = {};

const FILTERS = {
  genres: 'EXCLUDE ItemID WHERE Items.GENRES IN ($GENRES)',
  onlyGenres: 'INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)',
  clicked: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
  otherTaste: 'EXCLUDE ItemID WHERE Items.GENRES IN (CurrentItem.GENRES)',
  // As AWS's sample notebooks write them: dataset and field names in any case.
  anyCaseGenres: 'EXCLUDE ItemID WHERE ITEMS.genres IN ($GENRES)',
  anyCaseClicked: 'INCLUDE ItemID WHERE interactions.event_type IN ("click")',
};

beforeAll(async () => {
  service = await startTestService();
  datasetGroupArn = await groupWithInteractions(service, CSV);
  ({ trackingId } = (await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'filtered', datasetGroupArn }),
  )) as { trackingId: string });
  await importItems();
  for (const [name, filterExpression] of Object.entries(FILTERS)) {
    const { filterArn } = await service.personalize.send(
      new CreateFilterCommand({ name, datasetGroupArn, filterExpression }),
    );
    filters[name] = filterArn!;
  }

  const versions = await trainVersions(service, datasetGroupArn, {
    user: 'aws-user-personalization',
    ranking: 'aws-personalized-ranking',
    related: 'aws-sims',
  });
  for (const [name, solutionVersionArn] of Object.entries(versions)) {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name,
        solutionVersionArn,
        // Without exploration, so every slot shows what the model learned.
        ...(name === 'user'
          ? { campaignConfig: { itemExplorationConfig: { explorationWeight: '0' } } }
          : {}),
      }),
    );
    campaigns[name] = campaignArn!;
  }
}, 180_000);
afterAll(() => service.stop());

/** Items 0–29 of both tastes imported; then a-item-3's GENRES replaced by PutItems. */
async function importItems(): Promise<void> {
  const datasetArn = await importTwoTastesItems(service, datasetGroupArn, 'filtered', 1);
  await service.events.send(
    new PutItemsCommand({
      datasetArn,
      items: [
        {
          itemId: 'a-item-3',
          properties: JSON.stringify({ genres: 'a-taste|special', creationTimestamp: 1 }),
        },
      ],
    }),
  );
}

async function recommend(
  input: Omit<GetRecommendationsCommandInput, 'campaignArn'> & { campaign: string },
) {
  const { campaign, ...rest } = input;
  return service.runtime.send(
    new GetRecommendationsCommand({ campaignArn: campaigns[campaign], ...rest }),
  );
}

const rank = (userId: string, inputList: string[], filter?: object) =>
  service.runtime.send(
    new GetPersonalizedRankingCommand({
      campaignArn: campaigns.ranking,
      userId,
      inputList,
      ...filter,
    }),
  );

const click = (who: { userId?: string; sessionId: string }, itemIds: string[]) =>
  clickAs(service, trackingId, who, itemIds);

describe('Items filters', () => {
  it('removes the items whose field holds a filterValues value from a user’s list', async () => {
    const unfiltered = await recommend({ campaign: 'user', userId: 'a-user-0', numResults: 10 });
    expect(new Set(ids(unfiltered.itemList).map(tasteOf))).toEqual(new Set(['a']));

    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-0',
      numResults: 10,
      filterArn: filters.genres,
      filterValues: { GENRES: '"a-taste","b-item-1"' },
    });
    expect(itemList).toHaveLength(10);
    expect(new Set(ids(itemList).map(tasteOf))).toEqual(new Set(['b']));
    expect(ids(itemList)).not.toContain('b-item-1');
    // Scores stay those of the whole catalogue, in descending order.
    const scores = itemList!.map((item) => item.score!);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('reads PutItems records in place of the imported row', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 500,
      filterArn: filters.genres,
      filterValues: { GENRES: '"special"' },
    });
    expect(ids(itemList)).not.toContain('a-item-3');
    expect(itemList).toHaveLength(trained.size - 1);
  });

  it('leaves out an EXCLUDE expression whose values are not given', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 500,
      filterArn: filters.genres,
    });
    expect(itemList).toHaveLength(trained.size);
  });

  it('filters a ranking’s input list, unknown items included', async () => {
    const { personalizedRanking } = await rank(
      'a-user-4',
      ['b-item-1', 'a-item-1', 'not-an-item', 'b-item-2', 'a-item-2', 'a-item-3'],
      { filterArn: filters.genres, filterValues: { GENRES: '"b-taste","special"' } },
    );
    const ranked = ids(personalizedRanking);
    expect(new Set(ranked.slice(0, 2))).toEqual(new Set(['a-item-1', 'a-item-2']));
    // An item without Items data has no GENRES to exclude it; it comes last, without a score.
    expect(ranked.slice(2)).toEqual(['not-an-item']);
    const scores = personalizedRanking!.slice(0, 2).map((item) => item.score!);
    expect(scores[0]! + scores[1]!).toBeCloseTo(1, 5);
  });

  it('returns fewer items when the filter allows fewer than asked', async () => {
    const allowed = [...trained].filter((id) => tasteOf(id) === 'b').slice(0, 3);
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-2',
      numResults: 10,
      filterArn: filters.onlyGenres,
      filterValues: { GENRES: allowed.map((id) => `"${id}"`).join(',') },
    });
    expect(new Set(ids(itemList))).toEqual(new Set(allowed));
    const none = await recommend({
      campaign: 'user',
      userId: 'a-user-2',
      numResults: 10,
      filterArn: filters.onlyGenres,
      filterValues: { GENRES: '"no-such-genre"' },
    });
    expect(none.itemList).toEqual([]);
    // An INCLUDE expression cannot go without its values.
    await expect(
      recommend({ campaign: 'user', userId: 'a-user-2', filterArn: filters.onlyGenres }),
    ).rejects.toThrow(/filterValues is missing GENRES/);
  });

  it('compares with CurrentItem in a related-items request', async () => {
    const { itemList } = await recommend({
      campaign: 'related',
      itemId: 'a-item-1',
      numResults: 10,
      filterArn: filters.otherTaste,
    });
    expect(itemList!.length).toBeGreaterThan(0);
    expect(ids(itemList).filter((id) => tasteOf(id) === 'a')).toEqual([]);
    // Without an item there is no CurrentItem to compare with.
    await expect(
      recommend({ campaign: 'user', userId: 'a-user-1', filterArn: filters.otherTaste }),
    ).rejects.toThrow(/only a related-items request/);
  });
});

describe('Interactions filters', () => {
  it('excludes what a new user clicked a moment before the request', async () => {
    await click({ userId: 'filtered-newcomer', sessionId: 'filtered-visit' }, [
      'b-item-1',
      'b-item-6',
      'b-item-9',
    ]);
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'filtered-newcomer',
      numResults: 500,
      filterArn: filters.clicked,
    });
    expect(itemList).toHaveLength(trained.size - 3);
    for (const id of ['b-item-1', 'b-item-6', 'b-item-9']) expect(ids(itemList)).not.toContain(id);
    // The events still shape the list: the user's taste leads.
    expect(tasteOf(itemList![0]!.itemId!)).toBe('b');
  });

  it('excludes what a user did in the imported data', async () => {
    const taken = new Set(
      CSV.split('\n')
        .filter((line) => line.startsWith('a-user-3,'))
        .map((line) => line.split(',')[1]!),
    );
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-3',
      numResults: 500,
      filterArn: filters.clicked,
    });
    expect(itemList).toHaveLength(trained.size - taken.size);
    for (const id of taken) expect(ids(itemList)).not.toContain(id);
  });

  it('excludes a known user’s top item once they click it', async () => {
    const before = await recommend({
      campaign: 'user',
      userId: 'a-user-5',
      numResults: 5,
      filterArn: filters.clicked,
    });
    const top = before.itemList![0]!.itemId!;
    await click({ userId: 'a-user-5', sessionId: 'a-user-5-visit' }, [top]);
    const after = await recommend({
      campaign: 'user',
      userId: 'a-user-5',
      numResults: 5,
      filterArn: filters.clicked,
    });
    expect(ids(after.itemList)).not.toContain(top);
    expect(after.itemList).toHaveLength(5);

    const { personalizedRanking } = await rank('a-user-5', [top, 'a-item-2', 'b-item-2'], {
      filterArn: filters.clicked,
    });
    expect(ids(personalizedRanking)).not.toContain(top);
  });

  it('excludes an anonymous session’s clicks, its sessionId as the userId', async () => {
    await click({ sessionId: 'filtered-anonymous' }, ['a-item-2', 'a-item-5']);
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'filtered-anonymous',
      numResults: 500,
      filterArn: filters.clicked,
    });
    expect(ids(itemList)).not.toContain('a-item-2');
    expect(ids(itemList)).not.toContain('a-item-5');
  });
});

describe('dataset and field names in any case', () => {
  it('reads ITEMS.genres as Items.GENRES, imported rows and PutItems records alike', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 500,
      filterArn: filters.anyCaseGenres,
      filterValues: { GENRES: '"special","b-item-1"' },
    });
    expect(ids(itemList)).not.toContain('a-item-3');
    expect(ids(itemList)).not.toContain('b-item-1');
    expect(itemList).toHaveLength(trained.size - 2);
  });

  it('keeps $PARAMETER names as written: filterValues must spell them alike', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 500,
      filterArn: filters.anyCaseGenres,
      filterValues: { genres: '"special"' },
    });
    expect(itemList).toHaveLength(trained.size);
  });

  it('reads interactions.event_type as Interactions.EVENT_TYPE', async () => {
    await click({ userId: 'any-case-user', sessionId: 'any-case-visit' }, ['b-item-1', 'b-item-6']);
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'any-case-user',
      numResults: 500,
      filterArn: filters.anyCaseClicked,
    });
    expect(ids(itemList).sort()).toEqual(['b-item-1', 'b-item-6']);
  });
});

describe('filter errors', () => {
  it('refuses a filter of another dataset group', async () => {
    const { datasetGroupArn: other } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'other-group' }),
    );
    const { filterArn } = await service.personalize.send(
      new CreateFilterCommand({
        name: 'other-group-filter',
        datasetGroupArn: other,
        filterExpression: FILTERS.clicked,
      }),
    );
    const request = recommend({ campaign: 'user', userId: 'a-user-1', filterArn });
    await expect(request).rejects.toThrow(InvalidInputException);
    await expect(request).rejects.toThrow(/belongs to dataset group .*other-group/);
    await expect(rank('a-user-1', ['a-item-1'], { filterArn })).rejects.toThrow(
      InvalidInputException,
    );
  });

  it('names an unknown filter as not found', async () => {
    const filterArn = arnOf('filter', 'no-such-filter');
    await expect(recommend({ campaign: 'user', userId: 'a-user-1', filterArn })).rejects.toThrow(
      ResourceNotFoundException,
    );
    await expect(rank('a-user-1', ['a-item-1'], { filterArn })).rejects.toThrow(
      ResourceNotFoundException,
    );
  });

  it('refuses malformed filterValues', async () => {
    await expect(
      recommend({
        campaign: 'user',
        userId: 'a-user-1',
        filterArn: filters.genres,
        filterValues: { GENRES: 'unquoted' },
      }),
    ).rejects.toThrow(/filterValues GENRES must be comma-separated "quoted" values/);
  });

  it('refuses a filterValues key that is no parameter name, at the map, in AWS’s words', async () => {
    await expect(
      recommend({
        campaign: 'user',
        userId: 'a-user-1',
        filterArn: filters.genres,
        filterValues: { $GENRES: '"g1"' },
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InvalidInputException',
        message:
          "1 validation error detected: Value '$GENRES' at 'filterValues' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9_]+]",
      }),
    );
  });
});

describe('promotions', () => {
  const promoteTaste = (taste: string, percentPromotedItems: number, name = 'other-taste') => ({
    name,
    percentPromotedItems,
    filterArn: filters.onlyGenres,
    filterValues: { GENRES: `"${taste}-taste"` },
  });

  it('gives the promotion its share of the list, best first among themselves, named', async () => {
    const plain = await recommend({ campaign: 'user', userId: 'a-user-1', numResults: 10 });
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 10,
      promotions: [promoteTaste('b', 30)],
    });
    expect(itemList).toHaveLength(10);
    const promoted = itemList!.filter((item) => item.promotionName === 'other-taste');
    expect(promoted.map((item) => tasteOf(item.itemId!))).toEqual(['b', 'b', 'b']);
    expect(promoted.map((item) => item.reason)).toEqual(Array(3).fill(['Promoted item']));
    const scores = promoted.map((item) => item.score!);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    // The rest is the list without a promotion, shortened to make room.
    const rest = itemList!.filter((item) => item.promotionName === undefined);
    expect(ids(rest)).toEqual(ids(plain.itemList).slice(0, 7));
    expect(new Set(ids(itemList)).size).toBe(10);
  });

  it('places promoted items at random positions, reproducibly per response', async () => {
    const positions = new Set<string>();
    for (let k = 0; k < 6; k++) {
      const { itemList } = await recommend({
        campaign: 'user',
        userId: 'a-user-2',
        numResults: 10,
        promotions: [promoteTaste('b', 30)],
      });
      positions.add(
        itemList!.flatMap((item, position) => (item.promotionName ? [position] : [])).join(),
      );
    }
    expect(positions.size).toBeGreaterThan(1);
  });

  it('applies its own filter to promoted items and the request filter to the rest only', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 10,
      filterArn: filters.genres,
      filterValues: { GENRES: '"b-taste"' },
      promotions: [promoteTaste('b', 20)],
    });
    const promoted = itemList!.filter((item) => item.promotionName);
    expect(promoted.map((item) => tasteOf(item.itemId!))).toEqual(['b', 'b']);
    const rest = itemList!.filter((item) => !item.promotionName);
    expect(rest.length).toBe(8);
    expect(rest.every((item) => tasteOf(item.itemId!) === 'a')).toBe(true);
  });

  it('promotes as many as qualify and fills the list with the rest', async () => {
    const { itemList } = await recommend({
      campaign: 'user',
      userId: 'a-user-1',
      numResults: 10,
      promotions: [
        { ...promoteTaste('b', 50, 'one-item'), filterValues: { GENRES: '"b-item-4"' } },
      ],
    });
    expect(itemList).toHaveLength(10);
    expect(itemList!.filter((item) => item.promotionName).map((item) => item.itemId)).toEqual([
      'b-item-4',
    ]);
  });

  it('promotes in related items, never the item asked about', async () => {
    const { itemList } = await recommend({
      campaign: 'related',
      itemId: 'a-item-1',
      numResults: 6,
      promotions: [
        {
          percentPromotedItems: 50,
          filterArn: filters.onlyGenres,
          filterValues: { GENRES: '"a-taste","b-taste"' },
        },
      ],
    });
    expect(itemList).toHaveLength(6);
    expect(ids(itemList)).not.toContain('a-item-1');
    // Without a name, promoted items carry none.
    expect(itemList!.every((item) => item.promotionName === undefined)).toBe(true);
  });

  it('refuses promotions that promote nothing or are malformed', async () => {
    const userRequest = (promotion: object) =>
      recommend({ campaign: 'user', userId: 'a-user-1', promotions: [promotion] });
    await expect(userRequest({ name: 'p', percentPromotedItems: 10 })).rejects.toThrow(
      'A promotion needs a filterArn (the items it promotes) and percentPromotedItems (their share of the list); promotion p lacks filterArn.',
    );
    await expect(userRequest({ filterArn: filters.onlyGenres })).rejects.toThrow(
      /the promotion lacks percentPromotedItems/,
    );
    await expect(userRequest(promoteTaste('b', 0))).rejects.toThrow(
      "1 validation error detected: Value 0 at 'promotions[0].percentPromotedItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await expect(userRequest(promoteTaste('b', 10, '-bad name'))).rejects.toThrow(
      /at 'promotions\[0\].name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await expect(
      userRequest({ ...promoteTaste('b', 10), filterArn: arnOf('filter', 'no-such-filter') }),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      recommend({
        campaign: 'user',
        userId: 'a-user-1',
        promotions: [promoteTaste('a', 10), promoteTaste('b', 10)],
      }),
    ).rejects.toThrow(
      /at 'promotions' failed to satisfy constraint: Member must have length less than or equal to 1/,
    );
  });
});
