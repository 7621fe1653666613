/**
 * The runtime's way to a filter: its parsed expression by ARN. Filters cannot be changed, only
 * deleted, so a parsed filter is kept for a few seconds: deleting it forgets it at once in this
 * process, and another process (Lambda container) stops applying it within the TTL.
 */
import type { Context } from '../context/context';
import { perContext } from '../cache/loading-cache';
import type { ParsedFilter } from '../filters/ast';
import { parseFilterExpression } from '../filters/parser';
import { requireResource } from '../resources/lifecycle';

export interface LoadedFilter {
  filterArn: string;
  /** A filter applies only to campaigns and recommenders of its own group. */
  datasetGroupArn: string;
  filter: ParsedFilter;
}

const CACHE_TTL_MS = 5000;
// A group has at most 10 filters, so this covers 100 groups served by one process.
const filters = perContext<Context, string, LoadedFilter>({ ttlMs: CACHE_TTL_MS, maxWeight: 1000 });

/** The filter's parsed expression; ResourceNotFoundException when there is no such filter. */
export const loadFilter = (ctx: Context, filterArn: string): Promise<LoadedFilter> =>
  filters(ctx).get(filterArn, ctx.now(), async () => {
    const record = await requireResource(ctx, 'filter', filterArn);
    // Fields were checked against the schemas at CreateFilter; a later schema change does not
    // undo a filter, as in Personalize, so the expression is parsed without them.
    return {
      filterArn,
      datasetGroupArn: record.attributes.datasetGroupArn,
      filter: parseFilterExpression(record.attributes.filterExpression),
    };
  });

export function forgetFilter(ctx: Context, filterArn: string): void {
  filters(ctx).delete(filterArn);
}
