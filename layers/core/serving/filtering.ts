/**
 * Filters in GetRecommendations and GetPersonalizedRanking: the request's filterArn is loaded
 * (loaded-filters.ts), bound to its filterValues, and evaluated over the serving data as the
 * FilterData of `filters/evaluate.ts`:
 *
 * - Items fields: the group's Items data (items.ts), a PutItems record in place of the item's
 *   imported row. The imported data and the PutItems records are those of the last refresh (a
 *   minute at most), and a field's reader is the same object for as long as that data is, so
 *   the evaluator indexes a field once and reuses the index.
 * - The user's interactions: their latest recorded events (PutEvents), read from the event store
 *   per request, newest first, so an event recorded a moment ago counts; then their imported
 *   interactions (imported-interactions.ts), newest first: FILTER_HISTORY_LENGTH in all.
 * - The user's fields: a PutUsers record, read fresh, else the user's row of the imported Users
 *   data (read once per process and refreshed in the background, as the Items data is).
 * - CurrentItem fields (related-items requests): the named item's fields, as Items fields are.
 *
 * The runtime then takes the best-scored allowed items: fewer than asked when the filter leaves
 * fewer, never a forbidden one.
 */
import { findResource } from '../resources/lifecycle';
import type { Context } from '../context/context';
import { InvalidInputException } from '../api/errors';
import { findField, parseSchema, type SchemaField } from '../data/avro-schema';
import { NULL_BOOLEAN, NULL_INDEX, findColumn, type CompactDataset } from '../data/compact/columns';
import type { FieldValue } from '../domain/field-value';
import { bulkDataLocation } from '../data/locations';
import { CATEGORY_SEPARATOR } from '../data/row-validation';
import { currentCompact, rowsById } from './current-data';
import type { ParsedFilter } from '../filters/ast';
import {
  filterMask,
  type FilterData,
  type FilterFieldValue,
  type ItemFieldReader,
} from '../filters/evaluate';
import { bindFilter, parseFilterValues, type BoundFilter } from '../filters/values';
import { loadFilter } from './loaded-filters';

import type { RecordedEvent } from '../store/event-ports';
import { perContext } from '../cache/loading-cache';
import { FILTER_HISTORY_LENGTH, latestEvents } from './history';
import {
  importedInteractions,
  userInteractions,
  type ImportedInteractions,
} from './imported-interactions';
import { itemsData, type ItemsData } from './items';
import type { ServedModel } from './models';

/** A request's filter as given: its ARN and filterValues. */
export interface FilterRequest {
  filterArn: string;
  filterValues?: Readonly<Record<string, string>> | undefined;
}

/** The request's filter: its ARN and filterValues; undefined without a filterArn. */
export function filterOf(input: {
  filterArn?: string | undefined;
  filterValues?: Record<string, string> | undefined;
}): FilterRequest | undefined {
  if (input.filterArn === undefined) return undefined;
  return {
    filterArn: input.filterArn,
    ...(input.filterValues ? { filterValues: input.filterValues } : {}),
  };
}

/** A request's filter, loaded and bound; what it reads says what to gather for it. */
export interface BoundRequestFilter {
  bound: BoundFilter;
  reads: ParsedFilter['reads'];
}

/**
 * The filter of a request to this model: ResourceNotFoundException when there is none, and
 * InvalidInputException when it belongs to another dataset group or its values do not fit.
 */
export async function loadRequestFilter(
  ctx: Context,
  served: ServedModel,
  request: FilterRequest,
): Promise<BoundRequestFilter> {
  const { filter, datasetGroupArn } = await loadFilter(ctx, request.filterArn);
  if (datasetGroupArn !== served.datasetGroupArn) {
    throw new InvalidInputException(
      `Filter ${request.filterArn} belongs to dataset group ${datasetGroupArn}, not to ${served.datasetGroupArn}, whose data the campaign serves: use a filter of the campaign's dataset group.`,
    );
  }
  return {
    bound: bindFilter(filter, parseFilterValues(request.filterValues)),
    reads: filter.reads,
  };
}

/** Whom and what a request is about. */
export interface FilterSubject {
  userId?: string | undefined;
  /** The item of a related-items request. */
  itemId?: string | undefined;
  /** The user's latest events, newest first, when the request already read them. */
  events?: readonly RecordedEvent[] | undefined;
  /** Whether the group records events (it has an event tracker). */
  realTime: boolean;
}

/** A filter ready to apply to a request: which items of a list it allows. */
export interface RequestFilter {
  /** One byte per item of `catalogue`, 1 where the filter allows it. */
  mask(catalogue: readonly string[]): Uint8Array;
}

/** Gathers what the filter reads for this request: one read of each kind at most. */
export async function prepareFilter(
  ctx: Context,
  served: ServedModel,
  filter: BoundRequestFilter,
  subject: FilterSubject,
): Promise<RequestFilter> {
  const { reads } = filter;
  const { userId, itemId } = subject;
  const readsInteractions = reads.interactions && userId !== undefined;
  const [items, events, imported, user] = await Promise.all([
    itemsData(ctx, served.datasetGroupArn),
    readsInteractions
      ? (subject.events ??
        (subject.realTime ? latestEvents(ctx, served, userId, FILTER_HISTORY_LENGTH) : []))
      : [],
    readsInteractions ? importedInteractions(ctx, served.datasetGroupArn) : undefined,
    reads.user && userId !== undefined
      ? userFields(ctx, served.datasetGroupArn, userId)
      : undefined,
  ]);
  const interactions = () => interactionsOf(events, imported, userId);
  const userField = (field: string) => user?.(field);
  const currentItemField =
    itemId === undefined
      ? undefined
      : (field: string) => (items ? itemValue(items, itemId, field) : undefined);
  return {
    mask(catalogue) {
      const indexOf =
        catalogue === served.model.itemIds
          ? (id: string) => served.itemIndex.get(id) ?? -1
          : catalogueIndex(catalogue);
      const data: FilterData = {
        itemIds: catalogue,
        indexOf,
        itemField: (field) => (items ? itemReader(items, catalogue, field) : undefined),
        interactions,
        userField,
        ...(currentItemField ? { currentItemField } : {}),
      };
      return filterMask(filter.bound, data);
    },
  };
}

function* interactionsOf(
  events: readonly RecordedEvent[],
  imported: ImportedInteractions | undefined,
  userId: string | undefined,
): Iterable<{ itemId: string; eventType: string }> {
  let count = 0;
  for (const event of events.slice(0, FILTER_HISTORY_LENGTH)) {
    if (event.itemId === undefined) continue;
    count++;
    yield { itemId: event.itemId, eventType: event.eventType };
  }
  if (imported && userId !== undefined) {
    yield* userInteractions(imported, userId, FILTER_HISTORY_LENGTH - count);
  }
}

/** An index of a list of item IDs, built on first use: the first of a repeated ID counts. */
function catalogueIndex(catalogue: readonly string[]): (id: string) => number {
  let index: Map<string, number> | undefined;
  return (id) => {
    if (!index) {
      index = new Map();
      for (let k = catalogue.length - 1; k >= 0; k--) index.set(catalogue[k]!, k);
    }
    return index.get(id) ?? -1;
  };
}

// ---------------------------------------------------------------------------------------------
// Items fields
// ---------------------------------------------------------------------------------------------

/** Where each catalogue item's fields are: its PutItems record, else its imported row (-1: none). */
interface CatalogueRows {
  put: (Readonly<Record<string, FieldValue>> | undefined)[];
  rows: Int32Array;
  readers: Map<string, ItemFieldReader | undefined>;
}

/**
 * By Items data, then by catalogue (the model's item list, an exploration pool, a ranking's
 * input list): a refresh of the Items data makes new readers, as the evaluator's contract asks.
 */
const catalogues = new WeakMap<ItemsData, WeakMap<readonly string[], CatalogueRows>>();

function catalogueRows(items: ItemsData, catalogue: readonly string[]): CatalogueRows {
  let byCatalogue = catalogues.get(items);
  if (!byCatalogue) catalogues.set(items, (byCatalogue = new WeakMap()));
  let found = byCatalogue.get(catalogue);
  if (!found) {
    const rows = new Int32Array(catalogue.length).fill(-1);
    const put = new Array<Readonly<Record<string, FieldValue>> | undefined>(catalogue.length);
    for (let k = 0; k < catalogue.length; k++) {
      const id = catalogue[k]!;
      put[k] = items.put?.get(id);
      rows[k] = items.bulkRow.get(id) ?? -1;
    }
    found = { put, rows, readers: new Map() };
    byCatalogue.set(catalogue, found);
  }
  return found;
}

/** A reader of one Items field over the catalogue; the same one while the data is unchanged. */
function itemReader(
  items: ItemsData,
  catalogue: readonly string[],
  name: string,
): ItemFieldReader | undefined {
  const rows = catalogueRows(items, catalogue);
  if (rows.readers.has(name)) return rows.readers.get(name);
  const field = findField(items.fields, name);
  let reader: ItemFieldReader | undefined;
  if (field) {
    const bulk = items.bulk ? bulkReader(items.bulk, field) : undefined;
    const { put, rows: bulkRows } = rows;
    reader = (item) => {
      const record = put[item];
      if (record) return recordValue(record[field.name], field);
      const row = bulkRows[item]!;
      return row < 0 || !bulk ? undefined : bulk(row);
    };
  }
  rows.readers.set(name, reader);
  return reader;
}

/** One item's field, as a reader would give it; undefined when the item has no data. */
function itemValue(items: ItemsData, itemId: string, name: string): FilterFieldValue {
  const field = findField(items.fields, name);
  if (!field) return undefined;
  const record = items.put?.get(itemId);
  if (record) return recordValue(record[field.name], field);
  const row = items.bulkRow.get(itemId);
  return row === undefined || !items.bulk ? undefined : cellValue(items.bulk, field, row);
}

/** A PutItems or PutUsers value as filters compare it: categorical values split on `|`. */
function recordValue(value: FieldValue | undefined, field: SchemaField): FilterFieldValue {
  if (value === null || value === undefined) return undefined;
  if (field.categorical && typeof value === 'string') return value.split(CATEGORY_SEPARATOR);
  return value;
}

/** A reader of an imported column by row; undefined when the data has no such column. */
function bulkReader(
  bulk: CompactDataset,
  field: SchemaField,
): ((row: number) => FilterFieldValue) | undefined {
  const column = findColumn(bulk, field.name);
  switch (column?.kind) {
    case 'string': {
      const { indices, dictionary } = column;
      const values: readonly (string | readonly string[])[] = field.categorical
        ? dictionary.map((text) => text.split(CATEGORY_SEPARATOR))
        : dictionary;
      return (row) => (indices[row] === NULL_INDEX ? undefined : values[indices[row]!]);
    }
    case 'float64': {
      const { values } = column;
      return (row) => (Number.isNaN(values[row]) ? undefined : values[row]);
    }
    case 'float32': {
      // Seven significant digits: the value as written (0.1), not its float32 (0.100000001).
      const { values } = column;
      return (row) => (Number.isNaN(values[row]) ? undefined : Number(values[row]!.toPrecision(7)));
    }
    case 'boolean': {
      const { values } = column;
      return (row) => (values[row] === NULL_BOOLEAN ? undefined : values[row] === 1);
    }
    default:
      return undefined;
  }
}

/** One imported value, for one item or user: what bulkReader gives, without its set-up. */
function cellValue(bulk: CompactDataset, field: SchemaField, row: number): FilterFieldValue {
  const column = findColumn(bulk, field.name);
  if (column?.kind !== 'string') return bulkReader(bulk, field)?.(row);
  const index = column.indices[row]!;
  return index === NULL_INDEX ? undefined : recordValue(column.dictionary[index], field);
}

// ---------------------------------------------------------------------------------------------
// Users fields
// ---------------------------------------------------------------------------------------------

interface UsersData {
  datasetArn: string;
  fields: readonly SchemaField[];
  bulk?: CompactDataset;
  bulkRow: ReadonlyMap<string, number>;
}

const REFRESH_MS = 60_000;
const userRows = rowsById('USER_ID');

/** By dataset group; `null` caches that a group has no Users dataset. */
const users = perContext<Context, string, UsersData | null>({
  ttlMs: REFRESH_MS,
  serveStale: true,
});

/** The user's fields: their PutUsers record (read now), else their imported row. */
async function userFields(
  ctx: Context,
  datasetGroupArn: string,
  userId: string,
): Promise<((field: string) => FilterFieldValue) | undefined> {
  const data = await users(ctx).get(datasetGroupArn, ctx.now(), () =>
    loadUsers(ctx, datasetGroupArn),
  );
  if (!data) return undefined;
  const record = (await ctx.datasetRecords.get(data.datasetArn, [userId])).get(userId);
  const row = data.bulkRow.get(userId);
  return (name) => {
    const field = findField(data.fields, name);
    if (!field) return undefined;
    if (record) return recordValue(record.fields[field.name], field);
    return row === undefined || !data.bulk ? undefined : cellValue(data.bulk, field, row);
  };
}

async function loadUsers(ctx: Context, datasetGroupArn: string): Promise<UsersData | null> {
  const datasetArn = `${datasetGroupArn.replace(':dataset-group/', ':dataset/')}/USERS`;
  const dataset = await findResource(ctx, 'dataset', datasetArn);
  if (dataset?.kind !== 'dataset') return null;
  const schema = await findResource(ctx, 'schema', dataset.attributes.schemaArn);
  if (!schema) return null;
  const bulk = await currentCompact(ctx.objects, bulkDataLocation(ctx.dataBucket, datasetArn));
  const bulkRow = bulk ? userRows(bulk) : new Map<string, number>();
  return {
    datasetArn,
    fields: parseSchema(schema.attributes.schema).fields,
    ...(bulk ? { bulk } : {}),
    bulkRow,
  };
}
