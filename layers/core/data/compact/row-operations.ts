/**
 * Operations on the rows of compact datasets, each giving a new dataset: FULL imports replace,
 * INCREMENTAL ones append (interactions) or upsert (users, items), and a data deletion drops
 * the rows of given IDs. Every result keeps its dictionaries canonical (columns.ts).
 */
import type { SchemaField } from '../avro-schema';
import {
  CompactFormatError,
  findColumn,
  NULL_BOOLEAN,
  NULL_INDEX,
  type BooleanColumn,
  type CompactColumn,
  type CompactDataset,
  type Float32Column,
  type Float64Column,
  type StringColumn,
} from './columns';

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
