/**
 * The Personalize API on the in-memory stores, called as the wire calls it: each request goes
 * through createApi's handler (routing, body parsing, the request shapes' validation, key
 * policies), so a unit test sees the exceptions and messages a client would, in milliseconds and
 * with no store or process to start. Jobs run in this process (jobs/in-process-launcher.ts).
 */
import { createMemoryContext, type MemoryContext } from '../../layers/core/context/memory';
import type { Place } from '../../layers/core/domain/arn';
import { buildArn } from '../../layers/core/domain/arn';
import type { ResourceKind } from '../../layers/core/domain/kinds';
import type { Quotas } from '../../layers/core/domain/quotas';
import {
  inProcessJobs,
  type InProcessJobLauncher,
} from '../../layers/core/jobs/in-process-launcher';
import { CONTROL_OPERATIONS } from '../../layers/core/operations';
import { createApi } from '../../layers/core/operations/dispatch';
import { EVENTS_OPERATIONS } from '../../layers/core/operations/events';
import type { JobEnded } from '../../layers/core/store/job-events';

export const PLACE: Place = { region: 'us-east-1', account: '000000000000' };

/** An ARN of this account, as Personalize builds it. */
export const arnOf = (kind: ResourceKind, ...path: string[]): string =>
  buildArn(PLACE, kind, ...path);

/** An exception as a client reads it off the wire: `name` is the `__type`. */
export class WireError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

// Answers are JSON of any shape; each test reads the members it checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

export interface MemoryApi {
  ctx: MemoryContext<InProcessJobLauncher>;
  /** A control-plane operation by name (`CreateDatasetGroup`), its answer parsed. */
  call(operation: string, input?: unknown): Promise<Answer>;
  /** A raw control-plane request body, for what no client would send. */
  callRaw(operation: string, body: string): Promise<Answer>;
  /** An events operation at its route (`/events`). */
  send(route: string, input: unknown): Promise<Answer>;
  /** What the jobs printed. */
  jobLog: string[];
  /** Every job end announced, in order. */
  announced: JobEnded[];
}

export interface MemoryApiOptions {
  /**
   * Quotas changed from Personalize's defaults.
   * @default - Personalize's default quotas
   */
  quotas?: Partial<Quotas>;
  /**
   * Holds launched jobs CREATE PENDING until `ctx.jobs.startHeld()`.
   * @default false - each job runs as soon as it is launched
   */
  holdJobs?: boolean;
}

/** A fresh service: each call gives one with nothing in it. */
export function memoryApi(options: MemoryApiOptions = {}): MemoryApi {
  const jobLog: string[] = [];
  const announced: JobEnded[] = [];
  // A clock that moves on at every reading, so that no two resources share a creation time and
  // listings have one order.
  let time = Date.now();
  const ctx = createMemoryContext({
    jobs: inProcessJobs({ log: (line) => jobLog.push(line), hold: options.holdJobs ?? false }),
    ...(options.quotas ? { quotas: options.quotas } : {}),
    jobEvents: { announce: async (event) => void announced.push(event) },
    now: () => ++time,
  });
  const handle = createApi([...CONTROL_OPERATIONS, ...EVENTS_OPERATIONS], ctx, (message, error) =>
    jobLog.push(`${message}: ${String(error)}`),
  );

  async function answer(headers: Record<string, string>, path: string, body: string) {
    const response = await handle({ method: 'POST', path, headers, body });
    const parsed = response.body ? (JSON.parse(response.body) as Record<string, string>) : {};
    if (response.statusCode === 200) return parsed;
    throw new WireError(
      response.headers['x-amzn-errortype'] ?? parsed.__type ?? 'UnknownError',
      parsed.message ?? '',
      response.statusCode,
    );
  }

  const control = (operation: string, body: string) =>
    answer(
      {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AmazonPersonalize.${operation}`,
      },
      '/',
      body,
    );

  return {
    ctx,
    call: (operation, input = {}) => control(operation, JSON.stringify(input)),
    callRaw: control,
    send: (route, input) =>
      answer({ 'content-type': 'application/json' }, route, JSON.stringify(input)),
    jobLog,
    announced,
  };
}

/** The exception a call fails with; fails the test when it succeeds. */
export async function failure(call: Promise<unknown>): Promise<WireError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(`Expected a failure, got ${JSON.stringify(outcome.value)}`);
  }
  if (!(outcome.error instanceof WireError)) throw outcome.error;
  return outcome.error;
}

/** A new dataset group's ARN. */
export async function createGroup(api: MemoryApi, name: string, fields: object = {}) {
  return (await api.call('CreateDatasetGroup', { name, ...fields })).datasetGroupArn as string;
}

/** A new schema's ARN. */
export async function createSchema(api: MemoryApi, name: string, schema: string) {
  return (await api.call('CreateSchema', { name, schema })).schemaArn as string;
}

/** A new dataset's ARN, named after its type and group. */
export async function createDataset(
  api: MemoryApi,
  datasetGroupArn: string,
  datasetType: 'Interactions' | 'Items' | 'Users',
  schemaArn: string,
) {
  const name = `${datasetType.toLowerCase()}-${datasetGroupArn.split('/').pop()}`;
  return (await api.call('CreateDataset', { name, datasetGroupArn, datasetType, schemaArn }))
    .datasetArn as string;
}
