/**
 * Any input gives a parsed filter or an InvalidInputException that says where, never another
 * error; any parsed filter, bound to any filterValues, evaluates or raises InvalidInputException.
 */
import { ServiceError } from '../../../layers/core/api/errors';
import { createRandom, type Random } from '../../../layers/core/recipes/evaluation/random';
import type { ParsedFilter } from '../../../layers/core/filters/ast';
import { filterMask } from '../../../layers/core/filters/evaluate';
import { parseFilterExpression } from '../../../layers/core/filters/parser';
import { bindFilter, parseFilterValues } from '../../../layers/core/filters/values';
import { filterData } from './filter-data';

const VOCABULARY = [
  'INCLUDE', 'EXCLUDE', 'ItemID', 'WHERE', 'Items', 'Interactions', 'Users', 'CurrentUser',
  'CurrentItem', '.', 'GENRES', 'EVENT_TYPE', 'PRICE', 'AGE', 'IN', 'NOT', '(', ')', ',', '"x"',
  '"*"', '*', '$P', '$Q', '12', '-3.5', '1e400', '=', '!=', '<', '<=', '>', '>=', 'AND', 'OR',
  'IF', '|', '"', '\\', '$', '!', ';', 'é', '\n', '"a\\"b"', '-', '.5', '\uD800',
]; // prettier-ignore

const VALID = [
  'INCLUDE ItemID WHERE Items.GENRES IN ($P, "comedy") AND Items.PRICE < 12 OR Items.PRICE > CurrentItem.PRICE',
  'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*") | INCLUDE ItemID WHERE Users.AGE >= $Q',
  'EXCLUDE ItemID WHERE Items.GENRES NOT IN CurrentItem.GENRES IF CurrentUser.AGE < 18 AND CurrentUser.TIER = $P',
];

const pick = <T>(random: Random, list: readonly T[]): T => list[random.int(list.length)];

/** An expression built from the grammar, with choices that are sometimes wrong. */
function grammatical(random: Random): string {
  const value = () =>
    pick(random, ['"x"', '"comedy"', '12', '$P', '$Q', '*', '"*"', 'CurrentItem.PRICE']);
  const condition = (dataset: string) => {
    const field = pick(random, ['GENRES', 'PRICE', 'EVENT_TYPE', 'AGE', 'TIER']);
    const operator = pick(random, ['IN', 'NOT IN', '=', '!=', '<', '<=', '>', '>=']);
    const values = operator.endsWith('IN')
      ? `(${Array.from({ length: 1 + random.int(3) }, value).join(', ')})`
      : value();
    return `${dataset}.${field} ${operator} ${values}`;
  };
  return Array.from({ length: 1 + random.int(3) }, () => {
    const dataset = pick(random, ['Items', 'Interactions', 'Users']);
    const where = Array.from({ length: 1 + random.int(3) }, () => condition(dataset));
    const gate = random.int(3) === 0 ? ` IF ${condition('CurrentUser')}` : '';
    return `${pick(random, ['INCLUDE', 'EXCLUDE'])} ItemID WHERE ${where.join(pick(random, [' AND ', ' OR ']))}${gate}`;
  }).join(' | ');
}

function tokenSoup(random: Random): string {
  const count = random.int(30);
  let text = '';
  for (let i = 0; i < count; i++) text += pick(random, VOCABULARY) + pick(random, [' ', '', '  ']);
  return text;
}

function randomChars(random: Random): string {
  const length = random.int(60);
  let text = '';
  for (let i = 0; i < length; i++) {
    text += String.fromCharCode(random.int(4) === 0 ? random.int(0x10000) : 32 + random.int(95));
  }
  return text;
}

function mutation(random: Random): string {
  let text = pick(random, VALID);
  for (let edits = 1 + random.int(4); edits > 0; edits--) {
    const at = random.int(text.length + 1);
    const choice = random.int(3);
    if (choice === 0) text = text.slice(0, at) + text.slice(at + 1 + random.int(5));
    else if (choice === 1) text = text.slice(0, at) + pick(random, VOCABULARY) + text.slice(at);
    else text = text.slice(0, at) + randomChars(random).slice(0, 3) + text.slice(at + 1);
  }
  return text;
}

/** What went wrong other than an InvalidInputException (with a position when `where`), if anything. */
function unexpected(action: () => unknown, where: boolean): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    const fine =
      error instanceof ServiceError &&
      error.name === 'InvalidInputException' &&
      (!where || / at character \d+: /.test(error.message));
    return fine ? undefined : String(error);
  }
}

describe('filter fuzzing', () => {
  const data = filterData({
    items: {
      a: { GENRES: ['comedy'], PRICE: 5 },
      b: { GENRES: ['horror', 'x'], PRICE: 20 },
      c: {},
    },
    events: [['a', 'click']],
    user: { AGE: 15, TIER: 'x' },
    currentItem: { GENRES: ['x'], PRICE: 12 },
  });

  it('parses any input or names the character at fault', () => {
    const random = createRandom(2024);
    const parsed: ParsedFilter[] = [];
    const problems: string[] = [];
    for (let round = 0; round < 20_000; round++) {
      const text = [tokenSoup, randomChars, mutation, grammatical][round % 4](random);
      const problem = unexpected(() => parsed.push(parseFilterExpression(text)), true);
      if (problem) problems.push(`${JSON.stringify(text)}: ${problem}`);
    }
    // The generators must reach the evaluator too, or this test would prove little.
    expect(parsed.length).toBeGreaterThan(500);
    for (const filter of parsed) {
      const values = pick<Record<string, string>>(random, [
        {},
        { P: '"x"' },
        { P: '"x","y"', Q: '7' },
        { Q: '"no"' },
      ]);
      const problem = unexpected(() => {
        const mask = filterMask(bindFilter(filter, parseFilterValues(values)), data);
        if (mask.length !== 3) throw new Error(`a mask of ${mask.length} items`);
      }, false);
      if (problem) problems.push(`${JSON.stringify(filter)}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('parses any filterValues or names the key at fault', () => {
    const random = createRandom(99);
    const problems: string[] = [];
    for (let round = 0; round < 10_000; round++) {
      const value = round % 2 ? tokenSoup(random) : randomChars(random);
      try {
        parseFilterValues({ KEY: value });
      } catch (error) {
        const fine =
          error instanceof ServiceError &&
          error.name === 'InvalidInputException' &&
          error.message.startsWith('filterValues KEY ');
        if (!fine) problems.push(`${JSON.stringify(value)}: ${String(error)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
