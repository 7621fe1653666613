/**
 * The compact columnar form of an imported dataset: what an import job writes to S3 and what
 * training reads. It holds tens of millions of interactions in typed arrays, with no object
 * per row. This module is the form itself, which the rest of compact/ and every reader of the
 * data share; building it (builder.ts), its bytes (codec.ts), the row operations
 * (row-operations.ts) and the CSV export (csv-export.ts) have modules of their own.
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
 * Dictionaries are canonical (first appearance in row order) after building, appending and
 * upserting alike, so the same rows give the same bytes (codec.ts) whatever the history of
 * imports that produced them.
 */
import type { FieldType, SchemaField } from '../avro-schema';

/** A string column's index for a null value. */
export const NULL_INDEX = 0xffffffff;
/** A boolean column's value for null (0 is false, 1 true). */
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
