/**
 * Why an item is in a list, in the `reason` Personalize returns for User-Personalization-v2: its
 * words for a promoted item ("Promoted item"), an explored one ("Exploration") and a popular
 * placeholder ("Popular item"), and Tailor's own explanation, which Personalize does not give:
 * for a list folded in from recorded events, the recorded item each recommendation is most like
 * (the largest cosine of their item factors), as "Similar to item {itemId}".
 */
import type { ServedModel } from './models';
import type { RankedItem } from './recommend';

export const PROMOTED_ITEM = 'Promoted item';
export const POPULAR_ITEM = 'Popular item';

/** How a user's scores came about: what reasons can say of the items they rank. */
export interface ScoreBasis {
  /** The model's items whose recorded events the scores fold in; empty when none. */
  recorded: Uint32Array;
  /** Whether the scores are the popularity placeholder of someone with no history. */
  popular: boolean;
}

/** The list with a reason on each scored item that has none yet. */
export function withReasons(
  served: ServedModel,
  list: RankedItem[],
  basis: ScoreBasis,
): RankedItem[] {
  const { learned, itemIndex, model } = served;
  const { recorded, popular } = basis;
  if (!popular && (!learned || recorded.length === 0)) return list;
  return list.map((item) => {
    if (item.reason || item.score === undefined) return item;
    if (popular) return { ...item, reason: [POPULAR_ITEM] };
    const closest = learned!.closest(itemIndex.get(item.itemId)!, recorded);
    return { ...item, reason: [`Similar to item ${model.itemIds[recorded[closest]!]}`] };
  });
}
