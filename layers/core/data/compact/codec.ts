/**
 * The bytes of a compact dataset (columns.ts describes its columns): encode gives the one
 * object an import writes to S3, decode reads it back with typed arrays that view the bytes in
 * place.
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
 * Encoding is deterministic: the same dataset gives the same bytes.
 */
import type { SchemaField } from '../avro-schema';
import {
  columnKind,
  CompactFormatError,
  type ColumnKind,
  type CompactColumn,
  type CompactDataset,
} from './columns';

export const MAGIC = 'TLRD';
export const FORMAT_VERSION = 1;

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
