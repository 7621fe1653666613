/**
 * Quotas enforced: a create counts what its quota covers and fails with LimitExceededException
 * when one more would pass it. The quotas themselves are in domain/quotas.ts.
 *
 * Each is counted by a query on the dataset group or on the resource kind, stopping at the quota.
 * Two creates at the same moment may both see room for one more and pass together; only filters
 * claim a slot atomically (filters/group-slots.ts), as they always have.
 */
import type { Context } from '../context/context';
import { LimitExceededException, type ServiceError } from '../api/errors';
import { quotaOf, type QuotaName } from '../domain/quotas';
import type { CountQuery } from '../store/ports';

/** A quota as its message names it. */
export interface QuotaUse {
  name: QuotaName;
  /** What is counted, which the message names: `the account`, `Dataset group arn:...`. */
  holder: string;
  /** The resources counted, plural: `dataset groups`. */
  what: string;
  /** What the caller can do about it: `delete one first`. */
  remedy: string;
}

export interface QuotaCheck extends QuotaUse {
  /** How many there are now, counted up to the quota. */
  count(upTo: number): Promise<number>;
}

/** The LimitExceededException of a quota reached. */
export const quotaReached = (ctx: Context, use: QuotaUse): ServiceError =>
  new LimitExceededException(
    `${use.holder} already has ${quotaOf(ctx, use.name)} ${use.what}, the most it can have (quota ${use.name}); ${use.remedy}.`,
  );

/** LimitExceededException when the quota is reached, so one more would pass it. */
export async function requireRoomFor(ctx: Context, check: QuotaCheck): Promise<void> {
  const limit = quotaOf(ctx, check.name);
  if ((await check.count(limit)) >= limit) throw quotaReached(ctx, check);
}

/** A quota counted by one metadata query. */
export const countOf =
  (ctx: Context, query: Omit<CountQuery, 'upTo'>) =>
  (upTo: number): Promise<number> =>
    ctx.metadata.count({ ...query, upTo });
