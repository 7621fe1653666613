/**
 * Checks CSV rows against a dataset's schema and turns them into typed values, the way a
 * Personalize import job does before it accepts a file. One validator reads one file: its
 * header first, then every row. It keeps going after an error, so a failed import can name the
 * first few problems and say how many rows were bad in all.
 */
import { DatasetSchema, SchemaField } from './avro-schema';
import { DatasetType } from '../domain/dataset';
import { FLOAT32_MAX } from '../api/shapes';
import type { FieldValue } from '../domain/field-value';

/** A value in schema terms: null where the CSV left a nullable field empty. */
export type RowRule =
  | 'header-unknown-field'
  | 'header-duplicate-field'
  | 'header-missing-field'
  | 'column-count'
  | 'required'
  | 'type'
  | 'range'
  | 'timestamp-seconds'
  | 'id-length'
  | 'categorical-length'
  | 'textual-length';

export interface RowError {
  /** 1-based physical line of the record in the file. */
  line: number;
  /** The offending column's header name (or the field a header lacks); absent for a whole row. */
  column?: string;
  rule: RowRule;
  /** Complete sentence for a failureReason, e.g. `line 17, column TIMESTAMP: "abc" is ...`. */
  message: string;
}

export interface RowValidatorOptions {
  /**
   * How many errors to keep; later ones are only counted.
   * @default 10
   */
  maxErrors?: number;
}

export const MAX_ID_LENGTH = 256;
export const MAX_CATEGORICAL_VALUE_LENGTH = 1000;
export const MAX_TEXTUAL_LENGTH = 20_000;
export const CATEGORY_SEPARATOR = '|';

/** Fields a dataset type gives a meaning; elsewhere the same name is plain metadata. */
const RESERVED: Readonly<Record<DatasetType, { ids: string[]; timestamps: string[] }>> = {
  INTERACTIONS: { ids: ['USER_ID', 'ITEM_ID'], timestamps: ['TIMESTAMP'] },
  USERS: { ids: ['USER_ID'], timestamps: [] },
  ITEMS: { ids: ['ITEM_ID'], timestamps: ['CREATION_TIMESTAMP'] },
  ACTIONS: { ids: ['ACTION_ID'], timestamps: ['CREATION_TIMESTAMP'] },
  ACTION_INTERACTIONS: { ids: ['USER_ID', 'ACTION_ID'], timestamps: ['TIMESTAMP'] },
};

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
// Epoch seconds reach 1e11 in the year 5138, while epoch milliseconds passed 1e11 in 1973.
const LARGEST_EPOCH_SECONDS = 1e11;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Why a value was refused; the caller adds the line and column. */
class Problem {
  constructor(
    readonly rule: RowRule,
    readonly detail: string,
  ) {}
}

type Convert = (raw: string) => FieldValue | Problem;

interface Column {
  name: string;
  /** Position of the field in the schema, which is the order of the values returned. */
  target: number;
  convert: Convert;
}

export class RowValidator {
  private readonly maxErrors: number;
  private readonly collected: RowError[] = [];
  private columns: Column[] | undefined;
  /** Reused for every row: the caller copies the values out before it reads the next row. */
  private readonly values: FieldValue[];
  private failed = 0;
  private valid = 0;

  constructor(
    private readonly schema: DatasetSchema,
    private readonly datasetType: DatasetType,
    options: RowValidatorOptions = {},
  ) {
    this.maxErrors = options.maxErrors ?? 10;
    this.values = schema.fields.map(() => null);
  }

  /** The first `maxErrors` errors, in file order. */
  get errors(): readonly RowError[] {
    return this.collected;
  }

  /** Data rows with at least one error, counted beyond `maxErrors`. */
  get failedRows(): number {
    return this.failed;
  }

  get validRows(): number {
    return this.valid;
  }

  /**
   * Reads the header: names must be schema fields, spelled exactly, each at most once, and
   * every non-nullable field must have a column. Returns false when rows cannot be read.
   */
  header(names: readonly string[], line: number): boolean {
    const fieldsByName = new Map(this.schema.fields.map((field, index) => [field.name, index]));
    const seen = new Set<string>();
    const columns: Column[] = [];
    let problems = 0;
    for (const name of names) {
      const target = fieldsByName.get(name);
      if (target === undefined) {
        problems++;
        this.report(line, name, 'header-unknown-field', this.unknownField(name));
      } else if (seen.has(name)) {
        problems++;
        this.report(line, name, 'header-duplicate-field', `"${name}" appears more than once`);
      } else {
        columns.push({ name, target, convert: this.converter(this.schema.fields[target]) });
      }
      seen.add(name);
    }
    for (const field of this.schema.fields) {
      if (!field.nullable && !seen.has(field.name)) {
        problems++;
        this.report(
          line,
          field.name,
          'header-missing-field',
          `the header has no column for the required field "${field.name}"`,
          `line ${line}`,
        );
      }
    }
    if (problems > 0) return false;
    this.columns = columns;
    return true;
  }

  /**
   * Checks one row. Returns its values in schema field order (fields without a column are
   * null), or undefined when the row has errors. The array is reused by the next call.
   */
  row(fields: readonly string[], line: number): readonly FieldValue[] | undefined {
    const columns = this.columns;
    if (columns === undefined) throw new Error('RowValidator.row called before a valid header');
    if (fields.length !== columns.length) {
      this.failed++;
      const values = `${fields.length} ${fields.length === 1 ? 'value' : 'values'}`;
      this.report(
        line,
        undefined,
        'column-count',
        `the row has ${values}, but the header has ${columns.length} columns`,
      );
      return undefined;
    }
    let ok = true;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      const value = column.convert(fields[i]);
      if (value instanceof Problem) {
        ok = false;
        this.report(line, column.name, value.rule, value.detail);
      } else {
        this.values[column.target] = value;
      }
    }
    if (!ok) {
      this.failed++;
      return undefined;
    }
    this.valid++;
    return this.values;
  }

  private report(
    line: number,
    column: string | undefined,
    rule: RowRule,
    detail: string,
    where = column === undefined ? `line ${line}` : `line ${line}, column ${column}`,
  ): void {
    if (this.collected.length >= this.maxErrors) return;
    const error: RowError = { line, rule, message: `${where}: ${detail}` };
    if (column !== undefined) error.column = column;
    this.collected.push(error);
  }

  private unknownField(name: string): string {
    const detail = `${show(name)} is not a field of the schema`;
    const byCase = this.schema.fields.find((f) => f.name.toUpperCase() === name.toUpperCase());
    if (byCase) return `${detail} (names are case-sensitive: did you mean "${byCase.name}"?)`;
    const trimmed = this.schema.fields.find((f) => f.name === name.trim());
    if (trimmed) return `${detail} (remove the spaces around "${trimmed.name}")`;
    return `${detail}, which has ${this.schema.fields.map((f) => f.name).join(', ')}`;
  }

  private converter(field: SchemaField): Convert {
    const reserved = RESERVED[this.datasetType];
    const typed = typedConverter(field, reserved.timestamps.includes(field.name));
    const limited = lengthLimit(field, reserved.ids.includes(field.name), typed);
    return (raw) => {
      if (raw.length === 0) {
        return field.nullable ? null : new Problem('required', 'a value is required');
      }
      return limited(raw);
    };
  }
}

function typedConverter(field: SchemaField, timestamp: boolean): Convert {
  switch (field.type) {
    case 'string':
      return (raw) => raw;
    case 'boolean':
      return parseBoolean;
    case 'int':
      return (raw) => parseInteger(raw, 'int', INT_MIN, INT_MAX);
    case 'long':
      return timestamp ? (raw) => parseTimestamp(raw, field.name) : (raw) => parseLong(raw);
    case 'float':
      return (raw) => parseDecimal(raw, 'float', FLOAT32_MAX);
    case 'double':
      return (raw) => parseDecimal(raw, 'double', Number.MAX_VALUE);
  }
}

function lengthLimit(field: SchemaField, id: boolean, next: Convert): Convert {
  if (id) return (raw) => tooLong(raw, MAX_ID_LENGTH, 'id-length', 'the ID') ?? next(raw);
  if (field.textual) {
    return (raw) => tooLong(raw, MAX_TEXTUAL_LENGTH, 'textual-length', 'the text') ?? next(raw);
  }
  if (field.categorical) return (raw) => categoricalTooLong(raw) ?? next(raw);
  return next;
}

function tooLong(raw: string, limit: number, rule: RowRule, what: string): Problem | undefined {
  // A code point is at most two UTF-16 units, so only long strings need counting.
  if (raw.length <= limit) return undefined;
  const length = codePointLength(raw);
  return length <= limit
    ? undefined
    : new Problem(rule, `${what} is ${length} characters long; at most ${limit} are allowed`);
}

function categoricalTooLong(raw: string): Problem | undefined {
  if (raw.length <= MAX_CATEGORICAL_VALUE_LENGTH) return undefined;
  for (const value of raw.split(CATEGORY_SEPARATOR)) {
    const length = value.length <= MAX_CATEGORICAL_VALUE_LENGTH ? 0 : codePointLength(value);
    if (length > MAX_CATEGORICAL_VALUE_LENGTH) {
      return new Problem(
        'categorical-length',
        `the category ${show(value)} is ${length} characters long; each "${CATEGORY_SEPARATOR}"-separated value may have at most ${MAX_CATEGORICAL_VALUE_LENGTH}`,
      );
    }
  }
  return undefined;
}

function codePointLength(s: string): number {
  let length = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

function parseBoolean(raw: string): boolean | Problem {
  // pandas writes True/False, Java and Spark accept any case; Personalize reads them the same.
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return new Problem('type', `${show(raw)} is not a boolean (true or false)`);
}

/** Decimal digits with an optional sign, nothing else: no spaces, exponents or fractions. */
function integerValue(raw: string): number | undefined {
  let i = raw.charCodeAt(0) === 45 || raw.charCodeAt(0) === 43 ? 1 : 0;
  if (i === raw.length) return undefined;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(raw);
}

function parseInteger(raw: string, type: 'int', min: number, max: number): number | Problem {
  const value = integerValue(raw);
  if (value === undefined) return new Problem('type', `${show(raw)} is not an integer`);
  if (value < min || value > max) {
    return new Problem('range', `${show(raw)} is out of range for ${type} (${min} to ${max})`);
  }
  return value;
}

function parseLong(raw: string): number | Problem {
  const value = integerValue(raw);
  if (value === undefined) return new Problem('type', `${show(raw)} is not an integer`);
  // Columns hold doubles; beyond 2^53 a long would silently become a neighbouring value.
  if (!Number.isSafeInteger(value)) {
    return new Problem(
      'range',
      `${show(raw)} is out of range: longs are stored exactly between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
    );
  }
  return value;
}

function parseTimestamp(raw: string, name: string): number | Problem {
  const value = integerValue(raw);
  if (value === undefined) {
    return new Problem('type', `${show(raw)} is not an integer (epoch seconds)`);
  }
  if (value > LARGEST_EPOCH_SECONDS) {
    return new Problem(
      'timestamp-seconds',
      `${show(raw)} looks like epoch milliseconds; ${name} must be in epoch seconds`,
    );
  }
  if (value < 0) {
    return new Problem(
      'timestamp-seconds',
      `${show(raw)} is before 1970; ${name} must be in epoch seconds`,
    );
  }
  return value;
}

function parseDecimal(raw: string, type: 'float' | 'double', max: number): number | Problem {
  // Number() alone would take "", " 1", "0x1f" and "Infinity".
  if (!DECIMAL.test(raw)) return new Problem('type', `${show(raw)} is not a number`);
  const value = Number(raw);
  if (!(Math.abs(value) <= max)) {
    return new Problem('range', `${show(raw)} is out of range for ${type}`);
  }
  return value;
}

// Echo the offending value, cut short so one huge cell cannot flood a failureReason.
function show(value: string): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 56)}..."` : text;
}
