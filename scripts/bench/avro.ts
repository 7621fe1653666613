/**
 * Tailor's Personalize schema checks (layers/core/data/avro-schema.ts) against avsc, the Avro
 * library for JavaScript (issue 13, item 6): which schemas each rejects and with what message,
 * then how long each takes on a typical schema. Schemas are small and parsed once per
 * CreateSchema or job, so the time is for completeness; the messages are the point.
 *
 *   npm run bench -- avro [--iterations 20000]
 *
 * "avsc" is `Type.forSchema(JSON.parse(json))`, the generic Avro part alone: it is what avsc
 * could take over (names, types, unions, defaults) if Tailor kept only Personalize's own rules.
 */
import { parseArgs } from 'node:util';
import { Type } from 'avsc';
import { parseSchema } from '../../layers/core/data/avro-schema';
import { avroRecord, INTERACTIONS_SCHEMA, ITEMS_SCHEMA } from '../../test/helpers/schemas';

const USER_ID = { name: 'USER_ID', type: 'string' };
const ITEM_ID = { name: 'ITEM_ID', type: 'string' };
const record = (overrides: Record<string, unknown>, fields: unknown[] = [USER_ID]) =>
  JSON.stringify({
    type: 'record',
    name: 'Test',
    namespace: 'com.amazonaws.personalize.schema',
    fields,
    ...overrides,
  });
const field = (...fields: unknown[]) => avroRecord('Test', fields as object[]);

/** Each case, and which checker's rule it is: Avro's own, or Personalize's on top of it. */
const CASES: { label: string; rule: 'avro' | 'personalize' | 'valid'; json: string }[] = [
  // The JSON and the record.
  { label: 'not JSON (trailing comma)', rule: 'avro', json: '{\n  "type": "record",\n}' },
  { label: 'JSON array', rule: 'avro', json: '[1, 2]' },
  { label: 'type enum, not record', rule: 'personalize', json: record({ type: 'enum' }) },
  { label: 'no record name', rule: 'avro', json: record({ name: undefined }) },
  { label: 'record name my-schema', rule: 'avro', json: record({ name: 'my-schema' }) },
  { label: 'no namespace', rule: 'personalize', json: record({ namespace: undefined }) },
  {
    label: 'namespace com.example',
    rule: 'personalize',
    json: record({ namespace: 'com.example' }),
  },
  { label: 'version 1 (a number)', rule: 'personalize', json: record({ version: 1 }) },
  { label: 'no fields', rule: 'avro', json: record({ fields: undefined }) },
  { label: 'empty fields', rule: 'personalize', json: record({}, []) },
  // Fields: Avro's rules.
  { label: 'field is a string', rule: 'avro', json: field(USER_ID, 'ITEM_ID') },
  { label: 'field without name', rule: 'avro', json: field({ type: 'string' }) },
  { label: 'field name 1ST', rule: 'avro', json: field({ name: '1ST', type: 'string' }) },
  { label: 'duplicate field', rule: 'avro', json: field(USER_ID, USER_ID) },
  { label: 'field without type', rule: 'avro', json: field({ name: 'AGE' }) },
  { label: 'unknown type name', rule: 'avro', json: field({ name: 'F', type: 'Interactions' }) },
  {
    label: 'union null,string,null',
    rule: 'avro',
    json: field({ name: 'X', type: ['null', 'string', 'null'] }),
  },
  {
    label: 'default "x" on an int',
    rule: 'avro',
    json: field({ name: 'A', type: 'int', default: 'x' }),
  },
  {
    label: 'default null on [float,null]',
    rule: 'avro',
    json: field({ name: 'V', type: ['float', 'null'], default: null }),
  },
  // Fields: Personalize's rules.
  {
    label: 'names differ only in case',
    rule: 'personalize',
    json: field(USER_ID, { name: 'user_id', type: 'string' }),
  },
  { label: 'type bytes', rule: 'personalize', json: field({ name: 'F', type: 'bytes' }) },
  { label: 'type null', rule: 'personalize', json: field({ name: 'F', type: 'null' }) },
  {
    label: 'nested record',
    rule: 'personalize',
    json: field({ name: 'N', type: { type: 'record', name: 'Inner', fields: [USER_ID] } }),
  },
  {
    label: 'array of string',
    rule: 'personalize',
    json: field({ name: 'N', type: { type: 'array', items: 'string' } }),
  },
  {
    label: 'enum',
    rule: 'personalize',
    json: field({ name: 'N', type: { type: 'enum', name: 'E', symbols: ['A'] } }),
  },
  {
    label: 'union string,int',
    rule: 'personalize',
    json: field({ name: 'X', type: ['string', 'int'] }),
  },
  { label: 'union null alone', rule: 'personalize', json: field({ name: 'X', type: ['null'] }) },
  {
    label: 'categorical "true"',
    rule: 'personalize',
    json: field({ name: 'G', type: 'string', categorical: 'true' }),
  },
  {
    label: 'categorical int',
    rule: 'personalize',
    json: field({ name: 'AGE', type: 'int', categorical: true }),
  },
  {
    label: 'categorical and textual',
    rule: 'personalize',
    json: field({ name: 'D', type: 'string', categorical: true, textual: true }),
  },
  {
    label: 'two textual fields',
    rule: 'personalize',
    json: field(
      ITEM_ID,
      { name: 'T', type: 'string', textual: true },
      { name: 'D', type: 'string', textual: true },
    ),
  },
  {
    label: 'two problems at once',
    rule: 'personalize',
    json: field({ name: 'A', type: 'bytes' }, { name: 'B', type: 'int', categorical: true }),
  },
  // Valid in Avro; how each reads them.
  {
    label: 'type as {"type":"string"}',
    rule: 'valid',
    json: field({ name: 'S', type: { type: 'string' } }),
  },
  {
    label: 'long with logicalType',
    rule: 'valid',
    json: field({ name: 'T', type: { type: 'long', logicalType: 'timestamp-millis' } }),
  },
  {
    label: 'default null on [null,float]',
    rule: 'valid',
    json: field({ name: 'V', type: ['null', 'float'], default: null }),
  },
];

type Verdict = string;

function tailorSays(json: string): Verdict {
  try {
    parseSchema(json);
    return 'accepts';
  } catch (error) {
    return `rejects: ${(error as Error).message}`;
  }
}

function avscSays(json: string): Verdict {
  try {
    Type.forSchema(JSON.parse(json));
    return 'accepts';
  } catch (error) {
    return `rejects: ${(error as Error).message}`;
  }
}

function time(label: string, iterations: number, run: () => unknown): void {
  for (let i = 0; i < 1000; i++) run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  const micros = Number(process.hrtime.bigint() - started) / 1e3 / iterations;
  console.log(`  ${label.padEnd(36)} ${micros.toFixed(1).padStart(6)} µs a schema`);
}

function main(): void {
  const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' } } });
  const iterations = Number(values.iterations);

  const cut = (text: string) => (text.length > 150 ? `${text.slice(0, 147)}...` : text);
  let tailorCatches = 0;
  let avscCatches = 0;
  const invalid = CASES.filter((c) => c.rule !== 'valid').length;
  console.log(`Which schemas each rejects, and with what message (${CASES.length} cases):\n`);
  for (const { label, rule, json } of CASES) {
    const tailor = tailorSays(json);
    const avsc = avscSays(json);
    if (rule !== 'valid' && tailor !== 'accepts') tailorCatches++;
    if (rule !== 'valid' && avsc !== 'accepts') avscCatches++;
    console.log(`${label} [${rule}]`);
    console.log(`  tailor  ${cut(tailor)}`);
    console.log(`  avsc    ${cut(avsc)}`);
  }
  console.log(
    `\nOf ${invalid} invalid schemas: tailor rejects ${tailorCatches}, avsc ${avscCatches}.`,
  );

  console.log(`\nTime to check a valid schema (${iterations} iterations):`);
  for (const [name, json] of [
    ['interactions', INTERACTIONS_SCHEMA],
    ['items', ITEMS_SCHEMA],
  ]) {
    time(`tailor parseSchema, ${name}`, iterations, () => parseSchema(json));
    time(`avsc Type.forSchema, ${name}`, iterations, () => Type.forSchema(JSON.parse(json)));
  }
}

main();
