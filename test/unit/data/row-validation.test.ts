import { DatasetSchema, parseSchema } from '../../../layers/core/data/avro-schema';
import { DatasetType } from '../../../layers/core/domain/dataset';
import { FieldValue } from '../../../layers/core/domain/field-value';
import { RowError, RowValidator } from '../../../layers/core/data/row-validation';

function schemaOf(...fields: Record<string, unknown>[]): DatasetSchema {
  return parseSchema(
    JSON.stringify({
      type: 'record',
      name: 'Test',
      namespace: 'com.amazonaws.personalize.schema',
      fields,
    }),
  );
}

const INTERACTIONS = schemaOf(
  { name: 'USER_ID', type: 'string' },
  { name: 'ITEM_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
  { name: 'EVENT_TYPE', type: ['null', 'string'] },
  { name: 'EVENT_VALUE', type: ['null', 'float'] },
);

const ITEMS = schemaOf(
  { name: 'ITEM_ID', type: 'string' },
  { name: 'GENRES', type: ['null', 'string'], categorical: true },
  { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
  { name: 'CREATION_TIMESTAMP', type: ['null', 'long'] },
  { name: 'PRICE', type: ['null', 'double'] },
  { name: 'STOCK', type: ['null', 'int'] },
  { name: 'ON_SALE', type: ['null', 'boolean'] },
);

const USERS = schemaOf(
  { name: 'USER_ID', type: 'string' },
  { name: 'TIMESTAMP', type: ['null', 'long'] },
  { name: 'AGE', type: 'int' },
);

/** A validator that has read `header` on line 1. */
function validatorFor(
  schema: DatasetSchema,
  type: DatasetType,
  header: string[],
  maxErrors?: number,
): RowValidator {
  const validator = new RowValidator(schema, type, { maxErrors });
  expect(validator.header(header, 1)).toBe(true);
  return validator;
}

/** Validates one ITEMS row on line 2 with only ITEM_ID and the given column set. */
function checkItem(column: string, value: string): { values?: FieldValue[]; errors: RowError[] } {
  const validator = validatorFor(ITEMS, 'ITEMS', ['ITEM_ID', column]);
  const values = validator.row(['i1', value], 2);
  return { values: values ? [...values] : undefined, errors: [...validator.errors] };
}

/** The single error message for one ITEMS value, or undefined when it is accepted. */
function itemMessage(column: string, value: string): string | undefined {
  const { errors } = checkItem(column, value);
  expect(errors.length).toBeLessThanOrEqual(1);
  return errors[0]?.message;
}

function interactionMessage(timestamp: string): string | undefined {
  const validator = validatorFor(INTERACTIONS, 'INTERACTIONS', ['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
  validator.row(['u1', 'i1', timestamp], 17);
  return validator.errors[0]?.message;
}

describe('RowValidator', () => {
  describe('header', () => {
    it('accepts the schema fields in any order and returns values in schema order', () => {
      // Prepare
      const validator = validatorFor(INTERACTIONS, 'INTERACTIONS', [
        'EVENT_VALUE',
        'TIMESTAMP',
        'ITEM_ID',
        'USER_ID',
        'EVENT_TYPE',
      ]);

      // Act
      const values = validator.row(['2.5', '1700000000', 'i1', 'u1', 'click'], 2);

      // Assess
      expect(values).toEqual(['u1', 'i1', 1700000000, 'click', 2.5]);
    });

    it('lets nullable fields be left out, and gives them null', () => {
      // Prepare
      const validator = validatorFor(INTERACTIONS, 'INTERACTIONS', [
        'USER_ID',
        'ITEM_ID',
        'TIMESTAMP',
      ]);

      // Act / Assess
      expect(validator.row(['u1', 'i1', '1700000000'], 2)).toEqual([
        'u1',
        'i1',
        1700000000,
        null,
        null,
      ]);
    });

    it('rejects a name that is not a schema field and lists the fields', () => {
      // Prepare
      const validator = new RowValidator(USERS, 'USERS');

      // Act
      const ok = validator.header(['USER_ID', 'AGE', 'COLOR'], 1);

      // Assess
      expect(ok).toBe(false);
      expect(validator.errors).toEqual([
        {
          line: 1,
          column: 'COLOR',
          rule: 'header-unknown-field',
          message:
            'line 1, column COLOR: "COLOR" is not a field of the schema, which has USER_ID, TIMESTAMP, AGE',
        },
      ]);
    });

    it('rejects a name that differs only in case, and points at the field', () => {
      // Prepare
      const validator = new RowValidator(USERS, 'USERS');

      // Act
      validator.header(['user_id', 'AGE'], 1);

      // Assess
      expect(validator.errors.map((error) => error.message)).toEqual([
        'line 1, column user_id: "user_id" is not a field of the schema (names are case-sensitive: did you mean "USER_ID"?)',
        'line 1: the header has no column for the required field "USER_ID"',
      ]);
    });

    it('rejects a name with spaces around it, and says so', () => {
      // Prepare
      const validator = new RowValidator(USERS, 'USERS');

      // Act
      validator.header(['USER_ID', ' AGE'], 1);

      // Assess
      expect(validator.errors[0].message).toBe(
        'line 1, column  AGE: " AGE" is not a field of the schema (remove the spaces around "AGE")',
      );
    });

    it('rejects a duplicate name', () => {
      // Prepare
      const validator = new RowValidator(USERS, 'USERS');

      // Act
      const ok = validator.header(['USER_ID', 'AGE', 'USER_ID'], 1);

      // Assess
      expect(ok).toBe(false);
      expect(validator.errors).toEqual([
        {
          line: 1,
          column: 'USER_ID',
          rule: 'header-duplicate-field',
          message: 'line 1, column USER_ID: "USER_ID" appears more than once',
        },
      ]);
    });

    it('rejects a header without a required field', () => {
      // Prepare
      const validator = new RowValidator(INTERACTIONS, 'INTERACTIONS');

      // Act
      const ok = validator.header(['USER_ID', 'ITEM_ID', 'EVENT_TYPE'], 1);

      // Assess
      expect(ok).toBe(false);
      expect(validator.errors).toEqual([
        {
          line: 1,
          column: 'TIMESTAMP',
          rule: 'header-missing-field',
          message: 'line 1: the header has no column for the required field "TIMESTAMP"',
        },
      ]);
    });

    it('refuses rows until a header has been read', () => {
      const validator = new RowValidator(USERS, 'USERS');
      expect(() => validator.row(['u1', '', '30'], 2)).toThrow(/before a valid header/);
    });
  });

  describe('rows', () => {
    it('rejects a row whose column count differs from the header', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'AGE']);

      // Act
      const values = validator.row(['u1', '30', 'extra'], 5);

      // Assess
      expect(values).toBeUndefined();
      expect(validator.errors).toEqual([
        {
          line: 5,
          rule: 'column-count',
          message: 'line 5: the row has 3 values, but the header has 2 columns',
        },
      ]);
    });

    it('requires a value for a field that is not nullable', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'AGE']);

      // Act
      validator.row(['', '30'], 3);

      // Assess
      expect(validator.errors).toEqual([
        {
          line: 3,
          column: 'USER_ID',
          rule: 'required',
          message: 'line 3, column USER_ID: a value is required',
        },
      ]);
    });

    it('reads an empty value of a nullable field as null', () => {
      expect(checkItem('PRICE', '').values).toEqual(['i1', null, null, null, null, null, null]);
      expect(checkItem('GENRES', '').values?.[1]).toBeNull();
    });

    it('reports every bad value of a row, and counts the row once', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'TIMESTAMP', 'AGE']);

      // Act
      validator.row(['', 'x', 'y'], 2);

      // Assess
      expect(validator.errors.map((error) => error.column)).toEqual([
        'USER_ID',
        'TIMESTAMP',
        'AGE',
      ]);
      expect(validator.failedRows).toBe(1);
      expect(validator.validRows).toBe(0);
    });
  });

  describe('types', () => {
    it('reads int values and rejects non-integers and values beyond 32 bits', () => {
      expect(checkItem('STOCK', '-2147483648').values?.[5]).toBe(-2147483648);
      expect(checkItem('STOCK', '+7').values?.[5]).toBe(7);
      expect(itemMessage('STOCK', '1.5')).toBe('line 2, column STOCK: "1.5" is not an integer');
      expect(itemMessage('STOCK', ' 7')).toBe('line 2, column STOCK: " 7" is not an integer');
      expect(itemMessage('STOCK', '-')).toBe('line 2, column STOCK: "-" is not an integer');
      expect(itemMessage('STOCK', '2147483648')).toBe(
        'line 2, column STOCK: "2147483648" is out of range for int (-2147483648 to 2147483647)',
      );
    });

    it('reads long values exactly and rejects those beyond 2^53', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'TIMESTAMP', 'AGE']);

      // Act
      const values = validator.row(['u1', '9007199254740991', '30'], 2);
      validator.row(['u1', '9007199254740993', '30'], 3);

      // Assess
      expect(values?.[1]).toBe(9007199254740991);
      expect(validator.errors[0]).toMatchObject({ line: 3, column: 'TIMESTAMP', rule: 'range' });
      expect(validator.errors[0].message).toMatch(
        /^line 3, column TIMESTAMP: "9007199254740993" is out of range: longs are stored exactly between/,
      );
    });

    it('reads double values and rejects what is not a finite decimal number', () => {
      expect(checkItem('PRICE', '-1.5e3').values?.[4]).toBe(-1500);
      expect(checkItem('PRICE', '.5').values?.[4]).toBe(0.5);
      expect(checkItem('PRICE', '7.').values?.[4]).toBe(7);
      for (const bad of ['abc', '0x10', 'Infinity', 'NaN', '1,5', ' 1', '1e', '.']) {
        expect(itemMessage('PRICE', bad)).toBe(
          `line 2, column PRICE: ${JSON.stringify(bad)} is not a number`,
        );
      }
      expect(itemMessage('PRICE', '1e400')).toBe(
        'line 2, column PRICE: "1e400" is out of range for double',
      );
    });

    it('reads float values and rejects those beyond the float range', () => {
      // Prepare
      const validator = validatorFor(INTERACTIONS, 'INTERACTIONS', [
        'USER_ID',
        'ITEM_ID',
        'TIMESTAMP',
        'EVENT_VALUE',
      ]);

      // Act
      const values = validator.row(['u1', 'i1', '1', '3.4e38'], 2);
      validator.row(['u1', 'i1', '1', '3.5e38'], 3);

      // Assess
      expect(values?.[4]).toBe(3.4e38);
      expect(validator.errors.map((error) => error.message)).toEqual([
        'line 3, column EVENT_VALUE: "3.5e38" is out of range for float',
      ]);
    });

    it('reads booleans in any case and rejects other words', () => {
      expect(checkItem('ON_SALE', 'true').values?.[6]).toBe(true);
      expect(checkItem('ON_SALE', 'False').values?.[6]).toBe(false);
      expect(checkItem('ON_SALE', 'TRUE').values?.[6]).toBe(true);
      expect(itemMessage('ON_SALE', 'yes')).toBe(
        'line 2, column ON_SALE: "yes" is not a boolean (true or false)',
      );
      expect(itemMessage('ON_SALE', '1')).toMatch(/is not a boolean/);
    });

    it('keeps strings as they are, spaces included', () => {
      expect(checkItem('GENRES', ' Comedy|Drama ').values?.[1]).toBe(' Comedy|Drama ');
    });
  });

  describe('timestamps', () => {
    it('reads epoch seconds', () => {
      expect(interactionMessage('1700000000')).toBeUndefined();
      expect(interactionMessage('0')).toBeUndefined();
    });

    it('rejects a timestamp that is not an integer, saying seconds are expected', () => {
      expect(interactionMessage('abc')).toBe(
        'line 17, column TIMESTAMP: "abc" is not an integer (epoch seconds)',
      );
      expect(interactionMessage('2023-11-14T22:13:20Z')).toBe(
        'line 17, column TIMESTAMP: "2023-11-14T22:13:20Z" is not an integer (epoch seconds)',
      );
      expect(interactionMessage('1700000000.5')).toMatch(/is not an integer \(epoch seconds\)$/);
    });

    it('rejects a timestamp in milliseconds', () => {
      expect(interactionMessage('1700000000000')).toBe(
        'line 17, column TIMESTAMP: "1700000000000" looks like epoch milliseconds; TIMESTAMP must be in epoch seconds',
      );
    });

    it('rejects a timestamp before 1970', () => {
      expect(interactionMessage('-1')).toBe(
        'line 17, column TIMESTAMP: "-1" is before 1970; TIMESTAMP must be in epoch seconds',
      );
    });

    it('checks CREATION_TIMESTAMP on items the same way', () => {
      expect(itemMessage('CREATION_TIMESTAMP', '1700000000')).toBeUndefined();
      expect(itemMessage('CREATION_TIMESTAMP', '1700000000000')).toBe(
        'line 2, column CREATION_TIMESTAMP: "1700000000000" looks like epoch milliseconds; CREATION_TIMESTAMP must be in epoch seconds',
      );
    });

    it('treats a field named TIMESTAMP in a users dataset as a plain long', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'TIMESTAMP', 'AGE']);

      // Act / Assess
      expect(validator.row(['u1', '1700000000000', '30'], 2)).toEqual(['u1', 1700000000000, 30]);
    });
  });

  describe('lengths', () => {
    it('accepts an ID of 256 characters and rejects one of 257', () => {
      // Prepare
      const validator = validatorFor(INTERACTIONS, 'INTERACTIONS', [
        'USER_ID',
        'ITEM_ID',
        'TIMESTAMP',
      ]);

      // Act
      const accepted = validator.row(['u'.repeat(256), 'i1', '1'], 2);
      validator.row(['u1', 'i'.repeat(257), '1'], 3);

      // Assess
      expect(accepted).toBeDefined();
      expect(validator.errors).toEqual([
        {
          line: 3,
          column: 'ITEM_ID',
          rule: 'id-length',
          message: 'line 3, column ITEM_ID: the ID is 257 characters long; at most 256 are allowed',
        },
      ]);
    });

    it('counts characters, not UTF-16 units', () => {
      // Prepare: 256 emoji are 512 UTF-16 units.
      const validator = validatorFor(INTERACTIONS, 'INTERACTIONS', [
        'USER_ID',
        'ITEM_ID',
        'TIMESTAMP',
      ]);

      // Act / Assess
      expect(validator.row(['😀'.repeat(256), 'i1', '1'], 2)).toBeDefined();
      expect(validator.row(['😀'.repeat(257), 'i1', '1'], 3)).toBeUndefined();
      expect(validator.errors[0].message).toMatch(/the ID is 257 characters long/);
    });

    it('limits each categorical value to 1000 characters, not the whole field', () => {
      // Prepare
      const long = 'g'.repeat(1001);

      // Act / Assess
      expect(itemMessage('GENRES', ['a'.repeat(1000), 'b'.repeat(1000)].join('|'))).toBeUndefined();
      expect(itemMessage('GENRES', `Comedy|${long}`)).toBe(
        `line 2, column GENRES: the category "${'g'.repeat(55)}..." is 1001 characters long; each "|"-separated value may have at most 1000`,
      );
    });

    it('limits a textual field to 20,000 characters', () => {
      expect(itemMessage('DESCRIPTION', 'w'.repeat(20_000))).toBeUndefined();
      expect(itemMessage('DESCRIPTION', 'w'.repeat(20_001))).toBe(
        'line 2, column DESCRIPTION: the text is 20001 characters long; at most 20000 are allowed',
      );
    });

    it('cuts a long bad value short in the message', () => {
      const message = itemMessage('PRICE', 'x'.repeat(500)) as string;
      expect(message).toBe(`line 2, column PRICE: "${'x'.repeat(55)}..." is not a number`);
    });
  });

  describe('error collection', () => {
    it('keeps the first 10 errors by default and counts every failed row', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'AGE']);

      // Act
      for (let line = 2; line < 27; line++) validator.row(['u', 'old'], line);
      validator.row(['u', '30'], 27);

      // Assess
      expect(validator.errors).toHaveLength(10);
      expect(validator.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(validator.failedRows).toBe(25);
      expect(validator.validRows).toBe(1);
    });

    it('keeps as many errors as configured', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'AGE'], 3);

      // Act
      for (let line = 2; line < 10; line++) validator.row(['u', 'old'], line);

      // Assess
      expect(validator.errors).toHaveLength(3);
      expect(validator.failedRows).toBe(8);
    });

    it('returns valid rows after invalid ones', () => {
      // Prepare
      const validator = validatorFor(USERS, 'USERS', ['USER_ID', 'AGE']);

      // Act
      validator.row(['u1', 'x'], 2);
      const values = validator.row(['u2', '40'], 3);

      // Assess
      expect(values).toEqual(['u2', null, 40]);
    });
  });
});
