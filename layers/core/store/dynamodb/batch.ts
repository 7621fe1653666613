/**
 * BatchWriteItem and BatchGetItem until every request is done. DynamoDB may
 * process part of a batch (UnprocessedItems/Keys) or throttle it whole; both
 * are retried with capped exponential backoff and full jitter, so concurrent
 * writers spread out instead of retrying in step. A write that still fails
 * throws: the caller must not acknowledge it.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Calls per batch, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** About 5 s of waiting in all before giving up, well inside an API Gateway timeout. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 25, maxDelayMs: 2000 };

/** "Full jitter", from the AWS Architecture Blog's "Exponential Backoff And Jitter". */
export const backoffDelay = (retry: number, policy: RetryPolicy, random = Math.random): number =>
  random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);

// The SDK retries these too, a few times; a long throttling spell outlasts its attempts.
const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

const WRITE_BATCH = 25;
const GET_BATCH = 100;

export type Key = Record<string, AttributeValue>;

export async function batchWrite(
  client: DynamoDBClient,
  tableName: string,
  requests: readonly WriteRequest[],
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  await Promise.all(
    chunks(requests, WRITE_BATCH).map((chunk) =>
      untilDone(chunk, policy, `writes to ${tableName}`, async (pending) => {
        const { UnprocessedItems } = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
        );
        return UnprocessedItems?.[tableName] ?? [];
      }),
    ),
  );
}

/** The items stored under these keys; absent keys are left out. */
export async function batchGet(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly Key[],
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Key[]> {
  const found: Key[] = [];
  await Promise.all(
    chunks(keys, GET_BATCH).map((chunk) =>
      untilDone(chunk, policy, `reads from ${tableName}`, async (pending) => {
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetItemCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        found.push(...(Responses?.[tableName] ?? []));
        return UnprocessedKeys?.[tableName]?.Keys ?? [];
      }),
    ),
  );
  return found;
}

/** Sends `attempt` with what is left until nothing is, or the policy's attempts run out. */
async function untilDone<T>(
  requests: T[],
  policy: RetryPolicy,
  what: string,
  attempt: (pending: T[]) => Promise<T[]>,
): Promise<void> {
  let pending = requests;
  for (let retry = 0; ; retry++) {
    try {
      pending = await attempt(pending);
      if (pending.length === 0) return;
    } catch (error) {
      if (!RETRYABLE.has((error as Error).name)) throw error;
    }
    if (retry + 1 >= policy.maxAttempts) {
      throw new Error(
        `${pending.length} ${what} were still not done after ${policy.maxAttempts} attempts`,
      );
    }
    await sleep(backoffDelay(retry, policy));
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
