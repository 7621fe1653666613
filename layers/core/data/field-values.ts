/**
 * The checks a schema field puts on one value, shared by every way data comes
 * in: `properties` of PutEvents, PutUsers and PutItems (JSON values) and CSV
 * cells (text). Numbers and booleans are taken as JSON values or as their
 * text ("12", "true"), as Personalize's own examples send them.
 */
import { jsonExcerpt } from '../api/validation';
import type { SchemaField } from './avro-schema';
import {
  CATEGORY_SEPARATOR,
  MAX_CATEGORICAL_VALUE_LENGTH,
  MAX_TEXTUAL_LENGTH,
} from './row-validation';
import { FLOAT32_MAX } from '../api/shapes';
import type { FieldValue } from '../domain/field-value';

export type CheckedValue = { ok: true; value: FieldValue } | { ok: false; problem: string };

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const RANGES = {
  int: { min: -(2 ** 31), max: 2 ** 31 - 1 },
  // Avro's long reaches 2^63, but values past 2^53 would change silently in a JS number.
  long: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
} as const;

/**
 * Checks one value for a field and returns it typed. A problem completes a
 * sentence about the value: `must be an int (...), got "abc"`.
 */
export function checkFieldValue(field: SchemaField, value: unknown): CheckedValue {
  if (value === null || value === undefined) {
    return field.nullable
      ? { ok: true, value: null }
      : { ok: false, problem: `must not be null: ${field.name} is not nullable` };
  }
  switch (field.type) {
    case 'string':
      return checkString(field, value);
    case 'int':
    case 'long':
      return checkInteger(field.type, value);
    case 'float':
    case 'double':
      return checkNumber(field.type, value);
    case 'boolean':
      return checkBoolean(value);
  }
}

function checkString(field: SchemaField, value: unknown): CheckedValue {
  if (typeof value !== 'string') return fail(`must be a string, got ${show(value)}`);
  const length = characters(value);
  if (field.textual && length > MAX_TEXTUAL_LENGTH) {
    return fail(
      `is ${length} characters long; a textual field takes at most ${MAX_TEXTUAL_LENGTH}`,
    );
  }
  if (field.categorical && length > MAX_CATEGORICAL_VALUE_LENGTH) {
    const long = value
      .split(CATEGORY_SEPARATOR)
      .find((category) => characters(category) > MAX_CATEGORICAL_VALUE_LENGTH);
    if (long !== undefined) {
      return fail(
        `has the category ${show(long)} of ${characters(long)} characters; each "${CATEGORY_SEPARATOR}"-separated value may have at most ${MAX_CATEGORICAL_VALUE_LENGTH}`,
      );
    }
  }
  return { ok: true, value };
}

/** Limits count characters (code points), not UTF-16 units; counting is needed only near them. */
const characters = (text: string): number =>
  text.length <= MAX_CATEGORICAL_VALUE_LENGTH ? text.length : [...text].length;

function checkInteger(type: 'int' | 'long', value: unknown): CheckedValue {
  const { min, max } = RANGES[type];
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && INTEGER_TEXT.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isInteger(number) && number >= min && number <= max
    ? { ok: true, value: number }
    : fail(
        `must be ${type === 'int' ? 'an' : 'a'} ${type} (a whole number from ${min} to ${max}), got ${show(value)}`,
      );
}

function checkNumber(type: 'float' | 'double', value: unknown): CheckedValue {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && NUMBER_TEXT.test(value.trim())
        ? Number(value)
        : NaN;
  if (Number.isNaN(number)) return fail(`must be a number, got ${show(value)}`);
  const max = type === 'float' ? FLOAT32_MAX : Number.MAX_VALUE;
  if (!(Math.abs(number) <= max)) {
    return fail(`is out of range for a ${type} (at most ${max} in magnitude), got ${show(value)}`);
  }
  return { ok: true, value: number };
}

function checkBoolean(value: unknown): CheckedValue {
  if (typeof value === 'boolean') return { ok: true, value };
  // As the CSV import reads them: pandas writes True/False.
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (lower === 'true' || lower === 'false') return { ok: true, value: lower === 'true' };
  return fail(`must be true or false, got ${show(value)}`);
}

const fail = (problem: string): CheckedValue => ({ ok: false, problem });

/** The offending value as JSON, cut short so a long (or deep) value cannot flood the message. */
export function show(value: unknown): string {
  // JSON.parse reads a number past a double's range as Infinity, which JSON.stringify calls null.
  if (typeof value === 'number' && !Number.isFinite(value))
    return 'a number too large for a double';
  return jsonExcerpt(value);
}

// Epoch seconds reach 1e11 only in the year 5138, while epoch milliseconds passed it in 1973.
export const LARGEST_EPOCH_SECONDS = 1e11;

/** Why a number is no time in epoch seconds, or undefined when it is one. */
export function epochSecondsProblem(seconds: number): string | undefined {
  if (seconds < 0) return `is before 1970 (${seconds}); times are in epoch seconds`;
  if (seconds > LARGEST_EPOCH_SECONDS) {
    return `looks like epoch milliseconds (${seconds}); times are in epoch seconds`;
  }
  return undefined;
}
