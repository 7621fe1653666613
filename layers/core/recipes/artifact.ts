/**
 * The model artifact container every recipe writes: a header naming the
 * recipe and format version, JSON metadata, then named typed arrays, each
 * 8-byte aligned so `read` can view them in place.
 *
 *   0   "TLRM"            magic
 *   4   uint32            container version (1)
 *   8   uint32            H, byte length of the JSON header
 *   12  H bytes           {"recipe","version","meta","arrays":[{"name","type","offset","length"}]}
 *   ... zero padding to 8, then the array payloads (little-endian), each at an 8-aligned offset
 *
 * Deterministic: the same content gives the same bytes (arrays keep the order given).
 */
export const MAGIC = 'TLRM';
const CONTAINER_VERSION = 1;
const ALIGN = 8;

type ArrayType = 'f32' | 'f64' | 'u32' | 'i32' | 'u8';
export type ArtifactArray = Float32Array | Float64Array | Uint32Array | Int32Array | Uint8Array;

const CONSTRUCTORS = {
  f32: Float32Array,
  f64: Float64Array,
  u32: Uint32Array,
  i32: Int32Array,
  u8: Uint8Array,
} as const;

const typeOf = (array: ArtifactArray): ArrayType =>
  array instanceof Float32Array
    ? 'f32'
    : array instanceof Float64Array
      ? 'f64'
      : array instanceof Uint32Array
        ? 'u32'
        : array instanceof Int32Array
          ? 'i32'
          : 'u8';

export interface Artifact {
  recipe: string;
  /** The recipe's own format version, checked by its decode. */
  version: number;
  meta: unknown;
  arrays: Record<string, ArtifactArray>;
}

export class ArtifactFormatError extends Error {}

const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

export function writeArtifact(artifact: Artifact): Uint8Array {
  let offset = 0;
  const entries = Object.entries(artifact.arrays).map(([name, array]) => {
    const entry = { name, type: typeOf(array), offset, length: array.length };
    offset = align(offset + array.byteLength);
    return entry;
  });
  const header = Buffer.from(
    JSON.stringify({
      recipe: artifact.recipe,
      version: artifact.version,
      meta: artifact.meta,
      arrays: entries,
    }),
  );
  const payloadStart = align(12 + header.length);
  const out = new Uint8Array(payloadStart + offset);
  const view = new DataView(out.buffer);
  out.set(Buffer.from(MAGIC), 0);
  view.setUint32(4, CONTAINER_VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  entries.forEach((entry, i) => {
    const array = Object.values(artifact.arrays)[i]!;
    out.set(
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
      payloadStart + entry.offset,
    );
  });
  return out;
}

export function readArtifact(bytes: Uint8Array): Artifact {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || Buffer.from(bytes.subarray(0, 4)).toString() !== MAGIC) {
    throw new ArtifactFormatError('Not a Tailor model artifact.');
  }
  if (view.getUint32(4, true) !== CONTAINER_VERSION) {
    throw new ArtifactFormatError(`Unknown artifact container version ${view.getUint32(4, true)}.`);
  }
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + headerLength)).toString()) as {
    recipe: string;
    version: number;
    meta: unknown;
    arrays: { name: string; type: ArrayType; offset: number; length: number }[];
  };
  const payloadStart = align(12 + headerLength);
  const arrays: Record<string, ArtifactArray> = {};
  for (const entry of header.arrays) {
    const Type = CONSTRUCTORS[entry.type];
    const start = bytes.byteOffset + payloadStart + entry.offset;
    const byteLength = entry.length * Type.BYTES_PER_ELEMENT;
    if (payloadStart + entry.offset + byteLength > bytes.length) {
      throw new ArtifactFormatError(`Array ${entry.name} runs past the end of the artifact.`);
    }
    // A view when aligned in memory, a copy otherwise.
    arrays[entry.name] =
      start % Type.BYTES_PER_ELEMENT === 0
        ? new Type(bytes.buffer as ArrayBuffer, start, entry.length)
        : new Type(
            bytes.slice(payloadStart + entry.offset, payloadStart + entry.offset + byteLength)
              .buffer,
          );
  }
  return { recipe: header.recipe, version: header.version, meta: header.meta, arrays };
}
