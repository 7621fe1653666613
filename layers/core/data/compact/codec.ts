/**
 * The compact columnar form of an imported dataset: what an import job writes to S3 and what
 * training reads. It holds tens of millions of interactions in typed arrays, with no object
 * per row.
 *
 * Columns, one per schema field, by kind:
 *   string   dictionary encoding: `dictionary` (distinct values, in order of first appearance)
 *            and `indices` (Uint32Array, one per row; 0xFFFFFFFF is null). USER_ID, ITEM_ID and
 *            EVENT_TYPE become small integers that training uses directly.
 *   float64  Float64Array, NaN is null: int, long and double fields. Epoch seconds and longs
 *            up to 2^53 are exact.
 *   float32  Float32Array, NaN is null: float fields, such as EVENT_VALUE (Avro float is 32-bit).
 *   boolean  Uint8Array: 0 false, 1 true, 255 null.
 *
 * Binary format, version 1, little-endian:
 *   0   4 bytes  magic "TLRD"
 *   4   uint32   format version (1)
 *   8   uint32   row count
 *   12  uint32   H, the byte length of the JSON header
 *   16  H bytes  JSON header, UTF-8: {"columns":[{"field":{"name","type","nullable",
 *                "categorical","textual"},"kind","values":{"offset","byteLength"},
 *                "dictionary"?:{"offset","byteLength"}}]}
 *   zero padding to a multiple of 8; the payload section starts there
 *   payloads     each at an offset from the payload section start that is a multiple of 8,
 *                zero padded, so typed arrays can view them in place. `values` is the column's
 *                typed array; `dictionary` is a UTF-8 JSON array of strings (JSON keeps every
 *                JavaScript string, lone surrogates included).
 *
 * Encoding is deterministic: the same dataset gives the same bytes. Dictionaries are canonical
 * (first appearance in row order) after building, appending and upserting alike, so the same
 * rows give the same bytes whatever the history of imports that produced them.
 */
import { FieldType, SchemaField } from './avro-schema';
import { FieldValue } from '../domain/field-value';

export const MAGIC = 'TLRD';
export const FORMAT_VERSION = 1;
export const NULL_INDEX = 0xffffffff;
export const NULL_BOOLEAN = 255;

export interface StringColumn {
  field: SchemaField;
  kind: 'string';
  dictionary: string[];
  indices: Uint32Array;
}

export interface Float64Column {
  field: SchemaField;
  kind: 'float64';
  values: Float64Array;
}

export interface Float32Column {
  field: SchemaField;
  kind: 'float32';
  values: Float32Array;
}

export interface BooleanColumn {
  field: SchemaField;
  kind: 'boolean';
  values: Uint8Array;
}

export type CompactColumn = StringColumn | Float64Column | Float32Column | BooleanColumn;
export type ColumnKind = CompactColumn['kind'];

export interface CompactDataset {
  rowCount: number;
  columns: CompactColumn[];
}

export class CompactFormatError extends Error {
  override readonly name = 'CompactFormatError';
}

export function columnKind(type: FieldType): ColumnKind {
  switch (type) {
    case 'string':
      return 'string';
    case 'float':
      return 'float32';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'long':
    case 'double':
      return 'float64';
  }
}

export function findColumn(dataset: CompactDataset, name: string): CompactColumn | undefined {
  return dataset.columns.find((column) => column.field.name === name);
}

// ---------------------------------------------------------------------------------------------
// Building: validated rows in, columns out.
// ---------------------------------------------------------------------------------------------

const INITIAL_CAPACITY = 1024;

type NumericArray = Float64Array | Float32Array | Uint8Array | Uint32Array;

/** Doubles the capacity, so n appends cost O(n) copies in all. */
function grow<T extends NumericArray>(array: T): T {
  const next = new (array.constructor as new (length: number) => T)(array.length * 2);
  next.set(array);
  return next;
}

interface ColumnBuilder {
  push(value: FieldValue): void;
  build(): CompactColumn;
}

function mismatch(field: SchemaField, value: FieldValue): TypeError {
  return new TypeError(
    `Column ${field.name} (${field.type}) cannot hold the ${typeof value} ${value}`,
  );
}

class StringColumnBuilder implements ColumnBuilder {
  private indices = new Uint32Array(INITIAL_CAPACITY);
  private length = 0;
  private readonly lookup = new Map<string, number>();
  private readonly dictionary: string[] = [];

  constructor(private readonly field: SchemaField) {}

  push(value: FieldValue): void {
    let index = NULL_INDEX;
    if (typeof value === 'string') {
      const known = this.lookup.get(value);
      if (known === undefined) {
        index = this.dictionary.length;
        this.dictionary.push(value);
        this.lookup.set(value, index);
      } else {
        index = known;
      }
    } else if (value !== null) {
      throw mismatch(this.field, value);
    }
    if (this.length === this.indices.length) this.indices = grow(this.indices);
    this.indices[this.length++] = index;
  }

  build(): StringColumn {
    return {
      field: this.field,
      kind: 'string',
      dictionary: this.dictionary.slice(),
      indices: this.indices.slice(0, this.length),
    };
  }
}

class NumberColumnBuilder implements ColumnBuilder {
  private values: Float64Array | Float32Array;
  private length = 0;

  constructor(
    private readonly field: SchemaField,
    kind: 'float64' | 'float32',
  ) {
    this.values =
      kind === 'float64' ? new Float64Array(INITIAL_CAPACITY) : new Float32Array(INITIAL_CAPACITY);
  }

  push(value: FieldValue): void {
    if (typeof value !== 'number' && value !== null) throw mismatch(this.field, value);
    if (this.length === this.values.length) this.values = grow(this.values);
    this.values[this.length++] = value ?? NaN;
  }

  build(): Float64Column | Float32Column {
    const values = this.values.slice(0, this.length);
    return values instanceof Float64Array
      ? { field: this.field, kind: 'float64', values }
      : { field: this.field, kind: 'float32', values };
  }
}

class BooleanColumnBuilder implements ColumnBuilder {
  private values = new Uint8Array(INITIAL_CAPACITY);
  private length = 0;

  constructor(private readonly field: SchemaField) {}

  push(value: FieldValue): void {
    if (typeof value !== 'boolean' && value !== null) throw mismatch(this.field, value);
    if (this.length === this.values.length) this.values = grow(this.values);
    this.values[this.length++] = value === null ? NULL_BOOLEAN : Number(value);
  }

  build(): BooleanColumn {
    return { field: this.field, kind: 'boolean', values: this.values.slice(0, this.length) };
  }
}

/**
 * Appends rows, as RowValidator returns them (values in schema field order), into growable
 * typed arrays, one per field.
 */
export class CompactBuilder {
  private readonly builders: ColumnBuilder[];
  private rows = 0;

  constructor(fields: readonly SchemaField[]) {
    this.builders = fields.map((field) => {
      const kind = columnKind(field.type);
      if (kind === 'string') return new StringColumnBuilder(field);
      if (kind === 'boolean') return new BooleanColumnBuilder(field);
      return new NumberColumnBuilder(field, kind);
    });
  }

  get rowCount(): number {
    return this.rows;
  }

  append(values: readonly FieldValue[]): void {
    const builders = this.builders;
    if (values.length !== builders.length) {
      throw new TypeError(`A row needs ${builders.length} values, got ${values.length}`);
    }
    for (let i = 0; i < builders.length; i++) builders[i].push(values[i]);
    this.rows++;
  }

  /** The rows so far, as a dataset of its own: later appends do not change it. */
  build(): CompactDataset {
    return { rowCount: this.rows, columns: this.builders.map((builder) => builder.build()) };
  }
}

// ---------------------------------------------------------------------------------------------
// Binary encoding
// ---------------------------------------------------------------------------------------------

const FIXED_HEADER_BYTES = 16;
const ALIGNMENT = 8;
// Typed-array views use the host's byte order; the format is little-endian by definition.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Extent {
  offset: number;
  byteLength: number;
}

interface ColumnDescriptor {
  field: SchemaField;
  kind: ColumnKind;
  values: Extent;
  dictionary?: Extent;
}

const align = (n: number) => Math.ceil(n / ALIGNMENT) * ALIGNMENT;

export function encode(dataset: CompactDataset): Buffer {
  checkHost();
  const payloads: { offset: number; bytes: Uint8Array }[] = [];
  let payloadBytes = 0;
  const place = (bytes: Uint8Array): Extent => {
    const offset = payloadBytes;
    payloads.push({ offset, bytes });
    payloadBytes = align(offset + bytes.byteLength);
    return { offset, byteLength: bytes.byteLength };
  };
  const columns = dataset.columns.map((column): ColumnDescriptor => {
    const values = column.kind === 'string' ? column.indices : column.values;
    if (values.length !== dataset.rowCount) {
      throw new CompactFormatError(
        `Column ${column.field.name} has ${values.length} rows; the dataset has ${dataset.rowCount}`,
      );
    }
    const descriptor: ColumnDescriptor = {
      field: canonicalField(column.field),
      kind: column.kind,
      values: place(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
    };
    if (column.kind === 'string') {
      descriptor.dictionary = place(Buffer.from(JSON.stringify(column.dictionary), 'utf8'));
    }
    return descriptor;
  });

  const header = Buffer.from(JSON.stringify({ columns }), 'utf8');
  const start = align(FIXED_HEADER_BYTES + header.length);
  // Buffer.alloc zeroes the padding, which keeps the bytes deterministic.
  const out = Buffer.alloc(start + payloadBytes);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(FORMAT_VERSION, 4);
  out.writeUInt32LE(dataset.rowCount, 8);
  out.writeUInt32LE(header.length, 12);
  header.copy(out, FIXED_HEADER_BYTES);
  for (const { offset, bytes } of payloads) out.set(bytes, start + offset);
  return out;
}

/** Key order fixed, so a field built by hand encodes like one parsed from a schema. */
function canonicalField(field: SchemaField): SchemaField {
  const { name, type, nullable, categorical, textual } = field;
  return { name, type, nullable, categorical, textual };
}

/**
 * Reads an encoded dataset. Typed arrays are views into `bytes` when their payload is aligned
 * in memory (Buffers from Buffer.concat and S3 reads are), copies otherwise.
 */
export function decode(bytes: Uint8Array): CompactDataset {
  checkHost();
  if (bytes.byteLength < FIXED_HEADER_BYTES) {
    throw new CompactFormatError(`Not a Tailor dataset: ${bytes.byteLength} bytes is too short`);
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = head.toString('latin1', 0, 4);
  if (magic !== MAGIC) {
    throw new CompactFormatError(`Not a Tailor dataset: magic is ${JSON.stringify(magic)}`);
  }
  const version = head.readUInt32LE(4);
  if (version !== FORMAT_VERSION) {
    throw new CompactFormatError(
      `Dataset format version ${version} is not supported; this build reads version ${FORMAT_VERSION}`,
    );
  }
  const rowCount = head.readUInt32LE(8);
  const headerBytes = head.readUInt32LE(12);
  if (FIXED_HEADER_BYTES + headerBytes > bytes.byteLength) {
    throw new CompactFormatError('Dataset header runs past the end of the data');
  }
  const header = parseHeader(
    head.toString('utf8', FIXED_HEADER_BYTES, FIXED_HEADER_BYTES + headerBytes),
  );
  const section = { bytes, start: align(FIXED_HEADER_BYTES + headerBytes), rowCount };
  return { rowCount, columns: header.columns.map((descriptor) => readColumn(section, descriptor)) };
}

function checkHost(): void {
  if (!LITTLE_ENDIAN) throw new CompactFormatError('The dataset format needs a little-endian host');
}

function parseHeader(json: string): { columns: ColumnDescriptor[] } {
  let header: unknown;
  try {
    header = JSON.parse(json);
  } catch (error) {
    throw new CompactFormatError('Dataset header is not valid JSON', { cause: error });
  }
  const columns = (header as { columns?: unknown } | null)?.columns;
  if (!Array.isArray(columns) || !columns.every(isDescriptor)) {
    throw new CompactFormatError('Dataset header does not describe its columns');
  }
  return { columns };
}

function isDescriptor(value: unknown): value is ColumnDescriptor {
  const d = value as Partial<ColumnDescriptor> | null;
  return (
    typeof d?.field?.name === 'string' &&
    typeof d.field.type === 'string' &&
    columnKind(d.field.type) === d.kind &&
    isExtent(d.values) &&
    (d.kind !== 'string' || isExtent(d.dictionary))
  );
}

function isExtent(value: unknown): value is Extent {
  const e = value as Partial<Extent> | undefined;
  return Number.isSafeInteger(e?.offset) && Number.isSafeInteger(e?.byteLength);
}

interface PayloadSection {
  bytes: Uint8Array;
  start: number;
  rowCount: number;
}

function readColumn(section: PayloadSection, descriptor: ColumnDescriptor): CompactColumn {
  const { field } = descriptor;
  switch (descriptor.kind) {
    case 'string': {
      const json = payload(section, descriptor.dictionary as Extent, field);
      const dictionary: unknown = JSON.parse(
        Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'),
      );
      if (!Array.isArray(dictionary) || !dictionary.every((s) => typeof s === 'string')) {
        throw new CompactFormatError(`Column ${field.name} has a malformed dictionary`);
      }
      const indices = typedView(Uint32Array, section, descriptor.values, field);
      return { field, kind: 'string', dictionary, indices };
    }
    case 'float64':
      return {
        field,
        kind: 'float64',
        values: typedView(Float64Array, section, descriptor.values, field),
      };
    case 'float32':
      return {
        field,
        kind: 'float32',
        values: typedView(Float32Array, section, descriptor.values, field),
      };
    case 'boolean':
      return {
        field,
        kind: 'boolean',
        values: typedView(Uint8Array, section, descriptor.values, field),
      };
  }
}

function payload(section: PayloadSection, extent: Extent, field: SchemaField): Uint8Array {
  const begin = section.start + extent.offset;
  const end = begin + extent.byteLength;
  if (extent.offset < 0 || extent.byteLength < 0 || end > section.bytes.byteLength) {
    throw new CompactFormatError(`Column ${field.name} runs past the end of the data`);
  }
  return section.bytes.subarray(begin, end);
}

interface TypedArrayType<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

function typedView<T>(
  type: TypedArrayType<T>,
  section: PayloadSection,
  extent: Extent,
  field: SchemaField,
): T {
  const bytes = payload(section, extent, field);
  if (bytes.byteLength !== section.rowCount * type.BYTES_PER_ELEMENT) {
    throw new CompactFormatError(
      `Column ${field.name} holds ${bytes.byteLength} bytes; ${section.rowCount} rows need ${section.rowCount * type.BYTES_PER_ELEMENT}`,
    );
  }
  if (bytes.byteOffset % type.BYTES_PER_ELEMENT === 0) {
    return new type(bytes.buffer, bytes.byteOffset, section.rowCount);
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new type(copy.buffer, 0, section.rowCount);
}

// ---------------------------------------------------------------------------------------------
// Merging: FULL imports replace, INCREMENTAL ones append (interactions) or upsert (users, items).
// ---------------------------------------------------------------------------------------------

/**
 * The rows of `base` followed by those of `added`. Columns are matched by name; a column only
 * one side has is null on the other, so a dataset survives a schema that gained a field.
 */
export function appendDatasets(base: CompactDataset, added: CompactDataset): CompactDataset {
  const names = [...base.columns, ...added.columns].map((column) => column.field.name);
  const columns = [...new Set(names)].map((name) =>
    concatColumns(findColumn(base, name), base.rowCount, findColumn(added, name), added.rowCount),
  );
  return { rowCount: base.rowCount + added.rowCount, columns };
}

function concatColumns(
  a: CompactColumn | undefined,
  aRows: number,
  b: CompactColumn | undefined,
  bRows: number,
): CompactColumn {
  const sample = (b ?? a) as CompactColumn;
  if (a && b && (a.kind !== b.kind || a.field.type !== b.field.type)) {
    throw new CompactFormatError(
      `Column ${sample.field.name} is ${a.field.type} in one dataset and ${b.field.type} in the other`,
    );
  }
  // The newer schema's flags win; a column missing from either side now holds nulls.
  const field = { ...sample.field, nullable: sample.field.nullable || !a || !b };
  const rows = aRows + bRows;
  switch (sample.kind) {
    case 'string':
      return concatStrings(
        field,
        a as StringColumn | undefined,
        aRows,
        b as StringColumn | undefined,
        rows,
      );
    case 'float64': {
      const [x, y] = [a, b] as (Float64Column | undefined)[];
      const values = concatValues(new Float64Array(rows), NaN, x?.values, aRows, y?.values);
      return { field, kind: 'float64', values };
    }
    case 'float32': {
      const [x, y] = [a, b] as (Float32Column | undefined)[];
      const values = concatValues(new Float32Array(rows), NaN, x?.values, aRows, y?.values);
      return { field, kind: 'float32', values };
    }
    case 'boolean': {
      const [x, y] = [a, b] as (BooleanColumn | undefined)[];
      const values = concatValues(new Uint8Array(rows), NULL_BOOLEAN, x?.values, aRows, y?.values);
      return { field, kind: 'boolean', values };
    }
  }
}

function concatValues<T extends Float64Array | Float32Array | Uint8Array>(
  out: T,
  nullValue: number,
  a: T | undefined,
  aRows: number,
  b: T | undefined,
): T {
  if (a) out.set(a);
  else out.fill(nullValue, 0, aRows);
  if (b) out.set(b, aRows);
  else out.fill(nullValue, aRows);
  return out;
}

function concatStrings(
  field: SchemaField,
  a: StringColumn | undefined,
  aRows: number,
  b: StringColumn | undefined,
  rows: number,
): StringColumn {
  const dictionary = a ? a.dictionary.slice() : [];
  const indices = new Uint32Array(rows);
  if (a) indices.set(a.indices);
  else indices.fill(NULL_INDEX, 0, aRows);
  if (!b) {
    indices.fill(NULL_INDEX, aRows);
    return { field, kind: 'string', dictionary, indices };
  }
  const lookup = new Map(dictionary.map((value, index) => [value, index]));
  // Entries of b's dictionary that no row uses would break canonical order, so map lazily.
  const remap = new Uint32Array(b.dictionary.length).fill(NULL_INDEX);
  for (let r = 0; r < b.indices.length; r++) {
    const index = b.indices[r];
    if (index === NULL_INDEX) {
      indices[aRows + r] = NULL_INDEX;
      continue;
    }
    let mapped = remap[index];
    if (mapped === NULL_INDEX) {
      const value = b.dictionary[index];
      mapped = lookup.get(value) ?? dictionary.length;
      if (mapped === dictionary.length) {
        dictionary.push(value);
        lookup.set(value, mapped);
      }
      remap[index] = mapped;
    }
    indices[aRows + r] = mapped;
  }
  return { field, kind: 'string', dictionary, indices };
}

/**
 * `base` with the rows of `update` written over it by the ID in column `key`: an updated ID
 * keeps its position and takes the newest row, new IDs follow in order. Within `update`, the
 * last row for an ID wins.
 */
export function upsertDatasets(
  base: CompactDataset,
  update: CompactDataset,
  key: string,
): CompactDataset {
  return keepLastByKey(appendDatasets(base, update), key);
}

/** One row per ID in column `key`: the last one, at the position of the first. */
export function keepLastByKey(dataset: CompactDataset, key: string): CompactDataset {
  const column = findColumn(dataset, key);
  if (column?.kind !== 'string') {
    throw new CompactFormatError(`Dataset has no string column ${key} to use as its ID`);
  }
  const latest = new Uint32Array(column.dictionary.length).fill(NULL_INDEX);
  const order = new Uint32Array(column.dictionary.length);
  let ids = 0;
  for (let r = 0; r < dataset.rowCount; r++) {
    const id = column.indices[r];
    if (id === NULL_INDEX) throw new CompactFormatError(`Row ${r} has no ${key}`);
    if (latest[id] === NULL_INDEX) order[ids++] = id;
    latest[id] = r;
  }
  if (ids === dataset.rowCount) return dataset;
  const rows = new Uint32Array(ids);
  for (let i = 0; i < ids; i++) rows[i] = latest[order[i]];
  return selectRows(dataset, rows);
}

/**
 * The rows whose value in string column `key` is not among `values`, in their order: what a
 * data deletion keeps. Returns the dataset itself when no row matches; rows with a null key stay.
 */
export function withoutKeys(
  dataset: CompactDataset,
  key: string,
  values: ReadonlySet<string>,
): CompactDataset {
  const column = findColumn(dataset, key);
  if (column?.kind !== 'string') {
    throw new CompactFormatError(`Dataset has no string column ${key} to match rows by`);
  }
  const dropped = column.dictionary.map((value) => values.has(value));
  if (!dropped.includes(true)) return dataset;
  const rows = new Uint32Array(dataset.rowCount);
  let kept = 0;
  for (let r = 0; r < dataset.rowCount; r++) {
    const index = column.indices[r];
    if (index === NULL_INDEX || !dropped[index]) rows[kept++] = r;
  }
  return selectRows(dataset, rows.subarray(0, kept));
}

/** The given rows, in the given order, with dictionaries cut to the values still used. */
function selectRows(dataset: CompactDataset, rows: Uint32Array): CompactDataset {
  const columns = dataset.columns.map((column): CompactColumn => {
    if (column.kind !== 'string') {
      const values = column.values;
      const out = new (values.constructor as new (length: number) => typeof values)(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
      return { ...column, values: out } as CompactColumn;
    }
    const remap = new Uint32Array(column.dictionary.length).fill(NULL_INDEX);
    const dictionary: string[] = [];
    const indices = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const index = column.indices[rows[i]];
      if (index !== NULL_INDEX && remap[index] === NULL_INDEX) {
        remap[index] = dictionary.length;
        dictionary.push(column.dictionary[index]);
      }
      indices[i] = index === NULL_INDEX ? NULL_INDEX : remap[index];
    }
    return { field: column.field, kind: 'string', dictionary, indices };
  });
  return { rowCount: rows.length, columns };
}

// ---------------------------------------------------------------------------------------------
// Export: back to CSV, in the form an import reads.
// ---------------------------------------------------------------------------------------------

/**
 * The dataset as CSV text: a header line, then rows in chunks of `rowsPerChunk`, ready to
 * stream to S3. Nulls are empty fields; numbers print in their shortest exact form.
 */
export function* toCsv(
  dataset: CompactDataset,
  rowsPerChunk = 10_000,
): Generator<string, void, undefined> {
  const formats = dataset.columns.map(formatter);
  yield `${dataset.columns.map((column) => quoteCsv(column.field.name)).join(',')}\n`;
  for (let start = 0; start < dataset.rowCount; start += rowsPerChunk) {
    const end = Math.min(start + rowsPerChunk, dataset.rowCount);
    const lines: string[] = [];
    for (let r = start; r < end; r++) {
      let line = formats[0](r);
      for (let c = 1; c < formats.length; c++) line += `,${formats[c](r)}`;
      lines.push(line);
    }
    yield `${lines.join('\n')}\n`;
  }
}

function formatter(column: CompactColumn): (row: number) => string {
  switch (column.kind) {
    case 'string': {
      // Quote each distinct value once rather than once per row.
      const quoted = column.dictionary.map(quoteCsv);
      const { indices } = column;
      return (row) => (indices[row] === NULL_INDEX ? '' : quoted[indices[row]]);
    }
    case 'float64': {
      const { values } = column;
      return (row) => (Number.isNaN(values[row]) ? '' : String(values[row]));
    }
    case 'float32': {
      const { values } = column;
      return (row) => (Number.isNaN(values[row]) ? '' : formatFloat32(values[row]));
    }
    case 'boolean': {
      const { values } = column;
      return (row) => (values[row] === NULL_BOOLEAN ? '' : values[row] === 1 ? 'true' : 'false');
    }
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

function quoteCsv(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The shortest decimal that reads back as the same float32: an imported 0.1 is stored as
 * 0.100000001490116..., and should export as 0.1 again.
 */
function formatFloat32(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}
