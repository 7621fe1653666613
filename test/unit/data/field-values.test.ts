import type { SchemaField } from '../../../layers/core/data/avro-schema';
import { checkFieldValue } from '../../../layers/core/data/field-values';
import { camelCase, readProperties } from '../../../layers/core/data/properties';

const field = (type: SchemaField['type'], extra: Partial<SchemaField> = {}): SchemaField => ({
  name: 'F',
  type,
  nullable: false,
  categorical: false,
  textual: false,
  ...extra,
});

describe('checkFieldValue', () => {
  it.each([
    ['int', 12, 12],
    ['int', '-12', -12],
    ['long', '1700000000', 1_700_000_000],
    ['float', '9.5', 9.5],
    ['double', 1e300, 1e300],
    ['boolean', 'True', true],
    ['boolean', false, false],
    ['string', '', ''],
  ] as const)('a %s field takes %j', (type, given, value) => {
    expect(checkFieldValue(field(type), given)).toEqual({ ok: true, value });
  });

  it.each([
    [
      'int',
      2 ** 31,
      'must be an int (a whole number from -2147483648 to 2147483647), got 2147483648',
    ],
    ['int', '1.0', 'must be an int (a whole number from -2147483648 to 2147483647), got "1.0"'],
    [
      'long',
      2 ** 53,
      'must be a long (a whole number from -9007199254740991 to 9007199254740991), got 9007199254740992',
    ],
    [
      'float',
      1e39,
      'is out of range for a float (at most 3.4028234663852886e+38 in magnitude), got 1e+39',
    ],
    ['double', '0x1f', 'must be a number, got "0x1f"'],
    ['double', 'Infinity', 'must be a number, got "Infinity"'],
    ['boolean', 1, 'must be true or false, got 1'],
    ['string', 5, 'must be a string, got 5'],
    ['string', null, 'must not be null: F is not nullable'],
  ] as const)('a %s field refuses %j', (type, given, problem) => {
    expect(checkFieldValue(field(type), given)).toEqual({ ok: false, problem });
  });

  it('takes null for a nullable field', () => {
    expect(checkFieldValue(field('int', { nullable: true }), null)).toEqual({
      ok: true,
      value: null,
    });
  });

  it('bounds each category, not the whole categorical value', () => {
    const categorical = field('string', { categorical: true });
    const many = Array.from({ length: 5 }, () => 'c'.repeat(1000)).join('|');
    expect(checkFieldValue(categorical, many).ok).toBe(true);
    expect(checkFieldValue(categorical, `a|${'c'.repeat(1001)}`).ok).toBe(false);
  });
});

describe('properties', () => {
  it('names fields in camelCase', () => {
    expect(['NUMBER_OF_RATINGS', 'AGE', 'RATING_5_STAR'].map(camelCase)).toEqual([
      'numberOfRatings',
      'age',
      'rating5Star',
    ]);
  });

  it('matches keys ignoring case and underscores', () => {
    const problems: string[] = [];
    const schema = { name: 'Users', fields: [field('int', { name: 'NUMBER_OF_RATINGS' })] };
    const rules = { schema, label: 'Users', members: {}, complete: true };
    for (const key of ['numberOfRatings', 'NUMBER_OF_RATINGS', 'number_of_ratings']) {
      expect(readProperties(JSON.stringify({ [key]: 2 }), rules, 'users[0]', problems)).toEqual({
        NUMBER_OF_RATINGS: 2,
      });
    }
    expect(problems).toEqual([]);
  });
});
