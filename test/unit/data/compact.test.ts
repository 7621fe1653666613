import { Readable } from 'node:stream';
import {
  checkSchemaFitsDataset,
  DatasetSchema,
  parseSchema,
} from '../../../layers/core/data/avro-schema';
import { DatasetType } from '../../../layers/core/domain/dataset';
import { CompactBuilder } from '../../../layers/core/data/compact/builder';
import { decode, encode, FORMAT_VERSION } from '../../../layers/core/data/compact/codec';
import {
  CompactDataset,
  CompactFormatError,
  findColumn,
  NULL_BOOLEAN,
  NULL_INDEX,
  StringColumn,
} from '../../../layers/core/data/compact/columns';
import { toCsv } from '../../../layers/core/data/compact/csv-export';
import {
  appendDatasets,
  keepLastByKey,
  upsertDatasets,
  withoutKeys,
} from '../../../layers/core/data/compact/row-operations';
import { readCsv } from '../../../layers/core/data/csv';
import { FieldValue } from '../../../layers/core/domain/field-value';
import { RowValidator } from '../../../layers/core/data/row-validation';

function schemaOf(type: DatasetType, ...fields: Record<string, unknown>[]): DatasetSchema {
  const schema = parseSchema(
    JSON.stringify({
      type: 'record',
      name: 'Test',
      namespace: 'com.amazonaws.personalize.schema',
      fields,
    }),
  );
  checkSchemaFitsDataset(schema, type);
  return schema;
}

const INTERACTIONS = schemaOf(
  'INTERACTIONS',
  { name: 'USER_ID', type: 'string' },
  { name: 'ITEM_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
  { name: 'EVENT_TYPE', type: ['null', 'string'] },
  { name: 'EVENT_VALUE', type: ['null', 'float'] },
);

const USERS = schemaOf(
  'USERS',
  { name: 'USER_ID', type: 'string' },
  { name: 'AGE', type: ['null', 'int'] },
  { name: 'MEMBERSHIP', type: ['null', 'string'], categorical: true },
  { name: 'SUBSCRIBED', type: ['null', 'boolean'] },
);

const ITEMS = schemaOf(
  'ITEMS',
  { name: 'ITEM_ID', type: 'string' },
  { name: 'GENRES', type: ['null', 'string'], categorical: true },
  { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
  { name: 'CREATION_TIMESTAMP', type: ['null', 'long'] },
  { name: 'PRICE', type: ['null', 'double'] },
  { name: 'RATING', type: ['null', 'float'] },
);

const ACTIONS = schemaOf(
  'ACTIONS',
  { name: 'ACTION_ID', type: 'string' },
  { name: 'VALUE', type: ['null', 'double'] },
);

const ACTION_INTERACTIONS = schemaOf(
  'ACTION_INTERACTIONS',
  { name: 'USER_ID', type: 'string' },
  { name: 'ACTION_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
);

function build(schema: DatasetSchema, rows: FieldValue[][]): CompactDataset {
  const builder = new CompactBuilder(schema.fields);
  for (const row of rows) builder.append(row);
  return builder.build();
}

/** What an import job does with one file: parse, validate every row, build. */
async function importCsv(
  schema: DatasetSchema,
  type: DatasetType,
  source: AsyncIterable<Buffer | string>,
): Promise<{ dataset: CompactDataset; validator: RowValidator }> {
  const validator = new RowValidator(schema, type);
  const builder = new CompactBuilder(schema.fields);
  let header = true;
  for await (const { fields, line } of readCsv(source)) {
    if (header) {
      header = false;
      if (!validator.header(fields, line)) break;
      continue;
    }
    const values = validator.row(fields, line);
    if (values) builder.append(values);
  }
  return { dataset: builder.build(), validator };
}

function strings(dataset: CompactDataset, name: string): (string | null)[] {
  const column = findColumn(dataset, name) as StringColumn;
  return [...column.indices].map((index) =>
    index === NULL_INDEX ? null : column.dictionary[index],
  );
}

function numbers(dataset: CompactDataset, name: string): number[] {
  const column = findColumn(dataset, name);
  if (!column || column.kind === 'string') throw new Error(`no numeric column ${name}`);
  return [...column.values];
}

const csvOf = (dataset: CompactDataset, rowsPerChunk?: number) =>
  [...toCsv(dataset, rowsPerChunk)].join('');

const SAMPLES: [DatasetType, DatasetSchema, FieldValue[][]][] = [
  [
    'INTERACTIONS',
    INTERACTIONS,
    [
      ['u1', 'i1', 1_700_000_000, 'click', 1.5],
      ['u2', 'i1', 1_700_000_001, null, null],
      ['u1', 'i2', 1_700_000_002, 'purchase', -0.25],
    ],
  ],
  [
    'USERS',
    USERS,
    [
      ['u1', 34, 'gold|early', true],
      ['u2', null, null, null],
      ['u3', -1, 'silver', false],
    ],
  ],
  [
    'ITEMS',
    ITEMS,
    [
      ['i1', 'Comedy|Drama', 'A "quoted", multi-line\ndescription ✓', 1_600_000_000, 9.99, 4.5],
      ['i2', null, null, null, null, null],
      ['i3', 'Drama', '😀', 0, 1e300, 0.1],
    ],
  ],
  [
    'ACTIONS',
    ACTIONS,
    [
      ['a1', 10],
      ['a2', null],
    ],
  ],
  [
    'ACTION_INTERACTIONS',
    ACTION_INTERACTIONS,
    [
      ['u1', 'a1', 1_700_000_000],
      ['u2', 'a2', 1_700_000_100],
    ],
  ],
];

describe('CompactBuilder', () => {
  it('dictionary-encodes strings in order of first appearance, with nulls apart', () => {
    // Act
    const dataset = build(INTERACTIONS, [
      ['u2', 'i1', 1, 'view', null],
      ['u1', 'i1', 2, null, null],
      ['u2', 'i3', 3, 'view', null],
    ]);

    // Assess
    expect(dataset.rowCount).toBe(3);
    expect(findColumn(dataset, 'USER_ID')).toMatchObject({
      kind: 'string',
      dictionary: ['u2', 'u1'],
      indices: new Uint32Array([0, 1, 0]),
    });
    expect(findColumn(dataset, 'EVENT_TYPE')).toMatchObject({
      dictionary: ['view'],
      indices: new Uint32Array([0, NULL_INDEX, 0]),
    });
  });

  it('stores timestamps as doubles and event values as floats, with NaN for null', () => {
    // Act
    const dataset = build(INTERACTIONS, [
      ['u1', 'i1', 1_700_000_000, 'click', 0.5],
      ['u1', 'i2', 1_700_000_001, 'click', null],
    ]);

    // Assess
    expect(findColumn(dataset, 'TIMESTAMP')).toMatchObject({
      kind: 'float64',
      values: new Float64Array([1_700_000_000, 1_700_000_001]),
    });
    expect(findColumn(dataset, 'EVENT_VALUE')).toMatchObject({
      kind: 'float32',
      values: new Float32Array([0.5, NaN]),
    });
  });

  it('stores booleans as bytes with 255 for null', () => {
    const dataset = build(USERS, [
      ['u1', null, null, true],
      ['u2', null, null, false],
      ['u3', null, null, null],
    ]);
    expect(findColumn(dataset, 'SUBSCRIBED')).toMatchObject({
      kind: 'boolean',
      values: new Uint8Array([1, 0, NULL_BOOLEAN]),
    });
  });

  it('grows past its initial capacity without losing rows', () => {
    // Prepare
    const rows: FieldValue[][] = Array.from({ length: 5000 }, (_, i) => [
      `u${i % 77}`,
      `i${i}`,
      i,
      null,
      i / 4,
    ]);

    // Act
    const dataset = build(INTERACTIONS, rows);

    // Assess
    expect(dataset.rowCount).toBe(5000);
    expect(strings(dataset, 'ITEM_ID')).toEqual(rows.map((row) => row[1]));
    expect(numbers(dataset, 'TIMESTAMP')).toEqual(rows.map((row) => row[2]));
    expect(numbers(dataset, 'EVENT_VALUE')).toEqual(rows.map((row) => row[4]));
  });

  it('leaves an earlier build unchanged by later appends', () => {
    // Prepare
    const builder = new CompactBuilder(ACTIONS.fields);
    builder.append(['a1', 1]);

    // Act
    const first = builder.build();
    builder.append(['a2', 2]);

    // Assess
    expect(first.rowCount).toBe(1);
    expect(findColumn(first, 'ACTION_ID')).toMatchObject({ dictionary: ['a1'] });
    expect(builder.build().rowCount).toBe(2);
  });

  it('rejects a value of the wrong type and a row of the wrong width', () => {
    const builder = new CompactBuilder(ACTIONS.fields);
    expect(() => builder.append(['a1', 'ten'])).toThrow(
      'Column VALUE (double) cannot hold the string ten',
    );
    expect(() => builder.append([1, 1])).toThrow(TypeError);
    expect(() => builder.append(['a1'])).toThrow('A row needs 2 values, got 1');
  });
});

describe('encode and decode', () => {
  it.each(SAMPLES)('round-trips a dataset of type %s', (_type, schema, rows) => {
    // Prepare
    const dataset = build(schema, rows);

    // Act
    const decoded = decode(encode(dataset));

    // Assess
    expect(decoded).toEqual(dataset);
  });

  it('round-trips an empty dataset', () => {
    const dataset = build(ITEMS, []);
    expect(decode(encode(dataset))).toEqual(dataset);
  });

  it('writes the magic, version and row count, then 8-byte aligned payloads', () => {
    // Prepare
    const bytes = encode(build(INTERACTIONS, SAMPLES[0][2]));

    // Act
    const headerLength = bytes.readUInt32LE(12);
    const header = JSON.parse(bytes.toString('utf8', 16, 16 + headerLength));

    // Assess
    expect(bytes.toString('latin1', 0, 4)).toBe('TLRD');
    expect(bytes.readUInt32LE(4)).toBe(FORMAT_VERSION);
    expect(bytes.readUInt32LE(8)).toBe(3);
    expect(header.columns.map((column: { kind: string }) => column.kind)).toEqual([
      'string',
      'string',
      'float64',
      'string',
      'float32',
    ]);
    expect(header.columns[0].field).toEqual({
      name: 'USER_ID',
      type: 'string',
      nullable: false,
      categorical: false,
      textual: false,
    });
    const start = Math.ceil((16 + headerLength) / 8) * 8;
    const extents = header.columns.flatMap(
      (column: { values: { offset: number }; dictionary?: { offset: number } }) =>
        column.dictionary ? [column.values, column.dictionary] : [column.values],
    );
    for (const { offset } of extents) expect((start + offset) % 8).toBe(0);
  });

  it('decodes typed arrays as views of the buffer, without copying', () => {
    // Prepare
    const bytes = encode(build(INTERACTIONS, SAMPLES[0][2]));

    // Act
    const decoded = decode(bytes);

    // Assess
    for (const column of decoded.columns) {
      const array = column.kind === 'string' ? column.indices : column.values;
      expect(array.buffer).toBe(bytes.buffer);
    }
  });

  it('copies payloads that are misaligned in memory, with the same result', () => {
    // Prepare: the same bytes one byte into a larger buffer.
    const dataset = build(INTERACTIONS, SAMPLES[0][2]);
    const bytes = encode(dataset);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);

    // Act
    const decoded = decode(shifted);

    // Assess
    expect(decoded).toEqual(dataset);
    expect((findColumn(decoded, 'TIMESTAMP') as { values: Float64Array }).values.buffer).not.toBe(
      shifted.buffer,
    );
  });

  it('gives the same bytes for the same rows, every time', () => {
    // Prepare
    const rows = SAMPLES[2][2];

    // Act
    const first = encode(build(ITEMS, rows));
    const second = encode(build(ITEMS, rows));
    const reencoded = encode(decode(first));

    // Assess
    expect(second.equals(first)).toBe(true);
    expect(reencoded.equals(first)).toBe(true);
  });

  it('gives the same bytes whatever the key order of the schema fields', () => {
    // Prepare
    const reordered = ACTIONS.fields.map(({ textual, categorical, nullable, type, name }) => ({
      textual,
      categorical,
      nullable,
      type,
      name,
    }));

    // Act / Assess
    const rows = SAMPLES[3][2];
    expect(encode(build({ name: 'x', fields: reordered }, rows))).toEqual(
      encode(build(ACTIONS, rows)),
    );
  });

  describe('rejects data that is not a dataset', () => {
    const valid = encode(build(ACTIONS, SAMPLES[3][2]));
    const altered = (at: number, write: (bytes: Buffer) => void) => {
      const bytes = Buffer.from(valid);
      write(bytes);
      return () => decode(bytes.subarray(0, at));
    };

    it('fails on a short buffer', () => {
      expect(() => decode(Buffer.from('TLR'))).toThrow(CompactFormatError);
    });

    it('fails on other magic bytes', () => {
      expect(altered(valid.length, (b) => b.write('PAR1'))).toThrow(
        'Not a Tailor dataset: magic is "PAR1"',
      );
    });

    it('fails on an unknown format version', () => {
      expect(altered(valid.length, (b) => b.writeUInt32LE(2, 4))).toThrow(
        'Dataset format version 2 is not supported; this build reads version 1',
      );
    });

    it('fails on a truncated buffer', () => {
      expect(altered(valid.length - 8, () => undefined)).toThrow(/runs past the end/);
      expect(altered(20, () => undefined)).toThrow('Dataset header runs past the end of the data');
    });

    it('fails on a damaged header', () => {
      expect(altered(valid.length, (b) => b.write('}', 16))).toThrow(
        'Dataset header is not valid JSON',
      );
    });

    it('fails on a row count the columns do not match', () => {
      expect(altered(valid.length, (b) => b.writeUInt32LE(3, 8))).toThrow(
        /Column ACTION_ID holds 8 bytes; 3 rows need 12/,
      );
    });
  });
});

describe('appendDatasets', () => {
  it('appends interactions and merges the dictionaries', () => {
    // Prepare
    const base = build(INTERACTIONS, [
      ['u1', 'i1', 1, 'click', null],
      ['u2', 'i2', 2, 'click', null],
    ]);
    const added = build(INTERACTIONS, [
      ['u3', 'i2', 3, 'view', 1],
      ['u1', 'i3', 4, null, 2],
    ]);

    // Act
    const merged = appendDatasets(base, added);

    // Assess
    expect(merged.rowCount).toBe(4);
    expect(strings(merged, 'USER_ID')).toEqual(['u1', 'u2', 'u3', 'u1']);
    expect(strings(merged, 'ITEM_ID')).toEqual(['i1', 'i2', 'i2', 'i3']);
    expect(strings(merged, 'EVENT_TYPE')).toEqual(['click', 'click', 'view', null]);
    expect(numbers(merged, 'TIMESTAMP')).toEqual([1, 2, 3, 4]);
    expect(numbers(merged, 'EVENT_VALUE')).toEqual([NaN, NaN, 1, 2]);
    expect(findColumn(merged, 'USER_ID')).toMatchObject({ dictionary: ['u1', 'u2', 'u3'] });
  });

  it('gives the bytes of building all rows at once', () => {
    // Prepare
    const rows = SAMPLES[0][2];

    // Act
    const merged = appendDatasets(
      build(INTERACTIONS, rows.slice(0, 1)),
      build(INTERACTIONS, rows.slice(1)),
    );

    // Assess
    expect(encode(merged).equals(encode(build(INTERACTIONS, rows)))).toBe(true);
  });

  it('fills nulls where only one side has a column', () => {
    // Prepare: the schema gained EVENT_VALUE between the imports.
    const older = schemaOf(
      'INTERACTIONS',
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
    );
    const base = build(older, [['u1', 'i1', 1, 'click']]);
    const added = build(INTERACTIONS, [['u2', 'i2', 2, null, 0.5]]);

    // Act
    const merged = appendDatasets(base, added);

    // Assess
    expect(merged.columns.map((column) => column.field.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
      'EVENT_TYPE',
      'EVENT_VALUE',
    ]);
    expect(numbers(merged, 'EVENT_VALUE')).toEqual([NaN, 0.5]);
    expect(findColumn(merged, 'EVENT_VALUE')?.field.nullable).toBe(true);
  });

  it('fails on a column whose type changed', () => {
    // Prepare
    const other = schemaOf(
      'ACTIONS',
      { name: 'ACTION_ID', type: 'string' },
      { name: 'VALUE', type: 'string' },
    );

    // Act / Assess
    expect(() => appendDatasets(build(ACTIONS, [['a1', 1]]), build(other, [['a2', 'x']]))).toThrow(
      'Column VALUE is double in one dataset and string in the other',
    );
  });
});

describe('upsertDatasets', () => {
  it('replaces rows by ID, keeps their positions and adds new IDs after', () => {
    // Prepare
    const base = build(USERS, [
      ['u1', 30, 'gold', true],
      ['u2', 40, 'silver', false],
      ['u3', 50, 'bronze', null],
    ]);
    const update = build(USERS, [
      ['u4', 20, 'gold', true],
      ['u2', 41, null, true],
    ]);

    // Act
    const merged = upsertDatasets(base, update, 'USER_ID');

    // Assess
    expect(strings(merged, 'USER_ID')).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(numbers(merged, 'AGE')).toEqual([30, 41, 50, 20]);
    expect(strings(merged, 'MEMBERSHIP')).toEqual(['gold', null, 'bronze', 'gold']);
    expect(numbers(merged, 'SUBSCRIBED')).toEqual([1, 1, NULL_BOOLEAN, 1]);
  });

  it('lets the last row win when an update repeats an ID', () => {
    // Prepare
    const update = build(ITEMS, [
      ['i1', 'Comedy', null, null, 1, null],
      ['i1', 'Drama', null, null, 2, null],
    ]);

    // Act
    const merged = upsertDatasets(build(ITEMS, []), update, 'ITEM_ID');

    // Assess
    expect(merged.rowCount).toBe(1);
    expect(strings(merged, 'GENRES')).toEqual(['Drama']);
    expect(numbers(merged, 'PRICE')).toEqual([2]);
  });

  it('drops dictionary values no row uses any more, giving the bytes of a fresh build', () => {
    // Prepare
    const base = build(USERS, [
      ['u1', 30, 'gold', true],
      ['u2', 40, 'silver', false],
    ]);
    const update = build(USERS, [['u1', 31, 'platinum', true]]);

    // Act
    const merged = upsertDatasets(base, update, 'USER_ID');

    // Assess
    expect(findColumn(merged, 'MEMBERSHIP')).toMatchObject({ dictionary: ['platinum', 'silver'] });
    const fresh = build(USERS, [
      ['u1', 31, 'platinum', true],
      ['u2', 40, 'silver', false],
    ]);
    expect(encode(merged).equals(encode(fresh))).toBe(true);
  });

  it('fails on a key column the dataset does not have', () => {
    const users = build(USERS, [['u1', null, null, null]]);
    expect(() => upsertDatasets(users, users, 'ITEM_ID')).toThrow(
      'Dataset has no string column ITEM_ID to use as its ID',
    );
  });
});

describe('keepLastByKey', () => {
  it('returns the dataset itself when every ID is distinct', () => {
    const users = build(USERS, [
      ['u1', null, null, null],
      ['u2', null, null, null],
    ]);
    expect(keepLastByKey(users, 'USER_ID')).toBe(users);
  });
});

describe('withoutKeys', () => {
  it('drops the rows of the given users, keeps the rest in order and gives the bytes of a fresh build', () => {
    // Prepare
    const interactions = build(INTERACTIONS, [
      ['u1', 'i1', 1_700_000_000, 'click', 1],
      ['u2', 'i2', 1_700_000_001, 'click', 2],
      ['u3', 'i1', 1_700_000_002, 'purchase', 3],
      ['u2', 'i3', 1_700_000_003, 'view', 4],
    ]);

    // Act
    const kept = withoutKeys(interactions, 'USER_ID', new Set(['u2', 'absent']));

    // Assess
    expect(strings(kept, 'USER_ID')).toEqual(['u1', 'u3']);
    expect(numbers(kept, 'TIMESTAMP')).toEqual([1_700_000_000, 1_700_000_002]);
    const fresh = build(INTERACTIONS, [
      ['u1', 'i1', 1_700_000_000, 'click', 1],
      ['u3', 'i1', 1_700_000_002, 'purchase', 3],
    ]);
    expect(encode(kept).equals(encode(fresh))).toBe(true);
  });

  it('returns the dataset itself when no row matches, and an empty one when all do', () => {
    const users = build(USERS, [
      ['u1', null, null, null],
      ['u2', null, null, null],
    ]);
    expect(withoutKeys(users, 'USER_ID', new Set(['u9']))).toBe(users);
    expect(withoutKeys(users, 'USER_ID', new Set(['u1', 'u2'])).rowCount).toBe(0);
  });

  it('fails on a key column the dataset does not have', () => {
    const users = build(USERS, [['u1', null, null, null]]);
    expect(() => withoutKeys(users, 'ITEM_ID', new Set(['u1']))).toThrow(
      'Dataset has no string column ITEM_ID to match rows by',
    );
  });
});

describe('toCsv', () => {
  it('writes a header and rows, quoting where needed and leaving nulls empty', () => {
    // Act
    const csv = csvOf(build(ITEMS, SAMPLES[2][2]));

    // Assess
    expect(csv).toBe(
      'ITEM_ID,GENRES,DESCRIPTION,CREATION_TIMESTAMP,PRICE,RATING\n' +
        'i1,Comedy|Drama,"A ""quoted"", multi-line\ndescription ✓",1600000000,9.99,4.5\n' +
        'i2,,,,,\n' +
        'i3,Drama,😀,0,1e+300,0.1\n',
    );
  });

  it('writes floats in their shortest form and booleans as words', () => {
    expect(csvOf(build(USERS, SAMPLES[1][2]))).toBe(
      'USER_ID,AGE,MEMBERSHIP,SUBSCRIBED\nu1,34,gold|early,true\nu2,,,\nu3,-1,silver,false\n',
    );
    expect(csvOf(build(INTERACTIONS, SAMPLES[0][2]))).toBe(
      'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n' +
        'u1,i1,1700000000,click,1.5\n' +
        'u2,i1,1700000001,,\n' +
        'u1,i2,1700000002,purchase,-0.25\n',
    );
  });

  it('yields the rows in chunks of the given size', () => {
    // Act
    const chunks = [
      ...toCsv(
        build(ACTIONS, [
          ['a1', 1],
          ['a2', 2],
          ['a3', 3],
        ]),
        2,
      ),
    ];

    // Assess
    expect(chunks).toEqual(['ACTION_ID,VALUE\n', 'a1,1\na2,2\n', 'a3,3\n']);
  });

  it.each(SAMPLES)(
    're-imports an exported dataset of type %s to the same bytes',
    async (type, schema, rows) => {
      // Prepare
      const dataset = build(schema, rows);

      // Act
      const { dataset: reimported, validator } = await importCsv(
        schema,
        type,
        Readable.from(toCsv(dataset)),
      );

      // Assess
      expect(validator.errors).toEqual([]);
      expect(encode(reimported).equals(encode(dataset))).toBe(true);
    },
  );
});

describe('a 100,000-row interactions import', () => {
  it('parses, validates, builds, encodes and decodes every row', async () => {
    // Prepare: CRLF line ends, a BOM, quoted IDs and commas inside quotes, in 64 KiB chunks.
    const rows = 100_000;
    const lines = ['\uFEFFUSER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < rows; i++) {
      const item = i % 10 === 0 ? `"item,${i % 5000}"` : `item${i % 5000}`;
      const value = i % 4 === 0 ? '' : String((i % 50) / 10);
      lines.push(
        `user${i % 3000},${item},${1_600_000_000 + i},${['click', 'view'][i % 2]},${value}`,
      );
    }
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`);
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += 65_536) {
      chunks.push(bytes.subarray(offset, offset + 65_536));
    }

    // Act
    const { dataset, validator } = await importCsv(
      INTERACTIONS,
      'INTERACTIONS',
      Readable.from(chunks),
    );
    const decoded = decode(encode(dataset));

    // Assess
    expect(validator.errors).toEqual([]);
    expect(validator.validRows).toBe(rows);
    expect(decoded.rowCount).toBe(rows);
    expect((findColumn(decoded, 'USER_ID') as StringColumn).dictionary).toHaveLength(3000);
    expect((findColumn(decoded, 'ITEM_ID') as StringColumn).dictionary).toHaveLength(5000);
    expect((findColumn(decoded, 'EVENT_TYPE') as StringColumn).dictionary).toEqual([
      'click',
      'view',
    ]);
    expect(numbers(decoded, 'EVENT_VALUE').filter(Number.isNaN)).toHaveLength(rows / 4);
    expect(numbers(decoded, 'TIMESTAMP')[rows - 1]).toBe(1_600_000_000 + rows - 1);
  });
});
