/**
 * A filter expression once parsed: what CreateFilter checks and the runtime evaluates. The text
 * stays the record of truth (DescribeFilter returns it unchanged); this form is rebuilt from it.
 */

export type FilterAction = 'INCLUDE' | 'EXCLUDE';

/** Where a condition's field lives. CurrentUser appears only after IF. */
export type FilterDataset = 'Items' | 'Interactions' | 'Users' | 'CurrentUser';

export type FilterOperator = 'IN' | 'NOT IN' | '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A value as written or as given in filterValues: the text, and its number when it is one. */
export interface Literal {
  kind: 'literal';
  text: string;
  /** NaN when the text is not a number. */
  number: number;
}

export type FilterValue =
  | Literal
  /** `$NAME`: filled from filterValues at request time. */
  | { kind: 'parameter'; name: string }
  /** `*` in Interactions.EVENT_TYPE IN (...): every event type. */
  | { kind: 'any-event-type' }
  /** `CurrentItem.FIELD`: the field of the item a related-items request names. */
  | { kind: 'current-item'; field: string };

export interface FilterCondition {
  dataset: FilterDataset;
  field: string;
  operator: FilterOperator;
  values: readonly FilterValue[];
  /** The 1-based character where the condition starts, for messages. */
  position: number;
}

export interface FilterExpression {
  action: FilterAction;
  /**
   * The WHERE conditions as an OR of ANDs: AND binds tighter than OR, as in SQL. Every
   * condition reads the same dataset, as Personalize requires.
   */
  where: readonly (readonly FilterCondition[])[];
  /** The IF CurrentUser conditions, joined by AND; when one fails the expression does nothing. */
  when: readonly FilterCondition[];
  /** The `$` parameters the expression uses, without the `$`, each once. */
  parameters: readonly string[];
}

export interface ParsedFilter {
  /** The expressions joined by `|`, in the order written. */
  expressions: readonly FilterExpression[];
  /** What a request must load to evaluate the filter, so the runtime loads nothing else. */
  reads: {
    /** The user's interactions (Interactions conditions). */
    interactions: boolean;
    /** The user's metadata (Users conditions or IF CurrentUser). */
    user: boolean;
    /** The current item's metadata: only related-items requests have one. */
    currentItem: boolean;
  };
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const literal = (text: string): Literal => ({
  kind: 'literal',
  text,
  number: NUMBER_TEXT.test(text) ? Number(text) : NaN,
});

/** The operators that order numbers; the others test equality and take any type. */
export const isOrdering = (operator: FilterOperator): boolean =>
  operator === '<' || operator === '<=' || operator === '>' || operator === '>=';

export const isMembership = (operator: FilterOperator): boolean =>
  operator === 'IN' || operator === 'NOT IN';
