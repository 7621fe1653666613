import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import { compileFilter, filterMask } from '../../../layers/core/filters/evaluate';
import { parseFilterExpression } from '../../../layers/core/filters/parser';
import { bindFilter, parseFilterValues } from '../../../layers/core/filters/values';
import { filterData, type Fields, type TestData } from './filter-data';

const ITEMS: Record<string, Fields> = {
  a: { GENRES: ['comedy'], PRICE: 5, RATING: 'PG', KIDS: true },
  b: { GENRES: ['horror'], PRICE: 20, RATING: 'R', KIDS: false },
  c: { GENRES: ['comedy', 'drama'], PRICE: 12, RATING: 'PG-13', KIDS: false },
  d: { GENRES: ['drama'], PRICE: 30, RATING: 'R', KIDS: null },
  e: {},
  f: { GENRES: ['Comedy'], PRICE: 8, RATING: 'G', KIDS: true },
};

const DATA: TestData = {
  items: ITEMS,
  // Newest first; zz is not in the catalogue.
  events: [
    ['a', 'click'],
    ['b', 'Watch'],
    ['zz', 'click'],
    ['c', 'purchase'],
    ['a', 'watch'],
  ],
  user: { AGE: 15, TIER: 'gold', TAGS: ['student', 'eu'] },
};

const RELATED: TestData = { ...DATA, currentItem: { GENRES: ['drama'], PRICE: 12, RATING: 'R' } };

/** The IDs the filter lets through, in catalogue order. */
function allowed(expression: string, values: Record<string, string> = {}, data = DATA): string[] {
  const bound = bindFilter(parseFilterExpression(expression), parseFilterValues(values));
  // The mask and the per-item test are two views of one filter, and so are the first
  // evaluation over a field and the later ones, which use its index.
  const first = filterData(data);
  const second = filterData(data);
  const views = [
    filterMask(bound, first),
    filterMask(bound, first),
    compileFilter(bound, second),
    compileFilter(bound, second),
  ].map((view) =>
    first.itemIds.filter((_, i) => (typeof view === 'function' ? view(i) : view[i] === 1)),
  );
  for (const view of views.slice(1)) expect(view).toEqual(views[0]);
  return views[0];
}

const ALL = Object.keys(ITEMS);

describe('filterMask', () => {
  describe('Items conditions', () => {
    it.each([
      ['Items.GENRES IN ("comedy")', ['a', 'c']],
      ['Items.GENRES IN ("horror", "drama")', ['b', 'c', 'd']],
      ['Items.GENRES NOT IN ("comedy")', ['b', 'd', 'e', 'f']],
      ['Items.RATING = "R"', ['b', 'd']],
      ['Items.RATING != "R"', ['a', 'c', 'e', 'f']],
      ['Items.PRICE < 12', ['a', 'f']],
      ['Items.PRICE <= 12', ['a', 'c', 'f']],
      ['Items.PRICE > 12', ['b', 'd']],
      ['Items.PRICE >= 12', ['b', 'c', 'd']],
      ['Items.PRICE = 12', ['c']],
      ['Items.PRICE != 12.0', ['a', 'b', 'd', 'e', 'f']],
      ['Items.PRICE IN (5, "20")', ['a', 'b']],
      ['Items.KIDS = "true"', ['a', 'f']],
      ['Items.KIDS NOT IN ("true")', ['b', 'c', 'd', 'e']],
      ['Items.ITEM_ID IN ("a", "e", "zz")', ['a', 'e']],
      ['Items.UNKNOWN IN ("x")', []],
      ['Items.UNKNOWN NOT IN ("x")', ALL],
      ['Items.UNKNOWN < 3', []],
    ])('INCLUDE ItemID WHERE %s', (condition, expected) => {
      expect(allowed(`INCLUDE ItemID WHERE ${condition}`)).toEqual(expected);
    });

    it('matches values exactly, case included', () => {
      expect(allowed('INCLUDE ItemID WHERE Items.GENRES IN ("Comedy")')).toEqual(['f']);
    });

    it('excludes what the same condition would include', () => {
      expect(allowed('EXCLUDE ItemID WHERE Items.GENRES IN ("comedy")')).toEqual([
        'b',
        'd',
        'e',
        'f',
      ]);
    });

    it('binds AND tighter than OR', () => {
      expect(
        allowed(
          'INCLUDE ItemID WHERE Items.GENRES IN ("comedy") AND Items.PRICE > 10 OR Items.RATING = "G"',
        ),
      ).toEqual(['c', 'f']);
      expect(
        allowed(
          'INCLUDE ItemID WHERE Items.RATING = "G" OR Items.GENRES IN ("comedy") AND Items.PRICE > 10',
        ),
      ).toEqual(['c', 'f']);
    });
  });

  describe('Interactions conditions', () => {
    it.each([
      ['IN ("click")', ['a']],
      ['IN ("WATCH")', ['a', 'b']],
      ['IN ("click", "purchase")', ['a', 'c']],
      ['IN ("*")', ['a', 'b', 'c']],
      ['IN (*)', ['a', 'b', 'c']],
      ['NOT IN ("click")', ['a', 'b', 'c']],
      ['NOT IN ("click", "watch")', ['c']],
      ['IN ("rate")', []],
    ])('INCLUDE the items the user interacted with: EVENT_TYPE %s', (test, expected) => {
      expect(allowed(`INCLUDE ItemID WHERE Interactions.EVENT_TYPE ${test}`)).toEqual(expected);
    });

    it('excludes every item the user interacted with', () => {
      expect(allowed('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")')).toEqual([
        'd',
        'e',
        'f',
      ]);
    });

    it('excludes nothing for a user without interactions', () => {
      expect(
        allowed('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")', {}, { items: ITEMS }),
      ).toEqual(ALL);
    });

    it('reads the interactions once, and only when a condition needs them', () => {
      const bind = (expression: string) => bindFilter(parseFilterExpression(expression), new Map());
      const source = filterData(DATA);
      filterMask(
        bind(
          'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") OR Interactions.EVENT_TYPE IN ("watch") | INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")',
        ),
        source,
      );
      expect(source.interactionReads).toBe(1);
      const untouched = filterData(DATA);
      filterMask(bind('EXCLUDE ItemID WHERE Items.PRICE > 1'), untouched);
      expect(untouched.interactionReads).toBe(0);
    });
  });

  describe('Users conditions', () => {
    it.each([
      ['Users.TIER IN ("gold")', ALL],
      ['Users.TIER IN ("silver")', []],
      ['Users.TAGS IN ("eu")', ALL],
      ['Users.AGE < 18', ALL],
      ['Users.AGE >= 18', []],
    ])('INCLUDE ItemID WHERE %s applies to every item alike', (condition, expected) => {
      expect(allowed(`INCLUDE ItemID WHERE ${condition}`)).toEqual(expected);
    });
  });

  describe('IF CurrentUser', () => {
    const kidsOnly = 'EXCLUDE ItemID WHERE Items.RATING IN ("R") IF CurrentUser.AGE < 18';

    it('applies the expression when the condition holds', () => {
      expect(allowed(kidsOnly)).toEqual(['a', 'c', 'e', 'f']);
    });

    it('does nothing when the condition fails or the user is unknown', () => {
      expect(allowed(kidsOnly, {}, { ...DATA, user: { AGE: 30 } })).toEqual(ALL);
      expect(allowed(kidsOnly, {}, { items: ITEMS })).toEqual(ALL);
    });

    it('leaves an INCLUDE that does not apply out of the union', () => {
      expect(
        allowed(
          'INCLUDE ItemID WHERE Items.GENRES IN ("horror") IF CurrentUser.AGE > 18 | INCLUDE ItemID WHERE Items.PRICE < 10',
        ),
      ).toEqual(['a', 'f']);
      expect(
        allowed('INCLUDE ItemID WHERE Items.GENRES IN ("horror") IF CurrentUser.AGE > 18'),
      ).toEqual(ALL);
    });

    it('needs every condition joined by AND', () => {
      const base = 'EXCLUDE ItemID WHERE Items.RATING IN ("R") IF CurrentUser.AGE < 18 AND ';
      expect(allowed(`${base}CurrentUser.TIER = "gold"`)).toEqual(['a', 'c', 'e', 'f']);
      expect(allowed(`${base}CurrentUser.TIER = "silver"`)).toEqual(ALL);
      expect(allowed(`${base}CurrentUser.TAGS IN ($TAG)`, { TAG: '"eu"' })).toEqual([
        'a',
        'c',
        'e',
        'f',
      ]);
    });
  });

  describe('expressions joined by |', () => {
    const comedy = 'INCLUDE ItemID WHERE Items.GENRES IN ("comedy")';
    const cheap = 'INCLUDE ItemID WHERE Items.PRICE < 10';
    const clicked = 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")';
    const horror = 'EXCLUDE ItemID WHERE Items.GENRES IN ("horror")';

    it('takes the union of INCLUDE | INCLUDE', () => {
      expect(allowed(`${comedy} | ${cheap}`)).toEqual(['a', 'c', 'f']);
    });

    it('excludes the union of EXCLUDE | EXCLUDE', () => {
      expect(allowed(`${clicked} | ${horror}`)).toEqual(['c', 'd', 'e', 'f']);
    });

    it('takes INCLUDE | EXCLUDE as the included items minus the excluded, in any order', () => {
      expect(allowed(`${comedy} | ${clicked}`)).toEqual(['c']);
      expect(allowed(`${clicked} | ${comedy}`)).toEqual(['c']);
    });

    it('takes Include A | Include B | Exclude C | Exclude D as (A or B) minus (C or D)', () => {
      expect(allowed(`${comedy} | ${clicked} | ${cheap} | ${horror}`)).toEqual(['c', 'f']);
    });
  });

  describe('parameters', () => {
    it('fills $PARAMETERS from filterValues', () => {
      expect(
        allowed('INCLUDE ItemID WHERE Items.GENRES IN ($GENRE) AND Items.PRICE <= $MAX', {
          GENRE: '"comedy","horror"',
          MAX: '20',
        }),
      ).toEqual(['a', 'b', 'c']);
      expect(
        allowed('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($TYPE)', { TYPE: '"CLICK"' }),
      ).toEqual(['b', 'c', 'd', 'e', 'f']);
    });

    it('drops an EXCLUDE without its values, and keeps the rest of the filter', () => {
      expect(
        allowed(
          'EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE) | EXCLUDE ItemID WHERE Items.PRICE > 25',
        ),
      ).toEqual(['a', 'b', 'c', 'e', 'f']);
    });

    it('refuses an INCLUDE without its values', () => {
      expect(() => allowed('INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)')).toThrow(
        'filterValues is missing GENRE',
      );
    });
  });

  describe('CurrentItem', () => {
    it.each([
      ['INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES', ['c', 'd']],
      ['INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE', ['a', 'f']],
      ['INCLUDE ItemID WHERE Items.PRICE >= (CurrentItem.PRICE)', ['b', 'c', 'd']],
      ['EXCLUDE ItemID WHERE Items.RATING = CurrentItem.RATING', ['a', 'c', 'e', 'f']],
      [
        'INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRES IN ("comedy", CurrentItem.GENRES)',
        ['a'],
      ],
      ['INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.MISSING', []],
      ['INCLUDE ItemID WHERE Items.PRICE < CurrentItem.MISSING', []],
      ['INCLUDE ItemID WHERE Items.GENRES NOT IN CurrentItem.MISSING', ALL],
    ])('%s', (expression, expected) => {
      expect(allowed(expression, {}, RELATED)).toEqual(expected);
    });

    it('refuses a request that has no current item', () => {
      expect(() => allowed('INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES')).toThrow(
        expect.objectContaining({
          name: 'InvalidInputException',
          message:
            'The filter compares with CurrentItem.GENRES, which only a related-items request (one with an itemId) has.',
        }),
      );
    });
  });

  it('lets everything through when every expression was dropped', () => {
    expect(allowed('EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE)')).toEqual(ALL);
  });

  it('combines like a truth table on random filters and catalogues', () => {
    // Conditions F<k> IN ("1") and gates CurrentUser.G<k> = "1" have truth values known from the
    // data alone, so the expected mask follows from the rules of combination only.
    const random = createRandom(7);
    const bit = () => (random.int(2) === 1 ? '1' : '0');
    for (let round = 0; round < 200; round++) {
      const fields = 4;
      const items: Record<string, Fields> = {};
      for (let i = 0; i < 12; i++) {
        items[`i${i}`] = Object.fromEntries(
          Array.from({ length: fields }, (_, k) => [`F${k}`, bit()]),
        );
      }
      const user = Object.fromEntries(Array.from({ length: 2 }, (_, k) => [`G${k}`, bit()]));
      const expressions = Array.from({ length: 1 + random.int(3) }, () => {
        const groups = Array.from({ length: 1 + random.int(3) }, () =>
          Array.from({ length: 1 + random.int(2) }, () => random.int(fields)),
        );
        const gate = random.int(3) === 0 ? [random.int(2)] : [];
        return { include: random.int(2) === 0, groups, gate };
      });
      const text = expressions
        .map(
          (e) =>
            `${e.include ? 'INCLUDE' : 'EXCLUDE'} ItemID WHERE ` +
            e.groups
              .map((group) => group.map((k) => `Items.F${k} IN ("1")`).join(' AND '))
              .join(' OR ') +
            e.gate.map((k) => ` IF CurrentUser.G${k} = "1"`).join(''),
        )
        .join(' | ');
      const matches = (e: (typeof expressions)[number], row: Fields) =>
        e.groups.some((group) => group.every((k) => row[`F${k}`] === '1'));
      const active = expressions.filter((e) => e.gate.every((k) => user[`G${k}`] === '1'));
      const includes = active.filter((e) => e.include);
      const excludes = active.filter((e) => !e.include);
      const expected = Object.keys(items).filter(
        (id) =>
          (includes.length === 0 || includes.some((e) => matches(e, items[id]))) &&
          !excludes.some((e) => matches(e, items[id])),
      );
      expect([text, allowed(text, {}, { items, user })]).toEqual([text, expected]);
    }
  });
});
