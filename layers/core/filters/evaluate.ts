/**
 * Applies a bound filter to a catalogue for one request. Expressions joined by `|` combine as
 * Personalize documents: INCLUDE | INCLUDE is a union, EXCLUDE | EXCLUDE a union of exclusions,
 * and INCLUDE | EXCLUDE the included items minus the excluded ones. An expression whose IF
 * CurrentUser conditions fail does nothing; with no INCLUDE expression left, every item not
 * excluded is allowed.
 *
 * Matching: event types in any case, everything else exactly; a categorical field (many values)
 * matches IN or = when any of its values does, and NOT IN or != when none does, so an item
 * without the field passes NOT IN; <, <=, >, >= hold only for numbers.
 *
 * Each condition is compiled once per request, into a constant (Users conditions), a byte per
 * item (Interactions, and Items fields indexed by `field-index.ts`) or a test of one item that
 * allocates nothing; a mask of 100,000 items then costs a few passes over typed arrays.
 */
import { InvalidInputException } from '../api/errors';
import type { FieldValue } from '../domain/field-value';
import { isOrdering, literal, type FilterOperator, type Literal } from './ast';
import { fieldIndex } from './field-index';
import type { BoundCondition, BoundFilter, BoundValue } from './values';

/** A field's value: categorical multi-values already split on `|`; undefined when unknown. */
export type FilterFieldValue = FieldValue | readonly string[] | undefined;

/** One field of the catalogue's items, read by item index. */
export type ItemFieldReader = (item: number) => FilterFieldValue;

/** What a filter reads for one request; the runtime implements it over its stored data. */
export interface FilterData {
  /** The catalogue being filtered, by index: the model's items, or a ranking's input list. */
  readonly itemIds: readonly string[];
  /** An item's index in itemIds, or -1 when it is not in the catalogue. */
  indexOf(itemId: string): number;
  /**
   * A reader of one Items field (ITEM_ID is read from itemIds), resolved once per condition and
   * called once per item; undefined when no item has the field. Return the same reader while the
   * data behind it is unchanged and a new one when it changes: a reader seen twice is indexed,
   * and its index is used for as long as the reader is.
   */
  itemField(field: string): ItemFieldReader | undefined;
  /**
   * The current user's interactions, newest first, imported and recorded alike. Called only
   * when the filter reads interactions (`ParsedFilter.reads.interactions`), at most once.
   */
  interactions(): Iterable<{ itemId: string; eventType: string }>;
  /** The current user's field (Users conditions, IF CurrentUser); undefined when unknown. */
  userField(field: string): FilterFieldValue;
  /** The field of the item a related-items request names; absent for other requests. */
  currentItemField?(field: string): FilterFieldValue;
}

/** Whether the filter allows the item at this index. */
export type ItemTest = (item: number) => boolean;

/**
 * The filter as a test of one item, for callers that look at few items (the best-scored ones
 * until enough are allowed) rather than the whole catalogue.
 */
export function compileFilter(filter: BoundFilter, data: FilterData): ItemTest {
  const { includes, excludes } = new Compiler(data).filter(filter);
  const included = includes.map(expressionTest);
  const excluded = excludes.map(expressionTest);
  if (included.length === 0 && excluded.length === 0) return () => true;
  return (item) => {
    let allowed = included.length === 0;
    for (let k = 0; !allowed && k < included.length; k++) allowed = included[k](item);
    for (let k = 0; allowed && k < excluded.length; k++) allowed = !excluded[k](item);
    return allowed;
  };
}

/**
 * The filter over the whole catalogue: one byte per item, 1 where the item is allowed. It gives
 * what compileFilter's test gives, a condition at a time over typed arrays, which is faster for
 * every item at once.
 */
export function filterMask(filter: BoundFilter, data: FilterData): Uint8Array {
  const { includes, excludes } = new Compiler(data).filter(filter);
  const count = data.itemIds.length;
  let mask: Uint8Array;
  if (includes.length === 0) {
    mask = new Uint8Array(count).fill(1);
  } else {
    mask = expressionMask(includes[0], count);
    for (let k = 1; k < includes.length; k++) orInto(mask, expressionMask(includes[k], count));
  }
  for (const expression of excludes) {
    const excluded = expressionMask(expression, count);
    for (let item = 0; item < count; item++) mask[item] &= excluded[item] ^ 1;
  }
  return mask;
}

/** How one condition holds across the catalogue, in the cheapest form at hand. */
type Plan =
  | { kind: 'constant'; holds: boolean }
  /** Holds where hits[item] === wanted. */
  | { kind: 'hits'; hits: Uint8Array; wanted: number }
  | { kind: 'test'; test: ItemTest };

/** An expression's WHERE as plans: an OR of ANDs. */
type Groups = readonly (readonly Plan[])[];

function planTest(plan: Plan): ItemTest {
  if (plan.kind === 'test') return plan.test;
  if (plan.kind === 'constant') return plan.holds ? () => true : () => false;
  const { hits, wanted } = plan;
  return (item) => hits[item] === wanted;
}

function expressionTest(groups: Groups): ItemTest {
  const tests = groups.map((group) => group.map(planTest));
  if (tests.length === 1 && tests[0].length === 1) return tests[0][0];
  return (item) => {
    for (const group of tests) {
      let all = true;
      for (let k = 0; all && k < group.length; k++) all = group[k](item);
      if (all) return true;
    }
    return false;
  };
}

function expressionMask(groups: Groups, count: number): Uint8Array {
  const mask = groupMask(groups[0], count);
  for (let k = 1; k < groups.length; k++) orInto(mask, groupMask(groups[k], count));
  return mask;
}

function groupMask(group: readonly Plan[], count: number): Uint8Array {
  const mask = new Uint8Array(count).fill(1);
  for (const plan of group) {
    if (plan.kind === 'constant') {
      if (!plan.holds) mask.fill(0);
    } else if (plan.kind === 'hits') {
      const { hits, wanted } = plan;
      for (let item = 0; item < count; item++) if (hits[item] !== wanted) mask[item] = 0;
    } else {
      // Items already out are not tested again.
      const { test } = plan;
      for (let item = 0; item < count; item++) if (mask[item] === 1 && !test(item)) mask[item] = 0;
    }
  }
  return mask;
}

function orInto(target: Uint8Array, source: Uint8Array): void {
  for (let item = 0; item < target.length; item++) target[item] |= source[item];
}

/** A test of one value against a condition's operator and values. */
type ValueTest = (value: FilterFieldValue) => boolean;

class Compiler {
  /** The user's interactions with catalogue items: parallel item indices and event types. */
  private events?: { items: number[]; types: string[] };

  constructor(private readonly data: FilterData) {}

  /** The expressions that apply to this request, as plans, by action. */
  filter(filter: BoundFilter): { includes: Groups[]; excludes: Groups[] } {
    const includes: Groups[] = [];
    const excludes: Groups[] = [];
    for (const expression of filter.expressions) {
      if (!expression.when.every((condition) => this.userHolds(condition))) continue;
      const groups = expression.where.map((group) => group.map((c) => this.condition(c)));
      (expression.action === 'INCLUDE' ? includes : excludes).push(groups);
    }
    return { includes, excludes };
  }

  private userHolds(condition: BoundCondition): boolean {
    return this.valueTest(condition)(this.data.userField(condition.field));
  }

  private condition(condition: BoundCondition): Plan {
    switch (condition.dataset) {
      case 'Interactions':
        return { kind: 'hits', hits: this.interactionHits(condition), wanted: 1 };
      case 'Items':
        return this.itemCondition(condition);
      case 'Users':
      case 'CurrentUser':
        // The same user for every item: the condition is a constant of the request.
        return { kind: 'constant', holds: this.userHolds(condition) };
    }
  }

  private itemCondition(condition: BoundCondition): Plan {
    const { operator } = condition;
    const test = this.valueTest(condition);
    const { itemIds } = this.data;
    if (condition.field.toUpperCase() === 'ITEM_ID')
      return { kind: 'test', test: (item) => test(itemIds[item]) };
    const read = this.data.itemField(condition.field);
    if (!read) return { kind: 'constant', holds: test(undefined) };
    const index = fieldIndex(read, itemIds.length);
    if (!index) return { kind: 'test', test: (item) => test(read(item)) };
    if (!isOrdering(operator)) {
      const hits = index.matching(this.literalsOf(condition));
      return { kind: 'hits', hits, wanted: operator === 'IN' || operator === '=' ? 1 : 0 };
    }
    const { numbers } = index;
    const bound = orderingBound(this.literalsOf(condition));
    // NaN (no number, or no bound) compares false, as the unindexed test does.
    const compare: ItemTest =
      operator === '<'
        ? (item) => numbers[item] < bound
        : operator === '<='
          ? (item) => numbers[item] <= bound
          : operator === '>'
            ? (item) => numbers[item] > bound
            : (item) => numbers[item] >= bound;
    return { kind: 'test', test: compare };
  }

  /** 1 for each catalogue item the user interacted with by an event type the condition takes. */
  private interactionHits(condition: BoundCondition): Uint8Array {
    const events = this.userEvents();
    const anyType = condition.values.some((value) => value.kind === 'any-event-type');
    const types = new Set<string>();
    for (const value of condition.values) {
      if (value.kind === 'literal') types.add(value.text.toLowerCase());
    }
    const wanted = condition.operator === 'IN';
    const hits = new Uint8Array(this.data.itemIds.length);
    for (let k = 0; k < events.items.length; k++) {
      if ((anyType || types.has(events.types[k])) === wanted) hits[events.items[k]] = 1;
    }
    return hits;
  }

  private userEvents(): { items: number[]; types: string[] } {
    if (!this.events) {
      const events = { items: [] as number[], types: [] as string[] };
      for (const { itemId, eventType } of this.data.interactions()) {
        const item = this.data.indexOf(itemId);
        if (item < 0) continue;
        events.items.push(item);
        events.types.push(eventType.toLowerCase());
      }
      this.events = events;
    }
    return this.events;
  }

  private valueTest(condition: BoundCondition): ValueTest {
    return valueTest(condition.operator, this.literalsOf(condition));
  }

  private literalsOf(condition: BoundCondition): Literal[] {
    return condition.values.flatMap((value) => this.literals(value));
  }

  /** A value's literals; CurrentItem's field gives one per value it holds, or none. */
  private literals(value: BoundValue): Literal[] {
    if (value.kind === 'literal') return [value];
    if (value.kind === 'any-event-type') return [];
    if (!this.data.currentItemField) {
      throw new InvalidInputException(
        `The filter compares with CurrentItem.${value.field}, which only a related-items request (one with an itemId) has.`,
      );
    }
    const current = this.data.currentItemField(value.field);
    if (current === undefined || current === null) return [];
    if (typeof current === 'number') {
      return [{ kind: 'literal', text: String(current), number: current }];
    }
    if (typeof current === 'boolean') return [literal(String(current))];
    return typeof current === 'string' ? [literal(current)] : current.map(literal);
  }
}

function valueTest(operator: FilterOperator, literals: readonly Literal[]): ValueTest {
  switch (operator) {
    case 'IN':
    case '=':
      return membership(literals);
    case 'NOT IN':
    case '!=': {
      const test = membership(literals);
      return (value) => !test(value);
    }
    default:
      return ordering(operator, literals);
  }
}

function membership(literals: readonly Literal[]): ValueTest {
  const texts = new Set(literals.map((l) => l.text));
  const numbers = new Set(literals.map((l) => l.number).filter((n) => !Number.isNaN(n)));
  return (value) => {
    if (typeof value === 'string') return texts.has(value);
    if (typeof value === 'number') return numbers.has(value);
    if (typeof value === 'boolean') return texts.has(value ? 'true' : 'false');
    if (value === null || value === undefined) return false;
    for (let k = 0; k < value.length; k++) if (texts.has(value[k])) return true;
    return false;
  };
}

/** Parsing and binding leave one number; only a CurrentItem without one gives NaN. */
const orderingBound = (literals: readonly Literal[]): number =>
  literals.length === 1 ? literals[0].number : NaN;

function ordering(operator: FilterOperator, literals: readonly Literal[]): ValueTest {
  const bound = orderingBound(literals);
  if (Number.isNaN(bound)) return () => false;
  switch (operator) {
    case '<':
      return (value) => typeof value === 'number' && value < bound;
    case '<=':
      return (value) => typeof value === 'number' && value <= bound;
    case '>':
      return (value) => typeof value === 'number' && value > bound;
    default:
      return (value) => typeof value === 'number' && value >= bound;
  }
}
