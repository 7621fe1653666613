/** FilterData over plain objects: the tests' catalogue, user and current item. */
import type {
  FilterData,
  FilterFieldValue,
  ItemFieldReader,
} from '../../../layers/core/filters/evaluate';

export type Fields = Record<string, FilterFieldValue>;

export interface TestData {
  /** Each item's fields, by ID, in catalogue order. */
  items: Record<string, Fields>;
  /** The user's interactions as [itemId, eventType], newest first. */
  events?: [string, string][];
  user?: Fields;
  /** Present for a related-items request. */
  currentItem?: Fields;
}

export interface CountedFilterData extends FilterData {
  /** How often the evaluator asked for the user's interactions. */
  interactionReads: number;
}

export function filterData(data: TestData): CountedFilterData {
  const itemIds = Object.keys(data.items);
  const index = new Map(itemIds.map((id, i) => [id, i]));
  const rows = itemIds.map((id) => data.items[id]);
  const readers = new Map<string, ItemFieldReader>();
  const result: CountedFilterData = {
    itemIds,
    interactionReads: 0,
    indexOf: (itemId) => index.get(itemId) ?? -1,
    // One reader per field, as a runtime keeps them, so that the evaluator's index is used.
    itemField: (field) => {
      if (!rows.some((row) => field in row)) return undefined;
      let read = readers.get(field);
      if (!read) readers.set(field, (read = (item: number) => rows[item][field]));
      return read;
    },
    interactions() {
      result.interactionReads++;
      return (data.events ?? []).map(([itemId, eventType]) => ({ itemId, eventType }));
    },
    userField: (field) => data.user?.[field],
    ...(data.currentItem ? { currentItemField: (field: string) => data.currentItem?.[field] } : {}),
  };
  return result;
}
