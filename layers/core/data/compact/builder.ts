/**
 * Building a compact dataset (columns.ts) from validated rows, as an import reads them:
 * growable typed arrays, one per field, so no row becomes an object. Dictionary indices are
 * given in order of first appearance, the canonical order.
 */
import type { SchemaField } from '../avro-schema';
import type { FieldValue } from '../../domain/field-value';
import {
  columnKind,
  NULL_BOOLEAN,
  NULL_INDEX,
  type BooleanColumn,
  type CompactColumn,
  type CompactDataset,
  type Float32Column,
  type Float64Column,
  type StringColumn,
} from './columns';

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
