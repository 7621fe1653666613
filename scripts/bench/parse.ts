/**
 * Throughput of the pure import core on a generated 4-column interactions CSV held in memory,
 * so no disk or S3 time is counted: CSV parsing alone, then parse + validate, then
 * parse + validate + build + encode.
 *
 *   npx tsx scripts/bench/parse.ts [rows=1000000] [chunkBytes=65536]
 */
import { parseSchema } from '../../layers/core/data/avro-schema';
import { CompactBuilder } from '../../layers/core/data/compact/builder';
import { encode } from '../../layers/core/data/compact/codec';
import { readCsv } from '../../layers/core/data/csv';
import { RowValidator } from '../../layers/core/data/row-validation';
import { INTERACTIONS_SCHEMA } from '../../test/helpers/schemas';

const rows = Number(process.argv[2] ?? 1_000_000);
const chunkBytes = Number(process.argv[3] ?? 65_536);

const schema = parseSchema(INTERACTIONS_SCHEMA);

function generate(): Buffer[] {
  const events = ['click', 'view', 'purchase'];
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `user${(i * 7919) % 50_000},item${(i * 104_729) % 20_000},${1_700_000_000 + i},${events[i % 3]}`,
    );
  }
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    chunks.push(bytes.subarray(offset, offset + chunkBytes));
  }
  return chunks;
}

async function* stream(chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

async function parseOnly(chunks: Buffer[]): Promise<number> {
  let records = 0;
  for await (const record of readCsv(stream(chunks))) records += record.fields.length > 0 ? 1 : 0;
  return records - 1;
}

async function parseAndValidate(chunks: Buffer[], build: boolean): Promise<number> {
  const validator = new RowValidator(schema, 'INTERACTIONS');
  const builder = new CompactBuilder(schema.fields);
  let header = true;
  for await (const { fields, line } of readCsv(stream(chunks))) {
    if (header) {
      header = false;
      if (!validator.header(fields, line)) throw new Error(validator.errors[0].message);
      continue;
    }
    const values = validator.row(fields, line);
    if (values && build) builder.append(values);
  }
  if (validator.failedRows > 0) throw new Error(validator.errors[0].message);
  if (build) encode(builder.build());
  return validator.validRows;
}

async function time(label: string, run: () => Promise<number>): Promise<void> {
  const started = process.hrtime.bigint();
  const count = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = Math.round(count / seconds).toLocaleString('en-US');
  console.log(
    `${label.padEnd(34)} ${count} rows  ${seconds.toFixed(3)} s  ${rate.padStart(11)} rows/s`,
  );
}

async function main(): Promise<void> {
  const chunks = generate();
  const megabytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0) / 1e6;
  console.log(
    `${rows} rows, ${megabytes.toFixed(1)} MB in ${chunks.length} chunks of ${chunkBytes} bytes`,
  );
  // The first pass lets V8 optimise the hot loops, as it will have in a long import.
  await parseAndValidate(chunks, true);
  await time('parse', () => parseOnly(chunks));
  await time('parse + validate', () => parseAndValidate(chunks, false));
  await time('parse + validate + build + encode', () => parseAndValidate(chunks, true));
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

void main();
