import {
  checkSchemaFitsDataset,
  DatasetSchema,
  parseSchema,
} from '../../../layers/core/data/avro-schema';
import { DATASET_TYPES, DatasetType } from '../../../layers/core/domain/dataset';

const NAMESPACE = 'com.amazonaws.personalize.schema';

/** A schema string with the given fields and any top-level overrides. */
function schemaJson(fields: unknown[], overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'record',
    name: 'Test',
    namespace: NAMESPACE,
    fields,
    ...overrides,
  });
}

/** Asserts `act` throws an InvalidInputException whose message matches `pattern`. */
function expectInvalid(act: () => unknown, pattern: RegExp): void {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).name).toBe('InvalidInputException');
  expect(act).toThrow(pattern);
}

const parseFields =
  (...fields: unknown[]) =>
  () =>
    parseSchema(schemaJson(fields));

/** Parses the fields, then checks them against a dataset type. */
const fits =
  (datasetType: DatasetType, ...fields: unknown[]) =>
  () =>
    checkSchemaFitsDataset(parseSchema(schemaJson(fields)), datasetType);

const USER_ID = { name: 'USER_ID', type: 'string' };
const ITEM_ID = { name: 'ITEM_ID', type: 'string' };
const ACTION_ID = { name: 'ACTION_ID', type: 'string' };
const TIMESTAMP = { name: 'TIMESTAMP', type: 'long' };

describe('parseSchema', () => {
  describe('valid schemas', () => {
    it('parses the classic Personalize interactions schema', () => {
      // Prepare
      const json = `{
        "type": "record",
        "name": "Interactions",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          { "name": "USER_ID", "type": "string" },
          { "name": "ITEM_ID", "type": "string" },
          { "name": "EVENT_TYPE", "type": "string" },
          { "name": "EVENT_VALUE", "type": ["float", "null"] },
          { "name": "TIMESTAMP", "type": "long" }
        ],
        "version": "1.0"
      }`;

      // Act
      const schema = parseSchema(json);

      // Assess
      expect(schema.name).toBe('Interactions');
      expect(schema.fields.map((field) => field.name)).toEqual([
        'USER_ID',
        'ITEM_ID',
        'EVENT_TYPE',
        'EVENT_VALUE',
        'TIMESTAMP',
      ]);
      expect(schema.fields[3]).toEqual({
        name: 'EVENT_VALUE',
        type: 'float',
        nullable: true,
        categorical: false,
        textual: false,
      });
      expect(() => checkSchemaFitsDataset(schema, 'INTERACTIONS')).not.toThrow();
    });

    it('parses an items schema with a categorical and a textual field', () => {
      const schema = parseSchema(
        schemaJson([
          ITEM_ID,
          { name: 'GENRES', type: ['null', 'string'], categorical: true },
          { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
          { name: 'CREATION_TIMESTAMP', type: 'long' },
          { name: 'PRICE', type: 'double' },
        ]),
      );

      expect(schema.fields[1]).toEqual({
        name: 'GENRES',
        type: 'string',
        nullable: true,
        categorical: true,
        textual: false,
      });
      expect(schema.fields[2]).toMatchObject({
        name: 'DESCRIPTION',
        textual: true,
        categorical: false,
      });
      expect(() => checkSchemaFitsDataset(schema, 'ITEMS')).not.toThrow();
    });

    it('parses a users schema', () => {
      const schema = parseSchema(
        schemaJson([
          USER_ID,
          { name: 'AGE', type: 'int' },
          { name: 'MEMBERSHIP', type: 'string', categorical: true },
          { name: 'OPTED_IN', type: ['boolean', 'null'] },
        ]),
      );

      expect(schema.fields.map((field) => field.type)).toEqual([
        'string',
        'int',
        'string',
        'boolean',
      ]);
      expect(() => checkSchemaFitsDataset(schema, 'USERS')).not.toThrow();
    });

    it('accepts a union with null in either order', () => {
      const schema = parseSchema(
        schemaJson([
          { name: 'A', type: ['null', 'long'] },
          { name: 'B', type: ['long', 'null'] },
        ]),
      );

      expect(schema.fields.map((field) => [field.type, field.nullable])).toEqual([
        ['long', true],
        ['long', true],
      ]);
    });

    it('accepts a schema without a version', () => {
      expect(parseSchema(schemaJson([USER_ID])).fields).toHaveLength(1);
    });

    it('defaults categorical and textual to false', () => {
      expect(parseSchema(schemaJson([USER_ID])).fields[0]).toEqual({
        name: 'USER_ID',
        type: 'string',
        nullable: false,
        categorical: false,
        textual: false,
      });
    });
  });

  describe('the JSON and the record', () => {
    it('rejects a string that is not JSON and says where it fails', () => {
      expectInvalid(
        () => parseSchema('{\n  "type": "record",\n}'),
        /not valid JSON.*line 3, column 1/,
      );
    });

    it('rejects truncated JSON', () => {
      expectInvalid(() => parseSchema('{"type": "record"'), /not valid JSON/);
    });

    it('keeps the JSON parse error as the cause', () => {
      try {
        parseSchema('nope');
        throw new Error('expected parseSchema to throw');
      } catch (error) {
        expect((error as Error).cause).toBeInstanceOf(SyntaxError);
      }
    });

    it('rejects JSON that is not an object', () => {
      expectInvalid(
        () => parseSchema('[1, 2]'),
        /must be a JSON object \(an Avro record\), got array/,
      );
    });

    it('rejects a type other than record', () => {
      expectInvalid(
        () => parseSchema(schemaJson([USER_ID], { type: 'enum' })),
        /"type" must be "record", got "enum"/,
      );
    });

    it('rejects a missing name', () => {
      expectInvalid(
        () => parseSchema(schemaJson([USER_ID], { name: undefined })),
        /"name" must be an Avro name/,
      );
    });

    it('rejects a name that is not an Avro name', () => {
      expectInvalid(
        () => parseSchema(schemaJson([USER_ID], { name: 'my-schema' })),
        /"name" must be an Avro name.*"my-schema"/,
      );
    });

    it('rejects a missing namespace', () => {
      expectInvalid(
        () => parseSchema(schemaJson([USER_ID], { namespace: undefined })),
        /"namespace" must be "com\.amazonaws\.personalize\.schema", got nothing/,
      );
    });

    it("rejects a namespace other than Personalize's", () => {
      expectInvalid(
        () => parseSchema(schemaJson([USER_ID], { namespace: 'com.example' })),
        /"namespace" must be "com\.amazonaws\.personalize\.schema", got "com\.example"/,
      );
    });

    it('rejects a version that is not a string', () => {
      expectInvalid(
        () => parseSchema(schemaJson([USER_ID], { version: 1 })),
        /"version" must be a string/,
      );
    });

    it('rejects a missing fields array', () => {
      expectInvalid(
        () => parseSchema(schemaJson([], { fields: undefined })),
        /"fields" must be a non-empty array/,
      );
    });

    it('rejects an empty fields array', () => {
      expectInvalid(() => parseSchema(schemaJson([])), /"fields" must be a non-empty array/);
    });

    it('reports every record problem at once', () => {
      expectInvalid(
        () => parseSchema(JSON.stringify({ type: 'map', fields: [] })),
        /"type" must be "record".*"name".*"namespace".*"fields"/,
      );
    });
  });

  describe('fields', () => {
    it('rejects a field that is not an object', () => {
      expectInvalid(
        parseFields(USER_ID, 'ITEM_ID'),
        /field at index 1 must be a JSON object, got string/,
      );
    });

    it('rejects a field without a name', () => {
      expectInvalid(parseFields({ type: 'string' }), /field at index 0 must have a "name"/);
    });

    it('rejects a field name that is not an Avro name', () => {
      expectInvalid(parseFields({ name: '1ST', type: 'string' }), /"name" matching .*got "1ST"/);
      expectInvalid(parseFields({ name: 'ITEM-ID', type: 'string' }), /got "ITEM-ID"/);
    });

    it('rejects a duplicate field name', () => {
      expectInvalid(parseFields(USER_ID, USER_ID), /field "USER_ID" duplicates "USER_ID"/);
    });

    it('rejects field names that differ only in case', () => {
      expectInvalid(
        parseFields(USER_ID, { name: 'user_id', type: 'string' }),
        /field "user_id" duplicates "USER_ID"; field names must be unique, ignoring case/,
      );
    });

    it('rejects a field with no type', () => {
      expectInvalid(
        parseFields({ name: 'AGE' }),
        /field "AGE" has no "type"; Personalize fields must be flat/,
      );
    });

    it.each(['bytes', 'null', 'decimal', 'Interactions'])('rejects the type %s', (type) => {
      expectInvalid(
        parseFields({ name: 'F', type }),
        new RegExp(`field "F" has (unsupported )?type "?${type}"?`),
      );
    });

    it.each([
      ['a nested record', { type: 'record', name: 'Inner', fields: [USER_ID] }, 'record'],
      ['an array', { type: 'array', items: 'string' }, 'array'],
      ['a map', { type: 'map', values: 'string' }, 'map'],
      ['an enum', { type: 'enum', name: 'E', symbols: ['A'] }, 'enum'],
      ['a fixed', { type: 'fixed', name: 'F', size: 4 }, 'fixed'],
    ])('rejects %s and names the field', (_label, type, kind) => {
      expectInvalid(
        parseFields({ name: 'NESTED', type }),
        new RegExp(
          `field "NESTED" has unsupported type "${kind}"; Personalize fields must be flat`,
        ),
      );
    });

    it.each([
      [
        'a primitive as a type object',
        { type: 'string' },
        /\{"type":"string"\}, a type object; write the type name alone \("string"\)/,
      ],
      [
        'a logical type',
        { type: 'long', logicalType: 'timestamp-millis' },
        /\{"type":"long","logicalType":"timestamp-millis"\}, a type object; write the type name alone \("long"\)/,
      ],
    ])('rejects %s and says to write the type name alone', (_label, type, message) => {
      expectInvalid(parseFields({ name: 'F', type }), message);
      expectInvalid(parseFields({ name: 'F', type: ['null', type] }), message);
    });

    it('rejects a complex type inside a union', () => {
      expectInvalid(
        parseFields({ name: 'TAGS', type: ['null', { type: 'array', items: 'string' }] }),
        /field "TAGS" has unsupported type "array"/,
      );
    });

    it('rejects a union of two primitives', () => {
      expectInvalid(
        parseFields({ name: 'X', type: ['string', 'int'] }),
        /field "X" has union type .*must pair one of/,
      );
    });

    it('rejects a union of null alone', () => {
      expectInvalid(parseFields({ name: 'X', type: ['null'] }), /field "X" has union type/);
    });

    it('rejects a union of three members', () => {
      expectInvalid(
        parseFields({ name: 'X', type: ['null', 'string', 'null'] }),
        /field "X" has union type/,
      );
    });
  });

  describe('categorical and textual', () => {
    it('rejects a categorical flag that is not a boolean', () => {
      expectInvalid(
        parseFields({ name: 'GENRE', type: 'string', categorical: 'true' }),
        /field "GENRE" has "categorical" set to "true"; it must be a boolean/,
      );
    });

    it('rejects a textual flag that is not a boolean', () => {
      expectInvalid(
        parseFields({ name: 'DESCRIPTION', type: 'string', textual: 1 }),
        /field "DESCRIPTION" has "textual" set to 1; it must be a boolean/,
      );
    });

    it('rejects a categorical field that is not a string', () => {
      expectInvalid(
        parseFields({ name: 'AGE', type: 'int', categorical: true }),
        /field "AGE" is categorical but of type int; only string fields can be categorical/,
      );
    });

    it('rejects a textual field that is not a string', () => {
      expectInvalid(
        parseFields({ name: 'PRICE', type: ['null', 'float'], textual: true }),
        /field "PRICE" is textual but of type float; only string fields can be textual/,
      );
    });

    it('rejects a field that is both categorical and textual', () => {
      expectInvalid(
        parseFields({ name: 'DESCRIPTION', type: 'string', categorical: true, textual: true }),
        /field "DESCRIPTION" cannot be both categorical and textual/,
      );
    });

    it('accepts explicit false flags on a non-string field', () => {
      expect(() =>
        parseFields({ name: 'AGE', type: 'int', categorical: false, textual: false })(),
      ).not.toThrow();
    });

    it('rejects more than one textual field', () => {
      expectInvalid(
        parseFields(
          ITEM_ID,
          { name: 'TITLE', type: 'string', textual: true },
          { name: 'DESCRIPTION', type: 'string', textual: true },
        ),
        /2 textual fields \("TITLE", "DESCRIPTION"\); at most 1 is allowed/,
      );
    });
  });

  it('reports every field problem in one message', () => {
    expectInvalid(
      parseFields({ name: 'A', type: 'bytes' }, { name: 'B', type: 'int', categorical: true }),
      /field "A" has unsupported type "bytes".*; Schema field "B" is categorical/,
    );
  });
});

describe('checkSchemaFitsDataset', () => {
  it('lists every dataset type', () => {
    expect(DATASET_TYPES).toEqual([
      'INTERACTIONS',
      'ITEMS',
      'USERS',
      'ACTIONS',
      'ACTION_INTERACTIONS',
    ]);
  });

  it('rejects an unknown dataset type', () => {
    const schema: DatasetSchema = parseSchema(schemaJson([USER_ID]));

    expectInvalid(
      () => checkSchemaFitsDataset(schema, 'EVENTS' as DatasetType),
      /Dataset type "EVENTS" must be one of INTERACTIONS, ITEMS/,
    );
  });

  describe('INTERACTIONS', () => {
    it('accepts the three required fields alone', () => {
      expect(fits('INTERACTIONS', USER_ID, ITEM_ID, TIMESTAMP)).not.toThrow();
    });

    it('accepts every reserved field with its type', () => {
      expect(
        fits(
          'INTERACTIONS',
          USER_ID,
          ITEM_ID,
          TIMESTAMP,
          { name: 'EVENT_TYPE', type: 'string' },
          { name: 'EVENT_VALUE', type: 'float' },
          { name: 'IMPRESSION', type: ['null', 'string'] },
          { name: 'RECOMMENDATION_ID', type: ['string', 'null'] },
          { name: 'DEVICE', type: 'string', categorical: true },
        ),
      ).not.toThrow();
    });

    it.each(['USER_ID', 'ITEM_ID', 'TIMESTAMP'])('rejects a schema missing %s', (name) => {
      const fields = [USER_ID, ITEM_ID, TIMESTAMP].filter((field) => field.name !== name);

      expectInvalid(
        fits('INTERACTIONS', ...fields),
        new RegExp(`missing the required field "${name}" for an INTERACTIONS dataset`),
      );
    });

    it('rejects a lowercase variant of a required field and points at it', () => {
      expectInvalid(
        fits('INTERACTIONS', { name: 'user_id', type: 'string' }, ITEM_ID, TIMESTAMP),
        /missing the required field "USER_ID" for an INTERACTIONS dataset \(field names are case-sensitive; found "user_id"\)/,
      );
    });

    it('rejects a TIMESTAMP that is not a long', () => {
      expectInvalid(
        fits('INTERACTIONS', USER_ID, ITEM_ID, { name: 'TIMESTAMP', type: 'int' }),
        /Schema field "TIMESTAMP" must be of type long for an INTERACTIONS dataset, got int/,
      );
    });

    it('rejects a USER_ID that is not a string', () => {
      expectInvalid(
        fits('INTERACTIONS', { name: 'USER_ID', type: 'int' }, ITEM_ID, TIMESTAMP),
        /field "USER_ID" must be of type string for an INTERACTIONS dataset/,
      );
    });

    it.each(['USER_ID', 'ITEM_ID'])('rejects a nullable %s', (name) => {
      const fields = [USER_ID, ITEM_ID, TIMESTAMP].map((field) =>
        field.name === name ? { name, type: ['null', 'string'] } : field,
      );

      expectInvalid(
        fits('INTERACTIONS', ...fields),
        new RegExp(`field "${name}" must not be nullable for an INTERACTIONS`),
      );
    });

    it('rejects a nullable TIMESTAMP', () => {
      expectInvalid(
        fits('INTERACTIONS', USER_ID, ITEM_ID, { name: 'TIMESTAMP', type: ['long', 'null'] }),
        /field "TIMESTAMP" must not be nullable/,
      );
    });

    it.each([
      ['EVENT_TYPE', 'int', 'string'],
      ['EVENT_VALUE', 'double', 'float'],
      ['IMPRESSION', 'long', 'string'],
      ['RECOMMENDATION_ID', 'boolean', 'string'],
    ])('rejects a reserved %s of type %s', (name, given, expected) => {
      expectInvalid(
        fits('INTERACTIONS', USER_ID, ITEM_ID, TIMESTAMP, { name, type: given }),
        new RegExp(
          `field "${name}" must be of type ${expected} for an INTERACTIONS dataset, got ${given}`,
        ),
      );
    });

    it('rejects a textual field', () => {
      expectInvalid(
        fits('INTERACTIONS', USER_ID, ITEM_ID, TIMESTAMP, {
          name: 'NOTE',
          type: 'string',
          textual: true,
        }),
        /field "NOTE" is textual, which an INTERACTIONS dataset does not allow/,
      );
    });

    it('reports every mismatch at once', () => {
      expectInvalid(
        fits('INTERACTIONS', { name: 'TIMESTAMP', type: 'string' }),
        /"USER_ID".*"ITEM_ID".*"TIMESTAMP" must be of type long/,
      );
    });
  });

  describe('USERS', () => {
    const metadata = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        name: `M${i}`,
        type: 'string',
        categorical: true,
      }));

    it('accepts 25 metadata fields', () => {
      expect(fits('USERS', USER_ID, ...metadata(25))).not.toThrow();
    });

    it('rejects a schema missing USER_ID', () => {
      expectInvalid(
        fits('USERS', ...metadata(1)),
        /missing the required field "USER_ID" for a USERS dataset/,
      );
    });

    it('rejects a nullable USER_ID', () => {
      expectInvalid(
        fits('USERS', { name: 'USER_ID', type: ['null', 'string'] }, ...metadata(1)),
        /field "USER_ID" must not be nullable for a USERS dataset/,
      );
    });

    it('rejects a schema with no metadata field', () => {
      expectInvalid(
        fits('USERS', USER_ID),
        /a USERS dataset needs at least 1 metadata field besides USER_ID, found 0/,
      );
    });

    it('rejects more than 25 metadata fields', () => {
      expectInvalid(
        fits('USERS', USER_ID, ...metadata(26)),
        /a USERS dataset allows at most 25 metadata fields besides USER_ID, found 26/,
      );
    });

    it('rejects a textual field', () => {
      expectInvalid(
        fits('USERS', USER_ID, { name: 'BIO', type: 'string', textual: true }),
        /field "BIO" is textual, which a USERS dataset does not allow/,
      );
    });
  });

  describe('ITEMS', () => {
    const metadata = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ name: `M${i}`, type: 'float' }));

    it('accepts 100 metadata fields', () => {
      expect(fits('ITEMS', ITEM_ID, ...metadata(100))).not.toThrow();
    });

    it('rejects a schema missing ITEM_ID', () => {
      expectInvalid(
        fits('ITEMS', ...metadata(1)),
        /missing the required field "ITEM_ID" for an ITEMS dataset/,
      );
    });

    it('rejects a lowercase item_id and points at it', () => {
      expectInvalid(
        fits('ITEMS', { name: 'item_id', type: 'string' }, ...metadata(1)),
        /missing the required field "ITEM_ID" .*found "item_id"/,
      );
    });

    it('rejects a schema with no metadata field', () => {
      expectInvalid(
        fits('ITEMS', ITEM_ID),
        /an ITEMS dataset needs at least 1 metadata field besides ITEM_ID, found 0/,
      );
    });

    it('rejects more than 100 metadata fields', () => {
      expectInvalid(
        fits('ITEMS', ITEM_ID, ...metadata(101)),
        /an ITEMS dataset allows at most 100 metadata fields besides ITEM_ID, found 101/,
      );
    });

    it('rejects a CREATION_TIMESTAMP that is not a long', () => {
      expectInvalid(
        fits('ITEMS', ITEM_ID, { name: 'CREATION_TIMESTAMP', type: 'string' }),
        /field "CREATION_TIMESTAMP" must be of type long for an ITEMS dataset, got string/,
      );
    });

    it('rejects more than one textual field in a schema built by hand', () => {
      // parseSchema already refuses two; this guards callers that build a DatasetSchema directly.
      const text = { type: 'string', nullable: false, categorical: false, textual: true } as const;
      const schema: DatasetSchema = {
        name: 'Items',
        fields: [
          { name: 'ITEM_ID', type: 'string', nullable: false, categorical: false, textual: false },
          { name: 'TITLE', ...text },
          { name: 'DESCRIPTION', ...text },
        ],
      };

      expectInvalid(
        () => checkSchemaFitsDataset(schema, 'ITEMS'),
        /an ITEMS dataset allows at most 1 textual field, found "TITLE", "DESCRIPTION"/,
      );
    });
  });

  describe('ACTIONS', () => {
    it('accepts an ACTION_ID with metadata', () => {
      expect(fits('ACTIONS', ACTION_ID, { name: 'VALUE', type: 'int' })).not.toThrow();
    });

    it('rejects a schema missing ACTION_ID', () => {
      expectInvalid(
        fits('ACTIONS', ITEM_ID),
        /missing the required field "ACTION_ID" for an ACTIONS dataset/,
      );
    });

    it('rejects an ACTION_ID that is not a string', () => {
      expectInvalid(
        fits('ACTIONS', { name: 'ACTION_ID', type: 'long' }),
        /field "ACTION_ID" must be of type string for an ACTIONS dataset/,
      );
    });
  });

  describe('ACTION_INTERACTIONS', () => {
    it('accepts USER_ID, ACTION_ID and TIMESTAMP', () => {
      expect(fits('ACTION_INTERACTIONS', USER_ID, ACTION_ID, TIMESTAMP)).not.toThrow();
    });

    it('rejects a schema missing ACTION_ID', () => {
      expectInvalid(
        fits('ACTION_INTERACTIONS', USER_ID, ITEM_ID, TIMESTAMP),
        /missing the required field "ACTION_ID" for an ACTION_INTERACTIONS dataset/,
      );
    });

    it('rejects a TIMESTAMP that is not a long', () => {
      expectInvalid(
        fits('ACTION_INTERACTIONS', USER_ID, ACTION_ID, { name: 'TIMESTAMP', type: 'double' }),
        /field "TIMESTAMP" must be of type long for an ACTION_INTERACTIONS dataset/,
      );
    });
  });
});
