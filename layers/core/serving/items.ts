/**
 * A dataset group's Items data as the runtime reads it: for item metadata in recommendations
 * (metadataColumns) and for the new items exploration draws from.
 *
 * The imported (bulk) data lives in S3, so it is read once per process and refreshed in the
 * background a minute after it was read (decoded again only when it changed: current-data.ts),
 * never on a request's path: a request meanwhile gets the data as read. Items sent with PutItems are read fresh per request for the metadata of the
 * items in a response (one batch read of at most 50 IDs), so a PutItems shows in the next
 * response; exploration's candidates and filters' Items conditions see them as of the last
 * refresh (filtering.ts).
 */
import type { Context } from '../context/context';
import { InvalidInputException } from '../api/errors';
import { parseSchema, type SchemaField } from '../data/avro-schema';
import { NULL_BOOLEAN, NULL_INDEX, findColumn, type CompactDataset } from '../data/compact/columns';
import type { FieldValue } from '../domain/field-value';
import { bulkDataLocation } from '../data/locations';
import { currentCompact, rowsById } from './current-data';

import { requireResource, findResource } from '../resources/lifecycle';
import { perContext } from '../cache/loading-cache';

export interface ItemsData {
  datasetArn: string;
  fields: readonly SchemaField[];
  bulk?: CompactDataset;
  /** Each item's row in `bulk`; a later row of an item replaces an earlier one, as upserts do. */
  bulkRow: ReadonlyMap<string, number>;
  /**
   * The fields of each item sent with PutItems, as of the last refresh: what filters read
   * (metadata reads them fresh). A record replaces the item's imported row.
   */
  put?: ReadonlyMap<string, Readonly<Record<string, FieldValue>>>;
  /** Every item, imported or put. */
  ids: readonly string[];
  /** Each item's CREATION_TIMESTAMP, in `ids` order: epoch seconds, NaN when it has none. */
  created: Float64Array;
}

const REFRESH_MS = 60_000;
const itemRows = rowsById('ITEM_ID');
const CREATION_TIMESTAMP = 'CREATION_TIMESTAMP';

/** By dataset group; `null` caches that a group has no Items dataset. */
const cache = perContext<Context, string, ItemsData | null>({
  ttlMs: REFRESH_MS,
  serveStale: true,
});

export async function itemsData(
  ctx: Context,
  datasetGroupArn: string,
): Promise<ItemsData | undefined> {
  return (
    (await cache(ctx).get(datasetGroupArn, ctx.now(), () => load(ctx, datasetGroupArn))) ??
    undefined
  );
}

async function load(ctx: Context, datasetGroupArn: string): Promise<ItemsData | null> {
  const datasetArn = `${datasetGroupArn.replace(':dataset-group/', ':dataset/')}/ITEMS`;
  const dataset = await findResource(ctx, 'dataset', datasetArn);
  if (dataset?.kind !== 'dataset') return null;
  const schema = await requireResource(ctx, 'schema', dataset.attributes.schemaArn);
  const bulk = await currentCompact(ctx.objects, bulkDataLocation(ctx.dataBucket, datasetArn));
  const bulkRow = bulk ? itemRows(bulk) : new Map<string, number>();
  const created = new Map<string, number>();
  const times = bulk && findColumn(bulk, CREATION_TIMESTAMP);
  for (const [id, row] of bulkRow) {
    created.set(id, times?.kind === 'float64' ? times.values[row]! : NaN);
  }
  const put = new Map<string, Readonly<Record<string, FieldValue>>>();
  for await (const record of ctx.datasetRecords.list(datasetArn)) {
    put.set(record.id, record.fields);
    const time = record.fields[CREATION_TIMESTAMP];
    created.set(record.id, typeof time === 'number' ? time : NaN);
  }
  return {
    datasetArn,
    fields: parseSchema(schema.attributes.schema).fields,
    ...(bulk ? { bulk } : {}),
    bulkRow,
    put,
    ids: [...created.keys()],
    created: Float64Array.from(created.values()),
  };
}

/** A requested metadata column: the name it is returned under, and the Items field it reads. */
export interface MetadataColumn {
  name: string;
  field: SchemaField;
}

/** The Items fields that `columns` name (case aside); InvalidInputException for any other. */
export function metadataColumns(
  items: ItemsData | undefined,
  columns: readonly string[],
): { items: ItemsData; columns: MetadataColumn[] } {
  if (!items) {
    throw new InvalidInputException(
      'metadataColumns names Items columns, but the dataset group has no Items dataset.',
    );
  }
  const byName = new Map(items.fields.map((field) => [field.name.toUpperCase(), field]));
  const unknown = columns.filter((column) => !byName.has(column.toUpperCase()));
  if (unknown.length > 0) {
    throw new InvalidInputException(
      `metadataColumns.ITEMS names ${unknown.join(', ')}, not in the Items schema (its columns: ${items.fields.map((f) => f.name).join(', ')}).`,
    );
  }
  return {
    items,
    columns: columns.map((name) => ({ name, field: byName.get(name.toUpperCase())! })),
  };
}

/**
 * Each item's values of the requested columns, as strings keyed by the column as requested:
 * a PutItems record where there is one, else the imported row. Null values are left out.
 */
export async function itemMetadata(
  ctx: Context,
  items: ItemsData,
  itemIds: readonly string[],
  columns: readonly MetadataColumn[],
): Promise<Map<string, Record<string, string>>> {
  const put = await ctx.datasetRecords.get(items.datasetArn, itemIds);
  const metadata = new Map<string, Record<string, string>>();
  for (const itemId of itemIds) {
    const record = put.get(itemId);
    const row = items.bulkRow.get(itemId);
    if (!record && row === undefined) continue;
    const values: Record<string, string> = {};
    for (const { name, field } of columns) {
      const value = record ? shown(record.fields[field.name]) : bulkValue(items.bulk!, field, row!);
      if (value !== undefined) values[name] = value;
    }
    metadata.set(itemId, values);
  }
  return metadata;
}

const shown = (value: FieldValue | undefined): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

function bulkValue(bulk: CompactDataset, field: SchemaField, row: number): string | undefined {
  const column = findColumn(bulk, field.name);
  switch (column?.kind) {
    case 'string':
      return column.indices[row] === NULL_INDEX
        ? undefined
        : column.dictionary[column.indices[row]];
    case 'float64':
      return Number.isNaN(column.values[row]) ? undefined : String(column.values[row]);
    case 'float32':
      // Seven significant digits round-trip a float32, without its binary noise (0.1, not 0.100000001).
      return Number.isNaN(column.values[row])
        ? undefined
        : String(Number(column.values[row].toPrecision(7)));
    case 'boolean':
      return column.values[row] === NULL_BOOLEAN ? undefined : String(column.values[row] === 1);
    default:
      return undefined;
  }
}
