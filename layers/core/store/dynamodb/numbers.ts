/**
 * Items to and from DynamoDB with every finite JavaScript number kept exactly.
 *
 * A DynamoDB number holds 38 significant digits between 1e-130 and 1e126 in magnitude: the
 * shortest decimal of any double (at most 17 digits) fits, so such numbers are stored as N. A
 * double beyond that range (1e300 in a `double` field: Personalize's schemas allow any double) is
 * stored as its 8 IEEE 754 bytes, a binary attribute these items use for nothing else.
 *
 * util-dynamodb refuses numbers past ±2^53 unless told they may be imprecise, and reads them back
 * as BigInt or not at all: a double is no integer promise, so numbers are written and read as
 * plain doubles here.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

const LARGEST_EXCLUSIVE = 1e126;
const SMALLEST = 1e-130;
const DOUBLE_BYTES = 8;

const fitsDynamoDbNumber = (value: number): boolean => {
  const magnitude = Math.abs(value);
  return magnitude === 0 || (magnitude >= SMALLEST && magnitude < LARGEST_EXCLUSIVE);
};

function doubleBytes(value: number): Uint8Array {
  const bytes = new Uint8Array(DOUBLE_BYTES);
  new DataView(bytes.buffer).setFloat64(0, value);
  return bytes;
}

const isDoubleBytes = (value: unknown): value is Uint8Array =>
  value instanceof Uint8Array && value.length === DOUBLE_BYTES;

function encode(value: unknown): unknown {
  if (typeof value === 'number') return fitsDynamoDbNumber(value) ? value : doubleBytes(value);
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    // A Map, not an object: util-dynamodb tells an object's kind by its `constructor`, which a
    // member of that name (a tag key "constructor") replaces, and then refuses the object.
    return new Map(Object.entries(value).map(([key, inner]) => [key, encode(inner)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (isDoubleBytes(value)) {
    return new DataView(value.buffer, value.byteOffset, value.byteLength).getFloat64(0);
  }
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decode(inner)]));
  }
  return value;
}

/** A whole item (or expression values), undefined members left out. */
export const toAttributes = (item: Record<string, unknown>): Record<string, AttributeValue> =>
  marshall(encode(item) as Record<string, unknown>, {
    removeUndefinedValues: true,
    convertEmptyValues: false,
    allowImpreciseNumbers: true,
  });

export const fromAttributes = (raw: Record<string, AttributeValue>): Record<string, unknown> =>
  decode(unmarshall(raw, { wrapNumbers: Number })) as Record<string, unknown>;
