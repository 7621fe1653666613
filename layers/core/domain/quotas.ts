/**
 * Personalize's default quotas (its developer guide, "Endpoints and quotas"), enforced with
 * LimitExceededException and configurable (docs/quotas.md): `TAILOR_QUOTAS` or `--quota` for the
 * local service, the stack's `quotas` prop for a deployment. operations/quotas.ts enforces them.
 */
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
export const quotaOf = (ctx: { quotas?: Partial<Quotas> }, name: QuotaName): number =>
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
