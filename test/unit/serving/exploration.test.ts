import {
  explorationOf,
  explorationPool,
  exploredCount,
  mixIn,
} from '../../../layers/core/serving/exploration';
import type { ItemsData } from '../../../layers/core/serving/items';
import { recipeByName } from '../../../layers/core/recipes/catalogue';
import { servedLinear } from './fixture';

const DAY = 86_400;

const items = (created: Record<string, number>): ItemsData => ({
  datasetArn: 'arn:aws:personalize:us-east-1:000000000000:dataset/fixture/ITEMS',
  fields: [],
  bulkRow: new Map(),
  ids: Object.keys(created),
  created: Float64Array.from(Object.values(created)),
});

describe('explorationOf', () => {
  it('takes the campaign’s config over the solution’s hyperparameters', () => {
    const served = servedLinear();
    expect(explorationOf(served, {})).toEqual({ weight: 0.3, ageCutOffDays: 30 });
    expect(
      explorationOf(served, {
        itemExplorationConfig: { explorationWeight: '0.6', explorationItemAgeCutOff: '7' },
      }),
    ).toEqual({ weight: 0.6, ageCutOffDays: 7 });
  });

  it('explores nothing at weight 0 or for another recipe', () => {
    expect(
      explorationOf(servedLinear(), { itemExplorationConfig: { explorationWeight: '0' } }),
    ).toBeUndefined();
    const ranking = servedLinear({ recipe: recipeByName('aws-personalized-ranking')! });
    expect(explorationOf(ranking, {})).toBeUndefined();
  });
});

describe('explorationPool', () => {
  it('takes items the model lacks, created within the cut-off of the newest item', () => {
    const data = items({
      a0: 100 * DAY,
      new1: 100 * DAY,
      new2: 95 * DAY,
      old: 60 * DAY,
      undated: NaN,
    });
    expect(explorationPool(data, servedLinear(), 30)).toEqual(['new1', 'new2', 'undated']);
    expect(explorationPool(data, servedLinear(), 3)).toEqual(['new1', 'undated']);
  });
});

describe('exploredCount', () => {
  it('gives round(weight × length) slots, at most as many as there are candidates', () => {
    expect(exploredCount(0.3, 25, 100)).toBe(8);
    expect(exploredCount(0.3, 25, 2)).toBe(2);
    expect(exploredCount(1, 10, 100)).toBe(10);
  });
});

describe('mixIn', () => {
  const exploited = ['a0', 'a1', 'm', 'b1', 'b0', 'x1', 'x2'].map((itemId, i) => ({
    itemId,
    score: 1 / (i + 2),
  }));
  const pool = Array.from({ length: 50 }, (_, i) => `new-${i}`);

  it('puts candidates in seeded slots, keeping the exploited order', () => {
    const list = mixIn(exploited, pool, 3, 'RID-one');
    expect(list).toHaveLength(10);
    const explored = list.filter((item) => item.reason);
    expect(explored).toHaveLength(3);
    expect(new Set(explored.map((item) => item.itemId)).size).toBe(3);
    for (const item of explored) {
      expect(item).toEqual({ itemId: expect.stringMatching(/^new-/), reason: ['Exploration'] });
    }
    expect(list.filter((item) => !item.reason)).toEqual(exploited);
  });

  it('gives the same list for the same recommendationId, another for another', () => {
    expect(mixIn(exploited, pool, 3, 'RID-one')).toEqual(mixIn(exploited, pool, 3, 'RID-one'));
    expect(mixIn(exploited, pool, 3, 'RID-two')).not.toEqual(mixIn(exploited, pool, 3, 'RID-one'));
  });

  it('can explore every slot, and none', () => {
    expect(mixIn([], pool, 5, 'RID-all').every((item) => item.reason)).toBe(true);
    expect(mixIn(exploited, pool, 0, 'RID-none')).toEqual(exploited);
  });
});
