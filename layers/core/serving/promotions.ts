/**
 * A promotion in GetRecommendations, merged as Personalize documents it: a share of the list
 * (percentPromotedItems of numResults, rounded; as many as there are when fewer qualify) goes to
 * the best-scored items the promotion's filter allows, at random positions, in their order
 * among themselves; the rest of the list is the usual one, without the promoted items. The
 * promotion's filter applies to promoted items only, the request's filter to the others only,
 * as in Personalize. Promoted items carry the promotion's name as promotionName, and the reason
 * "Promoted item".
 */
import type { FilterRequest } from './filtering';
import type { ServedModel } from './models';
import { placeAtRandom, seededRandom } from './placement';
import { PROMOTED_ITEM } from './reasons';
import { bestItems, forbiddenItems, type RankedItem } from './recommend';

export interface PromotionRequest extends FilterRequest {
  name?: string | undefined;
  percentPromotedItems: number;
}

export const promotedCount = (percentPromotedItems: number, numResults: number): number =>
  Math.round((percentPromotedItems / 100) * numResults);

/** The best `count` items of `mask` (1: the promotion's filter allows it), named for the promotion. */
export function promotedItems(
  served: ServedModel,
  scores: Float32Array,
  scored: boolean,
  promotion: { name?: string | undefined; mask: Uint8Array; count: number },
): RankedItem[] {
  const best = bestItems(served, scores, promotion.count, scored, forbiddenItems(promotion.mask));
  const { name } = promotion;
  return best.map((item) => ({
    ...item,
    ...(name !== undefined ? { promotionName: name } : {}),
    reason: [PROMOTED_ITEM],
  }));
}

/** The promoted items at random positions of the list; its own random draw, from the ID. */
export function withPromoted(
  list: readonly RankedItem[],
  promoted: readonly RankedItem[],
  recommendationId: string,
): RankedItem[] {
  return placeAtRandom(list, promoted, seededRandom(recommendationId, 'promotion'));
}
