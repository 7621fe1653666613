import { ServiceError } from '../../../layers/core/api/errors';
import { parseSchema } from '../../../layers/core/data/avro-schema';
import { literal } from '../../../layers/core/filters/ast';
import { parseFilterExpression, type FilterSchemas } from '../../../layers/core/filters/parser';
import { avroRecord } from '../../helpers/schemas';

const errorOf = (text: string, schemas?: FilterSchemas): ServiceError => {
  try {
    parseFilterExpression(text, schemas);
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
};

const only = (text: string) => {
  const { expressions } = parseFilterExpression(text);
  expect(expressions).toHaveLength(1);
  return expressions[0];
};

const SCHEMAS: FilterSchemas = {
  items: parseSchema(
    avroRecord('Items', [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'GENRES', type: 'string', categorical: true },
      { name: 'PRICE', type: 'double' },
      { name: 'IN_STOCK', type: 'boolean' },
    ]),
  ),
  users: parseSchema(
    avroRecord('Users', [
      { name: 'USER_ID', type: 'string' },
      { name: 'AGE', type: 'int' },
      { name: 'TIER', type: 'string' },
    ]),
  ),
};

describe('parseFilterExpression', () => {
  describe('grammar', () => {
    it('parses an Items condition with a list of quoted values', () => {
      expect(only('INCLUDE ItemID WHERE Items.GENRES IN ("comedy", "drama")')).toEqual({
        action: 'INCLUDE',
        where: [
          [
            {
              dataset: 'Items',
              field: 'GENRES',
              operator: 'IN',
              values: [literal('comedy'), literal('drama')],
              position: 22,
            },
          ],
        ],
        when: [],
        parameters: [],
      });
    });

    it('reads NOT IN, each comparison operator and numbers', () => {
      expect(only('EXCLUDE ItemID WHERE Items.GENRES NOT IN ("horror")').where[0][0]).toMatchObject(
        { operator: 'NOT IN', values: [literal('horror')] },
      );
      for (const operator of ['=', '!=', '<', '<=', '>', '>=']) {
        const condition = only(`INCLUDE ItemID WHERE Items.PRICE ${operator} -2.5e1`).where[0][0];
        expect(condition).toMatchObject({ operator, values: [literal('-2.5e1')] });
        expect(condition.values[0]).toMatchObject({ number: -25 });
      }
    });

    it('takes a comparison value in parentheses, as Personalize examples write it', () => {
      expect(only('INCLUDE ItemID WHERE Items.PRICE > ($PRICE)').where[0][0].values).toEqual([
        { kind: 'parameter', name: 'PRICE' },
      ]);
    });

    it('decodes backslash escapes in quoted values', () => {
      expect(
        only('INCLUDE ItemID WHERE Items.TITLE IN ("say \\"hi\\"", "a\\\\b", "x,|y")').where[0][0]
          .values,
      ).toEqual([literal('say "hi"'), literal('a\\b'), literal('x,|y')]);
    });

    it('collects each $PARAMETER once, in order, also from IF conditions', () => {
      const expression = only(
        'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE, "x", $GENRE) AND Items.PRICE <= $MAX IF CurrentUser.TIER = $TIER',
      );
      expect(expression.parameters).toEqual(['GENRE', 'MAX', 'TIER']);
    });

    it('reads Interactions.EVENT_TYPE with values, parameters and * bare or quoted', () => {
      expect(
        only('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click", $TYPE)').where[0][0].values,
      ).toEqual([literal('click'), { kind: 'parameter', name: 'TYPE' }]);
      for (const star of ['*', '"*"']) {
        expect(
          only(`EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (${star})`).where[0][0].values,
        ).toEqual([{ kind: 'any-event-type' }]);
      }
    });

    it('reads Users conditions', () => {
      expect(only('INCLUDE ItemID WHERE Users.TIER IN ("gold")').where[0][0]).toMatchObject({
        dataset: 'Users',
        field: 'TIER',
      });
    });

    it('reads CurrentItem with and without a list, and in comparisons', () => {
      const expression = only(
        'INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRES IN CurrentItem.GENRES AND Items.STUDIO IN ("x", CurrentItem.STUDIO)',
      );
      expect(expression.where[0].map((c) => c.values)).toEqual([
        [{ kind: 'current-item', field: 'PRICE' }],
        [{ kind: 'current-item', field: 'GENRES' }],
        [literal('x'), { kind: 'current-item', field: 'STUDIO' }],
      ]);
    });

    it('binds AND tighter than OR', () => {
      const { where } = only(
        'INCLUDE ItemID WHERE Items.A IN ("1") AND Items.B IN ("2") OR Items.C IN ("3") AND Items.D IN ("4") OR Items.E IN ("5")',
      );
      expect(where.map((group) => group.map((c) => c.field))).toEqual([
        ['A', 'B'],
        ['C', 'D'],
        ['E'],
      ]);
    });

    it('reads IF CurrentUser conditions joined by AND', () => {
      const expression = only(
        'EXCLUDE ItemID WHERE Items.RATING IN ("R") IF CurrentUser.AGE < 18 AND CurrentUser.TIER != "adult"',
      );
      expect(expression.when).toMatchObject([
        { dataset: 'CurrentUser', field: 'AGE', operator: '<', values: [literal('18')] },
        { dataset: 'CurrentUser', field: 'TIER', operator: '!=', values: [literal('adult')] },
      ]);
    });

    it('splits expressions on |', () => {
      const { expressions } = parseFilterExpression(
        'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") | EXCLUDE ItemID WHERE Items.PRICE > 100',
      );
      expect(expressions.map((e) => [e.action, e.where[0][0].dataset])).toEqual([
        ['INCLUDE', 'Items'],
        ['EXCLUDE', 'Interactions'],
        ['EXCLUDE', 'Items'],
      ]);
    });

    it('matches keywords, dataset and field names in any case', () => {
      expect(
        only('include itemid where items.Genres not in ("x") if currentuser.Age > 1'),
      ).toMatchObject({
        action: 'INCLUDE',
        where: [[{ dataset: 'Items', field: 'Genres', operator: 'NOT IN' }]],
        when: [{ dataset: 'CurrentUser', field: 'Age' }],
      });
      expect(
        only('INCLUDE ItemID WHERE Interactions.event_type IN ("watch")').where[0][0],
      ).toMatchObject({ dataset: 'Interactions', field: 'EVENT_TYPE' });
    });

    it('names a field as its schema spells it, and a $PARAMETER as written', () => {
      const [expression] = parseFilterExpression(
        'EXCLUDE ItemID WHERE ITEMS.genres IN ($Genres) AND items.price < CurrentItem.Price IF CURRENTUSER.age > 1',
        SCHEMAS,
      ).expressions;
      expect(expression).toMatchObject({
        where: [
          [
            { dataset: 'Items', field: 'GENRES', values: [{ kind: 'parameter', name: 'Genres' }] },
            {
              dataset: 'Items',
              field: 'PRICE',
              values: [{ kind: 'current-item', field: 'PRICE' }],
            },
          ],
        ],
        when: [{ dataset: 'CurrentUser', field: 'AGE' }],
        parameters: ['Genres'],
      });
    });

    it('says what a request must load', () => {
      expect(parseFilterExpression('EXCLUDE ItemID WHERE Items.A IN ("x")').reads).toEqual({
        interactions: false,
        user: false,
        currentItem: false,
      });
      expect(
        parseFilterExpression(
          'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*") | INCLUDE ItemID WHERE Items.A IN CurrentItem.A IF CurrentUser.B = "c"',
        ).reads,
      ).toEqual({ interactions: true, user: true, currentItem: true });
      expect(parseFilterExpression('INCLUDE ItemID WHERE Users.B IN ("c")').reads.user).toBe(true);
    });
  });

  describe('errors', () => {
    it.each([
      ['', 1, 'expected INCLUDE or EXCLUDE, found the end of the expression'],
      ['KEEP ItemID WHERE Items.A IN ("x")', 1, 'expected INCLUDE or EXCLUDE, found "KEEP"'],
      ['INCLUDE UserID WHERE Items.A IN ("x")', 9, 'expected ItemID after INCLUDE'],
      ['INCLUDE ItemID Items.A IN ("x")', 16, 'expected WHERE after ItemID, found "Items"'],
      ['INCLUDE ItemID WHERE Actions.A IN ("x")', 22, 'expected a condition on Items'],
      ['INCLUDE ItemID WHERE CurrentUser.A IN ("x")', 22, 'CurrentUser conditions go after IF'],
      ['INCLUDE ItemID WHERE CurrentItem.A IN ("x")', 22, 'CurrentItem is a value'],
      ['INCLUDE ItemID WHERE Items A IN ("x")', 28, 'expected . and a field name after Items'],
      ['INCLUDE ItemID WHERE Items."A" IN ("x")', 28, 'expected a field name after Items.'],
      [
        'INCLUDE ItemID WHERE Items.GENRES HAS ("comedy")',
        35,
        'expected IN, NOT IN or a comparison after Items.GENRES, found "HAS"',
      ],
      ['INCLUDE ItemID WHERE Items.A NOT ("x")', 34, 'expected IN after NOT'],
      ['INCLUDE ItemID WHERE Items.A IN ()', 34, 'expected a value'],
      ['INCLUDE ItemID WHERE Items.A IN ("x" "y")', 38, 'expected , or ) in the list of values'],
      ['INCLUDE ItemID WHERE Items.A IN ("x"', 37, 'found the end of the expression'],
      ['INCLUDE ItemID WHERE Items.A < (1, 2)', 34, 'expected ): < compares with one value'],
      ['INCLUDE ItemID WHERE Items.A IN ("x)', 34, 'this string has no closing "'],
      ['INCLUDE ItemID WHERE Items.A IN ($)', 34, 'expected a parameter name'],
      ['INCLUDE ItemID WHERE Items.A IN (x)', 34, 'expected a value'],
      ['INCLUDE ItemID WHERE Items.A IN ("x") ; DROP', 39, 'unexpected character ";"'],
      ['INCLUDE ItemID WHERE Items.A ! 1', 30, 'unexpected character "!"'],
      ['INCLUDE ItemID WHERE Items.A IN (*)', 34, '* stands for every event type'],
      ['INCLUDE ItemID WHERE Items.A < "cheap"', 32, '< compares numbers, and "cheap" is not one'],
      ['INCLUDE ItemID WHERE Interactions.ITEM_ID IN ("x")', 35, 'test only EVENT_TYPE'],
      ['INCLUDE ItemID WHERE Interactions.EVENT_TYPE = "x"', 46, 'takes IN or NOT IN, not ='],
      [
        'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (CurrentItem.X)',
        50,
        'an event type cannot be compared with CurrentItem',
      ],
      [
        'INCLUDE ItemID WHERE Items.A IN ("x") AND Interactions.EVENT_TYPE IN ("click")',
        43,
        'AND and OR join conditions on one dataset (here Items); put Interactions conditions in an expression of their own, joined with |',
      ],
      ['INCLUDE ItemID WHERE Items.A IN ("x") IF Items.B = 1', 42, 'expected CurrentUser.FIELD'],
      [
        'INCLUDE ItemID WHERE Items.A IN ("x") IF CurrentUser.B = 1 OR CurrentUser.C = 2',
        60,
        'IF conditions join with AND only',
      ],
      [
        'INCLUDE ItemID WHERE Items.A IN ("x") IF CurrentUser.B = 1 IF CurrentUser.C = 2',
        60,
        'expected AND, | or the end of the expression, found "IF"',
      ],
      [
        'INCLUDE ItemID WHERE Items.A IN ("x") Items.B IN ("y")',
        39,
        'expected AND, OR, IF, | or the end of the expression, found "Items"',
      ],
      ['INCLUDE ItemID WHERE Items.A IN ("x") |', 40, 'expected INCLUDE or EXCLUDE'],
      ['INCLUDE ItemID WHERE Items.A IN ("x") || EXCLUDE', 40, 'expected INCLUDE or EXCLUDE'],
    ])('rejects %j at character %i', (text, position, message) => {
      const error = errorOf(text);
      expect(error.name).toBe('InvalidInputException');
      expect(error.message).toContain(`Invalid filter expression at character ${position}: `);
      expect(error.message).toContain(message);
    });
  });

  describe('against the group’s schemas', () => {
    it('accepts fields the schemas have', () => {
      expect(() =>
        parseFilterExpression(
          'INCLUDE ItemID WHERE Items.GENRES IN ("x") AND Items.PRICE < CurrentItem.PRICE AND Items.IN_STOCK = "true" IF CurrentUser.AGE >= 18 AND CurrentUser.TIER = $T',
          SCHEMAS,
        ),
      ).not.toThrow();
    });

    it.each([
      [
        'INCLUDE ItemID WHERE Items.GENRE IN ("x")',
        28,
        'the ITEMS schema has no field GENRE; its fields are ITEM_ID, GENRES, PRICE, IN_STOCK',
      ],
      ['INCLUDE ItemID WHERE Items.PRICE < CurrentItem.COST', 48, 'ITEMS schema has no field COST'],
      ['INCLUDE ItemID WHERE Users.LEVEL IN ("x")', 28, 'the USERS schema has no field LEVEL'],
      [
        'INCLUDE ItemID WHERE Items.GENRES IN ("x") IF CurrentUser.GENDER = "f"',
        59,
        'the USERS schema has no field GENDER',
      ],
      [
        'INCLUDE ItemID WHERE Items.GENRES > 3',
        35,
        'Items.GENRES is a string field; > compares numbers',
      ],
      [
        'INCLUDE ItemID WHERE Items.PRICE IN ("cheap")',
        38,
        'Items.PRICE is a double field, and "cheap" is not a number',
      ],
    ])('rejects %j at character %i', (text, position, message) => {
      const error = errorOf(text, SCHEMAS);
      expect(error.message).toContain(`at character ${position}: `);
      expect(error.message).toContain(message);
    });

    it('leaves fields unchecked where the group has no such dataset', () => {
      expect(() =>
        parseFilterExpression('INCLUDE ItemID WHERE Users.ANYTHING IN ("x")', {
          items: SCHEMAS.items,
        }),
      ).not.toThrow();
    });
  });
});
