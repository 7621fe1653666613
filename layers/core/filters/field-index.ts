/**
 * An index of one Items field, so that IN, NOT IN, = and != cost one write per matching item
 * instead of a read and a set lookup per catalogue item, and orderings run over a typed array.
 *
 * A field is indexed by its reader: the runtime hands out the same reader while the data behind
 * it is unchanged, and a new one when it changes. A reader is indexed the second time it is seen,
 * so a runtime that makes a reader per request pays nothing for an index it would never reuse.
 */
import type { Literal } from './ast';
import type { ItemFieldReader } from './evaluate';

export interface FieldIndex {
  /** 1 for each item holding one of the values (any of them, for a categorical field). */
  matching(literals: readonly Literal[]): Uint8Array;
  /** Each item's value where it is a number, NaN elsewhere. */
  numbers: Float64Array;
}

const seen = new WeakSet<ItemFieldReader>();
const indexes = new WeakMap<ItemFieldReader, FieldIndex>();

/** The reader's index, built on its second use; undefined on the first. */
export function fieldIndex(read: ItemFieldReader, itemCount: number): FieldIndex | undefined {
  const cached = indexes.get(read);
  if (cached && cached.numbers.length === itemCount) return cached;
  if (!seen.has(read)) {
    seen.add(read);
    return undefined;
  }
  const index = buildIndex(read, itemCount);
  indexes.set(read, index);
  return index;
}

function buildIndex(read: ItemFieldReader, itemCount: number): FieldIndex {
  const byText = new Map<string, number[]>();
  const byNumber = new Map<number, number[]>();
  const numbers = new Float64Array(itemCount).fill(NaN);
  const add = <K>(map: Map<K, number[]>, key: K, item: number) => {
    const items = map.get(key);
    if (items) items.push(item);
    else map.set(key, [item]);
  };
  for (let item = 0; item < itemCount; item++) {
    const value = read(item);
    if (typeof value === 'string') add(byText, value, item);
    else if (typeof value === 'number') {
      add(byNumber, value, item);
      numbers[item] = value;
    } else if (typeof value === 'boolean') add(byText, value ? 'true' : 'false', item);
    else if (value) for (const text of value) add(byText, text, item);
  }
  return {
    numbers,
    matching(literals) {
      const hits = new Uint8Array(itemCount);
      for (const { text, number } of literals) {
        for (const item of byText.get(text) ?? []) hits[item] = 1;
        if (!Number.isNaN(number)) for (const item of byNumber.get(number) ?? []) hits[item] = 1;
      }
      return hits;
    },
  };
}
