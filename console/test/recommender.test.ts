/** What the recommender page shows of its configuration. */
import { describe, expect, it } from 'vitest';
import { configPairs } from '../src/pages/recommender';

const shown = (pairs: { label: string; value: string }[]) =>
  Object.fromEntries(pairs.map(({ label, value }) => [label, value]));

describe('configPairs', () => {
  it("names Personalize's defaults for a recommender created without a configuration", () => {
    expect(shown(configPairs(undefined))).toEqual({
      'Minimum requests per second': '1',
      'Item exploration': 'Default',
      'Metadata with recommendations': 'Off',
      'Included columns': 'All',
      'Excluded columns': 'None',
    });
  });

  it('lists what was set: the rate, exploration weights and the columns by dataset', () => {
    const pairs = shown(
      configPairs({
        minRecommendationRequestsPerSecond: 5,
        itemExplorationConfig: { explorationWeight: '0.3', explorationItemAgeCutOff: '30' },
        enableMetadataWithRecommendations: true,
        trainingDataConfig: {
          excludedDatasetColumns: { ITEMS: ['GENRES', 'YEAR'], USERS: ['AGE'] },
        },
      }),
    );

    expect(pairs['Minimum requests per second']).toBe('5');
    expect(pairs['Item exploration']).toBe('explorationWeight=0.3, explorationItemAgeCutOff=30');
    expect(pairs['Metadata with recommendations']).toBe('On');
    expect(pairs['Excluded columns']).toBe('ITEMS: GENRES, YEAR; USERS: AGE');
  });
});
