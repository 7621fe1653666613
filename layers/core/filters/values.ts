/**
 * filterValues, as GetRecommendations, GetPersonalizedRanking and promotions take them: keys are
 * parameter names without the `$`, values are comma-separated quoted strings
 * (`"\"horror\",\"comedy\""`); a bare number (`10`) is taken too. `bindFilter` puts them into a
 * parsed filter the way Personalize does: an EXCLUDE expression whose values are missing is left
 * out, while an INCLUDE expression cannot do without them.
 */
import { InvalidInputException } from '../api/errors';
import * as shape from '../api/shapes';
import { jsonExcerpt } from '../api/validation';
import {
  isMembership,
  isOrdering,
  literal,
  type FilterAction,
  type FilterCondition,
  type FilterDataset,
  type FilterOperator,
  type FilterValue,
  type Literal,
  type ParsedFilter,
} from './ast';
import { MAX_PARAMETER_NAME_LENGTH, MAX_PARAMETERS } from './tokens';

/** The values of each parameter, by name without the `$`. */
export type FilterValues = ReadonlyMap<string, readonly string[]>;

const SPACE = /\s/;
const BARE_NUMBER = /-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;

/**
 * filterValues as every request takes them (GetRecommendations, GetPersonalizedRanking, their
 * promotions, a batch inference line): the model's names and bounds, the only check of the keys.
 */
export const filterValuesShape = () =>
  shape.map(
    shape.pattern(shape.text(0, MAX_PARAMETER_NAME_LENGTH), /^[A-Za-z0-9_]+$/, '[A-Za-z0-9_]+'),
    shape.text(0, 1000),
    MAX_PARAMETERS,
  );

/** Each parameter's values; the keys are as filterValuesShape took them. */
export function parseFilterValues(raw: Readonly<Record<string, string>> = {}): FilterValues {
  return new Map(Object.entries(raw).map(([key, text]) => [key, parseList(key, text)]));
}

/** `"a", "b\"c", 10` into its values; a problem names the key and the character. */
function parseList(key: string, text: string): string[] {
  const fail = (at: number, problem: string) =>
    new InvalidInputException(
      `filterValues ${key} must be comma-separated "quoted" values, such as "\\"comedy\\",\\"drama\\"": ${problem} at character ${at + 1} of ${jsonExcerpt(text)}.`,
    );
  const values: string[] = [];
  let at = skipSpace(text, 0);
  for (;;) {
    if (text[at] === '"') {
      let value = '';
      for (at++; at < text.length && text[at] !== '"'; at++) {
        // A backslash keeps the next character, so a value can hold a quote or a comma.
        if (text[at] === '\\' && at + 1 < text.length) at++;
        value += text[at];
      }
      if (at >= text.length) throw fail(text.length, 'a value has no closing "');
      values.push(value);
      at++;
    } else {
      BARE_NUMBER.lastIndex = at;
      const number = BARE_NUMBER.exec(text);
      if (!number) throw fail(at, 'expected a "quoted" value');
      values.push(number[0]);
      at += number[0].length;
    }
    at = skipSpace(text, at);
    if (at === text.length) return values;
    if (text[at] !== ',') throw fail(at, 'expected , between values');
    at = skipSpace(text, at + 1);
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && SPACE.test(text[at])) at++;
  return at;
}

// ---------------------------------------------------------------------------------------------
// Binding: a parsed filter with one request's values in place of its parameters.
// ---------------------------------------------------------------------------------------------

export type BoundValue = Exclude<FilterValue, { kind: 'parameter' }>;

export interface BoundCondition {
  dataset: FilterDataset;
  field: string;
  operator: FilterOperator;
  values: readonly BoundValue[];
}

export interface BoundExpression {
  action: FilterAction;
  /** An OR of ANDs, as in FilterExpression. */
  where: readonly (readonly BoundCondition[])[];
  when: readonly BoundCondition[];
}

/** A filter ready to evaluate for one request: no parameters left, dropped expressions gone. */
export interface BoundFilter {
  expressions: readonly BoundExpression[];
}

export function bindFilter(filter: ParsedFilter, values: FilterValues): BoundFilter {
  const expressions: BoundExpression[] = [];
  for (const expression of filter.expressions) {
    const missing = expression.parameters.filter((name) => !values.has(name));
    if (missing.length > 0) {
      if (expression.action === 'EXCLUDE') continue;
      throw new InvalidInputException(
        `filterValues is missing ${missing.join(', ')}, which the filter's INCLUDE expression uses; only EXCLUDE expressions can go without their values.`,
      );
    }
    const bind = (condition: FilterCondition) => bindCondition(condition, values);
    expressions.push({
      action: expression.action,
      where: expression.where.map((group) => group.map(bind)),
      when: expression.when.map(bind),
    });
  }
  return { expressions };
}

function bindCondition(condition: FilterCondition, values: FilterValues): BoundCondition {
  const bound: BoundValue[] = [];
  for (const value of condition.values) {
    if (value.kind !== 'parameter') {
      bound.push(value);
      continue;
    }
    // The parameter's presence was checked by the caller.
    const given = values.get(value.name)!.map(literal);
    if (!isMembership(condition.operator)) {
      checkComparisonValue(condition, value.name, given);
    }
    bound.push(...given);
  }
  return {
    dataset: condition.dataset,
    field: condition.field,
    operator: condition.operator,
    values: bound,
  };
}

function checkComparisonValue(
  condition: FilterCondition,
  name: string,
  given: readonly Literal[],
): void {
  const subject = `${condition.dataset}.${condition.field} ${condition.operator}`;
  if (given.length !== 1) {
    throw new InvalidInputException(
      `filterValues ${name} must be one value for ${subject}, got ${given.length}.`,
    );
  }
  if (isOrdering(condition.operator) && Number.isNaN(given[0].number)) {
    throw new InvalidInputException(
      `filterValues ${name} must be a number for ${subject}, got ${jsonExcerpt(given[0].text)}.`,
    );
  }
}
