/**
 * Personalize's default quotas (its developer guide, "Endpoints and quotas"), enforced with
 * LimitExceededException and configurable (docs/quotas.md): `TAILOR_QUOTAS` or `--quota` for the
 * local service, the stack's `quotas` prop for a deployment.
 *
 * Each is counted by a query on the dataset group or on the resource kind, stopping at the quota.
 * Two creates at the same moment may both see room for one more and pass together; only filters
 * claim a slot atomically (filters/group-slots.ts), as they always have.
 */
import type { Context } from '../api/context';
import { LimitExceededException, type ServiceError } from '../api/errors';
import type { CountQuery } from '../store/ports';

export const DEFAULT_QUOTAS = {
  /** Active dataset groups in the account. */
  datasetGroups: 5,
  /** Schemas in the account. */
  schemas: 500,
  /** Pending or in progress dataset import jobs in the account. */
  datasetImportJobsInProgress: 5,
  /** Pending or in progress batch inference jobs in the account. */
  batchInferenceJobsInProgress: 5,
  /** Pending or in progress solution versions in the account. */
  solutionVersionsInProgress: 20,
  /** Active solutions in a dataset group. */
  solutionsPerDatasetGroup: 10,
  /** Active campaigns in a dataset group. */
  campaignsPerDatasetGroup: 5,
  /** Filters in a dataset group (docs/quotas.md: the guide has said 10 and, lately, 30). */
  filtersPerDatasetGroup: 10,
  /** Pending data deletion jobs in a dataset group. */
  dataDeletionJobsPendingPerDatasetGroup: 5,
};

export type Quotas = typeof DEFAULT_QUOTAS;
export type QuotaName = keyof Quotas;

const NAMES = Object.keys(DEFAULT_QUOTAS) as QuotaName[];

/** The quota in force: the context's, else Personalize's default. */
export const quotaOf = (ctx: Pick<Context, 'quotas'>, name: QuotaName): number =>
  ctx.quotas?.[name] ?? DEFAULT_QUOTAS[name];

/**
 * `datasetGroups=50,filtersPerDatasetGroup=30`: quotas to change, as TAILOR_QUOTAS and `--quota`
 * give them. Throws an Error naming `source` and the problem.
 */
export function parseQuotas(text: string, source: string): Partial<Quotas> {
  const quotas: Partial<Quotas> = {};
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [name, value, ...rest] = entry.split('=').map((part) => part.trim());
    if (!NAMES.includes(name as QuotaName)) {
      throw new Error(`${source}: "${name}" is no quota; the quotas are ${NAMES.join(', ')}.`);
    }
    if (rest.length > 0 || value === undefined || !/^\d{1,9}$/.test(value)) {
      throw new Error(
        `${source}: ${name} must be a whole number from 0 to 999999999, as ${name}=10.`,
      );
    }
    quotas[name as QuotaName] = Number(value);
  }
  return quotas;
}

/** Quotas as TAILOR_QUOTAS carries them: `datasetGroups=50,filtersPerDatasetGroup=30`. */
export const formatQuotas = (quotas: Partial<Quotas>): string =>
  Object.entries(quotas)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');

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
