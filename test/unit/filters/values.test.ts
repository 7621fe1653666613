import { literal } from '../../../layers/core/filters/ast';
import { parseFilterExpression } from '../../../layers/core/filters/parser';
import { parseInput } from '../../../layers/core/api/validation';
import {
  bindFilter,
  filterValuesShape,
  parseFilterValues,
} from '../../../layers/core/filters/values';

describe('parseFilterValues', () => {
  it('reads comma-separated quoted values by parameter name', () => {
    const values = parseFilterValues({ GENRE: '"horror","comedy"', TYPE: ' "click" , "watch" ' });
    expect([...values]).toEqual([
      ['GENRE', ['horror', 'comedy']],
      ['TYPE', ['click', 'watch']],
    ]);
  });

  it('keeps escaped quotes, backslashes and commas inside a value', () => {
    expect(parseFilterValues({ T: '"say \\"hi\\"","a\\\\b","x,y"' }).get('T')).toEqual([
      'say "hi"',
      'a\\b',
      'x,y',
    ]);
  });

  it('takes bare numbers as well as quoted ones', () => {
    expect(parseFilterValues({ PRICE: '10', MIN: '"-2.5"' })).toEqual(
      new Map([
        ['PRICE', ['10']],
        ['MIN', ['-2.5']],
      ]),
    );
  });

  it('gives no values when there are none', () => {
    expect(parseFilterValues(undefined).size).toBe(0);
    expect(parseFilterValues({}).size).toBe(0);
  });

  it.each([
    ['horror', 'expected a "quoted" value at character 1'],
    ['"horror', 'a value has no closing " at character 8'],
    ['"a" "b"', 'expected , between values at character 5'],
    ['"a",', 'expected a "quoted" value at character 5'],
    ['"a",,"b"', 'expected a "quoted" value at character 5'],
    ['', 'expected a "quoted" value at character 1'],
  ])('rejects %j, naming the key', (value, problem) => {
    expect(() => parseFilterValues({ GENRE: value })).toThrow(
      expect.objectContaining({
        name: 'InvalidInputException',
        message: expect.stringContaining(`filterValues GENRE must be comma-separated "quoted"`),
      }),
    );
    expect(() => parseFilterValues({ GENRE: value })).toThrow(problem);
  });

  it('quotes at most 100 characters of a long value it cannot read', () => {
    const value = `"ok", ${'x'.repeat(900)}`;

    expect(() => parseFilterValues({ GENRE: value })).toThrow(
      `at character 7 of ${JSON.stringify(value).slice(0, 100)}….`,
    );
  });
});

describe('filterValuesShape', () => {
  const parse = (raw: Record<string, string>) => parseInput(filterValuesShape(), raw);

  it('takes keys of letters, digits and _ up to 50 characters, as the model does', () => {
    expect(parse({ GENRE_1: '"x"', ['K'.repeat(50)]: '"y"' })).toEqual({
      GENRE_1: '"x"',
      ['K'.repeat(50)]: '"y"',
    });
    expect(() => parse({ $GENRE: '"x"' })).toThrow(
      expect.objectContaining({
        name: 'InvalidInputException',
        message:
          "1 validation error detected: Value '$GENRE' at 'request body' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9_]+]",
      }),
    );
    expect(() => parse({ ['K'.repeat(51)]: '"x"' })).toThrow(
      'Member must have length less than or equal to 50',
    );
  });

  it('takes at most 25 keys', () => {
    const keys = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, '"v"']));
    expect(Object.keys(parse(keys(25)))).toHaveLength(25);
    expect(() => parse(keys(26))).toThrow('Member must have length less than or equal to 25');
  });
});

describe('bindFilter', () => {
  const values = (raw: Record<string, string>) => parseFilterValues(raw);

  it('puts each value of a parameter in its place', () => {
    const filter = parseFilterExpression(
      'INCLUDE ItemID WHERE Items.GENRES IN ("drama", $GENRE) AND Items.PRICE <= $MAX',
    );
    const bound = bindFilter(filter, values({ GENRE: '"horror","comedy"', MAX: '"10"' }));
    expect(bound.expressions[0].where[0].map((c) => c.values)).toEqual([
      [literal('drama'), literal('horror'), literal('comedy')],
      [literal('10')],
    ]);
  });

  it('drops an EXCLUDE expression whose parameters are missing, even one of them', () => {
    const filter = parseFilterExpression(
      'EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE) | EXCLUDE ItemID WHERE Items.A IN ($A, $B) | EXCLUDE ItemID WHERE Items.C IN ("c")',
    );
    const bound = bindFilter(filter, values({ A: '"a"' }));
    expect(bound.expressions.map((e) => e.where[0][0].field)).toEqual(['C']);
  });

  it('drops an EXCLUDE expression whose IF parameter is missing', () => {
    const filter = parseFilterExpression(
      'EXCLUDE ItemID WHERE Items.RATING IN ("R") IF CurrentUser.AGE < $AGE',
    );
    expect(bindFilter(filter, values({})).expressions).toEqual([]);
  });

  it('rejects a request without the parameters of an INCLUDE expression', () => {
    const filter = parseFilterExpression(
      'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE) AND Items.PRICE < $MAX | EXCLUDE ItemID WHERE Items.X IN ($X)',
    );
    expect(() => bindFilter(filter, values({ MAX: '1' }))).toThrow(
      expect.objectContaining({
        name: 'InvalidInputException',
        message:
          "filterValues is missing GENRE, which the filter's INCLUDE expression uses; only EXCLUDE expressions can go without their values.",
      }),
    );
  });

  it('matches parameter names exactly, case included', () => {
    const filter = parseFilterExpression('INCLUDE ItemID WHERE Items.GENRES IN ($Genre)');
    expect(() => bindFilter(filter, values({ GENRE: '"x"' }))).toThrow('missing Genre');
  });

  it('wants one value for a comparison, and a number for an ordering', () => {
    const ordering = parseFilterExpression('INCLUDE ItemID WHERE Items.PRICE < $MAX');
    expect(() => bindFilter(ordering, values({ MAX: '"1","2"' }))).toThrow(
      'filterValues MAX must be one value for Items.PRICE <, got 2.',
    );
    expect(() => bindFilter(ordering, values({ MAX: '"cheap"' }))).toThrow(
      'filterValues MAX must be a number for Items.PRICE <, got "cheap".',
    );
    const equality = parseFilterExpression(
      'INCLUDE ItemID WHERE Items.A IN ("x") IF CurrentUser.TIER = $TIER',
    );
    expect(bindFilter(equality, values({ TIER: '"gold"' })).expressions[0].when[0].values).toEqual([
      literal('gold'),
    ]);
  });
});
