/**
 * Tailor's CSV reader (layers/core/data/csv.ts) against csv-parse, the streaming parser most
 * Node projects would reach for (issue 13, item 6): throughput and memory on three generated
 * files, then what each reports for malformed input.
 *
 *   npm run bench -- csv [--rows 1000000] [--chunk 65536] [--runs 3] [--text 400]
 *
 * The files are written to a temporary folder and streamed from disk in `--chunk` byte reads,
 * as an import streams an S3 body. Each parser reads each file in a process of its own, so peak
 * RSS is that parser's alone; the best of `--runs` timed passes is reported, after a warm-up.
 *
 * - plain: the 4-column interactions file of scripts/bench/parse.ts.
 * - quoted: the same columns, every field quoted, with commas, newlines and doubled quotes.
 * - wide: an items file of 7 columns, one a quoted description of about `--text` characters.
 *
 * "csv-parse" gives arrays only; "csv-parse info" adds `info: true`, which an import needs for
 * line numbers. Both take `bom`, `relax_column_count` (the row validator counts columns and
 * names the column) and `skip_empty_lines`, which match what Tailor's reader does.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parse, type Options as CsvParseOptions } from 'csv-parse';
import { CsvSyntaxError, readCsv } from '../../layers/core/data/csv';

const PARSERS = ['tailor', 'csv-parse', 'csv-parse info'] as const;
type ParserName = (typeof PARSERS)[number];

const CSV_PARSE_OPTIONS: CsvParseOptions = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
};

const WARM_UP_ROWS = 100_000;
/** How often the record loop samples the heap; often enough for the peak, rare enough to be free. */
const HEAP_SAMPLE_EVERY = 8_192;

// ---------------------------------------------------------------------------------------------
// The parsers, as the import would drive them: a byte stream in, records with lines out.
// ---------------------------------------------------------------------------------------------

interface Pass {
  rows: number;
  seconds: number;
  peakHeap: number;
}

/**
 * Reads the file once, as the import drives a parser: a byte stream in, records with their line
 * out. Each parser has a loop of its own, so no shared wrapper adds a step per record to both.
 */
async function pass(parser: ParserName, file: string, chunk: number, limit: number): Promise<Pass> {
  const source = createReadStream(file, { highWaterMark: chunk });
  const started = process.hrtime.bigint();
  let rows = 0;
  let peakHeap = 0;
  // Sums each record's field count and line, so no parser's output can be optimised away.
  let check = 0;
  const sample = (): boolean => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    return rows >= limit;
  };
  if (parser === 'tailor') {
    for await (const { fields, line } of readCsv(source)) {
      check += fields.length + line;
      if (++rows % HEAP_SAMPLE_EVERY === 0 && sample()) break;
    }
  } else if (parser === 'csv-parse') {
    for await (const record of source.pipe(parse(CSV_PARSE_OPTIONS))) {
      check += (record as string[]).length;
      if (++rows % HEAP_SAMPLE_EVERY === 0 && sample()) break;
    }
  } else {
    for await (const { record, info } of source.pipe(parse({ ...CSV_PARSE_OPTIONS, info: true }))) {
      check += (record as string[]).length + (info as { lines: number }).lines;
      if (++rows % HEAP_SAMPLE_EVERY === 0 && sample()) break;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sample();
  if (check < 0) throw new Error('unreachable');
  return { rows: rows - 1, seconds, peakHeap };
}

/** The child: one parser, one file; prints one JSON line for the parent. */
async function measure(parser: ParserName, file: string, chunk: number, runs: number) {
  const startRss = process.memoryUsage().rss;
  await pass(parser, file, chunk, WARM_UP_ROWS);
  let best: Pass | undefined;
  for (let run = 0; run < runs; run++) {
    const result = await pass(parser, file, chunk, Infinity);
    if (!best || result.seconds < best.seconds) best = { ...result };
    best.peakHeap = Math.max(best.peakHeap, result.peakHeap);
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ ...best, startRss, peakRss }));
}

// ---------------------------------------------------------------------------------------------
// Generated files
// ---------------------------------------------------------------------------------------------

/** Writes the file in blocks of lines, so the parent never holds it whole. */
function writeLines(file: string, header: string, rows: number, line: (i: number) => string) {
  const fd = openSync(file, 'w');
  let block = [header];
  for (let i = 0; i < rows; i++) {
    block.push(line(i));
    if (block.length === 10_000) {
      writeSync(fd, `${block.join('\n')}\n`);
      block = [];
    }
  }
  if (block.length > 0) writeSync(fd, `${block.join('\n')}\n`);
  closeSync(fd);
}

const EVENTS = ['click', 'view', 'purchase'];
const WORDS = ['red', 'wool', 'coat', 'with', 'a', 'hood', 'and', 'two', 'pockets', 'for', 'cold'];

function generate(dir: string, rows: number, textLength: number): Record<string, string> {
  const plain = join(dir, 'plain.csv');
  writeLines(
    plain,
    'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
    rows,
    (i) =>
      `user${(i * 7919) % 50_000},item${(i * 104_729) % 20_000},${1_700_000_000 + i},${EVENTS[i % 3]}`,
  );

  // A third of the rows each: a comma, a newline and a doubled quote inside a quoted field.
  const tricky = ['with, a comma', 'on two\nlines', 'says ""hi""'];
  const quoted = join(dir, 'quoted.csv');
  writeLines(
    quoted,
    '"USER_ID","ITEM_ID","TIMESTAMP","EVENT_TYPE"',
    rows,
    (i) =>
      `"user${(i * 7919) % 50_000}","item ${tricky[i % 3]} ${(i * 104_729) % 20_000}","${1_700_000_000 + i}","${EVENTS[i % 3]}"`,
  );

  const wide = join(dir, 'wide.csv');
  const sentence = (i: number) => {
    let text = '';
    for (let w = i; text.length < textLength; w += 7) text += `${WORDS[w % WORDS.length]} `;
    // Commas and a doubled quote, as real descriptions have; the length still varies by row.
    return `${text.slice(0, textLength - 20 + (i % 40))}, "soft", warm`.replace(/"/g, '""');
  };
  writeLines(
    wide,
    'ITEM_ID,PRICE,GENRES,CREATION_TIMESTAMP,BRAND,COLOR,DESCRIPTION',
    rows,
    (i) =>
      `item${i},${(i % 5000) / 100},${WORDS[i % 11]}|${WORDS[(i + 3) % 11]},${1_600_000_000 + i},brand${i % 300},${WORDS[(i + 5) % 11]},"${sentence(i)}"`,
  );
  return { plain, quoted, wide };
}

// ---------------------------------------------------------------------------------------------
// Malformed input: what each parser says
// ---------------------------------------------------------------------------------------------

const MALFORMED: { label: string; input: string | Buffer }[] = [
  { label: 'unclosed quote (opens line 2)', input: 'a,b\n1,"open\n2,3\n4,5\n' },
  { label: 'stray quote in unquoted field', input: 'a,b\n1,x"y\n' },
  { label: 'text after closing quote', input: 'a,b\n"x\ny"z,1\n' },
  { label: 'wrong column count (line 2)', input: 'a,b\n1,2,3\n' },
  { label: 'BOM then quoted header', input: '\uFEFF"a",b\n1,2\n' },
  { label: 'CRLF, quoted CRLF on line 2', input: 'a,b\r\n"x\r\ny",2\r\n3,4\r\n' },
  { label: 'LF file with one CRLF line', input: 'a,b\n1,2\r\n3,4\n' },
  { label: 'lone CR line ends', input: 'a,b\r1,2\r' },
  {
    label: 'Latin-1 byte on line 3',
    input: Buffer.concat([Buffer.from('a,b\n1,2\ncaf'), Buffer.from([0xe9]), Buffer.from(',3\n')]),
  },
];

type Said = string;

function showRecords(rows: { fields: string[]; line: number }[]): Said {
  return rows.map((row) => `${row.line}:${JSON.stringify(row.fields)}`).join(' ');
}

async function tailorSays(input: string | Buffer): Promise<Said> {
  const rows: { fields: string[]; line: number }[] = [];
  try {
    for await (const record of readCsv(Readable.from([Buffer.from(input)]))) rows.push(record);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return `${error.rule}: "${error.message}"`;
  }
  return showRecords(rows);
}

async function csvParseSays(input: string | Buffer, strict: boolean): Promise<Said> {
  const rows: { fields: string[]; line: number }[] = [];
  const options = strict ? { bom: true, info: true } : { ...CSV_PARSE_OPTIONS, info: true };
  try {
    const stream = Readable.from([Buffer.from(input)]).pipe(parse(options));
    for await (const { record, info } of stream) rows.push({ fields: record, line: info.lines });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `${code}: "${message}"`;
  }
  return showRecords(rows);
}

async function behaviour(): Promise<void> {
  console.log('\nMalformed and unusual input (records show line:fields; csv-parse lines are');
  console.log("info.lines, the line a record ends on; 'strict' drops relax_column_count):\n");
  for (const { label, input } of MALFORMED) {
    console.log(`${label}  ${JSON.stringify(input.toString())}`);
    console.log(`  tailor            ${await tailorSays(input)}`);
    console.log(`  csv-parse         ${await csvParseSays(input, false)}`);
    if (label.startsWith('wrong column count')) {
      console.log(`  csv-parse strict  ${await csvParseSays(input, true)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The parent: generate, spawn one child per parser and file, print the tables.
// ---------------------------------------------------------------------------------------------

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      chunk: { type: 'string', default: '65536' },
      runs: { type: 'string', default: '3' },
      text: { type: 'string', default: '400' },
      child: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const chunk = Number(values.chunk);
  const runs = Number(values.runs);
  if (values.child) {
    await measure(values.child as ParserName, values.file as string, chunk, runs);
    return;
  }

  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'tailor-bench-csv-'));
  try {
    const files = generate(dir, rows, Number(values.text));
    console.log(
      `${rows} rows a file, read in ${chunk}-byte chunks, best of ${runs} after a warm-up; Node ${process.version}\n`,
    );
    console.log(
      `${'file'.padEnd(14)}${'parser'.padEnd(16)}${'rows/s'.padStart(11)}${'MB/s'.padStart(7)}${'vs tailor'.padStart(11)}${'peak RSS'.padStart(10)}${'peak heap'.padStart(11)}`,
    );
    for (const [name, file] of Object.entries(files)) {
      const size = statSync(file).size;
      let tailorRate = 0;
      for (const parser of PARSERS) {
        const child = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            __filename,
            '--child',
            parser,
            '--file',
            file,
            '--chunk',
            `${chunk}`,
            '--runs',
            `${runs}`,
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        if (child.status !== 0) throw new Error(`${parser} on ${name} failed: ${child.stderr}`);
        const result = JSON.parse(child.stdout.trim().split('\n').pop() as string);
        const rate = result.rows / result.seconds;
        if (parser === 'tailor') tailorRate = rate;
        console.log(
          `${`${name} ${mb(size)} MB`.padEnd(14)}${parser.padEnd(16)}${Math.round(rate).toLocaleString('en-US').padStart(11)}${(size / 1024 / 1024 / result.seconds).toFixed(0).padStart(7)}${`${((rate / tailorRate) * 100).toFixed(0)}%`.padStart(11)}${`${mb(result.peakRss)} MB`.padStart(10)}${`${mb(result.peakHeap)} MB`.padStart(11)}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await behaviour();
}

void main();
