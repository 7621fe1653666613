/**
 * A tiny linear model with known answers, served as the runtime serves a loaded one: two
 * factors, items along two tastes, so every score can be checked by hand.
 */
import { recipeByName } from '../../../layers/core/recipes/catalogue';
import type { History, Model } from '../../../layers/core/recipes/recipe';
import { FactorScorer } from '../../../layers/core/serving/factor-scorer';
import type { ServedModel } from '../../../layers/core/serving/models';
import type { RecordedEvent } from '../../../layers/core/store/event-ports';

/** Items a0, a1 lean to taste a; b0, b1 to taste b; m is in the middle. */
export const ITEM_FACTORS: Record<string, [number, number]> = {
  a0: [1, 0],
  a1: [0.8, 0.1],
  m: [0.5, 0.5],
  b0: [0, 1],
  b1: [0.1, 0.8],
};
export const USER_FACTORS: Record<string, [number, number]> = { alice: [1, 0] };

/**
 * Scores x·y_i; a learned user's x is theirs (and scored by the FactorScorer, as iALS's are),
 * anyone else's is the weighted sum of their history items' factors (a stand-in for iALS's
 * fold-in, linear as it is).
 */
export class LinearModel implements Model {
  readonly recipe = 'aws-user-personalization';
  readonly itemIds = Object.keys(ITEM_FACTORS);
  readonly histories: History[] = [];

  scoreUser(userId: string | undefined, history: History, scores: Float32Array): void {
    const x = this.userFactor(userId, history);
    this.itemIds.forEach((id, i) => {
      const y = ITEM_FACTORS[id]!;
      scores[i] = x[0]! * y[0] + x[1]! * y[1];
    });
  }

  userFactor(userId: string | undefined, history: History): Float64Array {
    this.histories.push(history);
    const learned = userId === undefined ? undefined : USER_FACTORS[userId];
    if (learned) return Float64Array.from(learned);
    const x = new Float64Array(2);
    for (let e = 0; e < history.items.length; e++) {
      const y = ITEM_FACTORS[this.itemIds[history.items[e]]!]!;
      x[0] += history.weights[e] * y[0];
      x[1] += history.weights[e] * y[1];
    }
    return x;
  }

  encode(): Uint8Array {
    return new Uint8Array(0);
  }
}

export function servedLinear(overrides: Partial<ServedModel> = {}): ServedModel & {
  model: LinearModel;
} {
  const model = new LinearModel();
  const n = model.itemIds.length;
  // The learned users' factors in iALS's artifact format, as the runtime reads them.
  const learned = FactorScorer.of(
    {
      recipe: model.recipe,
      version: 1,
      meta: { factors: 2, userIds: Object.keys(USER_FACTORS) },
      arrays: {
        userFactors: Float32Array.from(Object.values(USER_FACTORS).flat()),
        itemFactors: Float32Array.from(Object.values(ITEM_FACTORS).flat()),
      },
    },
    n,
  )!;
  return {
    versionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/fixture/00000001',
    datasetGroupArn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/fixture',
    recipe: recipeByName('aws-user-personalization')!,
    parameters: { exploration_weight: 0.3, exploration_item_age_cut_off: 30 },
    itemIndex: new Map(model.itemIds.map((id, i) => [id, i])),
    learned,
    popularity: Float32Array.from([0.1, 0.2, 0.9, 0.3, 0.4]),
    trainedUntil: 1_000,
    weigh: (eventType) => (eventType === 'purchase' ? 2 : eventType === 'click' ? 1 : 0),
    scores: learned.scores,
    bytes: 0,
    ...overrides,
    model,
  };
}

let eventCount = 0;

/** A recorded event of `itemId`, recorded at `recordedAt` (epoch ms). */
export const event = (itemId: string, recordedAt = 2_000, eventType = 'click'): RecordedEvent => ({
  datasetGroupArn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/fixture',
  eventId: `e${++eventCount}`,
  eventType,
  sessionId: 's',
  itemId,
  timestamp: recordedAt,
  recordedAt,
  properties: {},
});
