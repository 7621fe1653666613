/**
 * The Lambdas' real handlers against a real (in-process, in-memory) DynamoDB: dynalite, with the
 * tables the local service creates, and the environment the stack and Lambda set.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Context as LambdaContext,
} from 'aws-lambda';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessKeyStore } from '../../layers/core/store/access-key-ports';
import { DynamoDbAccessKeyStore } from '../../layers/core/store/dynamodb/access-key-store';
import { ensureTables } from '../../layers/core/store/dynamodb/tables';
import { localSealer } from '../../layers/core/store/secret-sealer';
import {
  ACCESS_KEYS_TABLE,
  tableEnvironment,
  tableName,
  tableNames,
} from '../../layers/core/store/tables';

export const LAMBDA_REGION = 'eu-west-1';
export const LAMBDA_ACCOUNT = '123456789012';

export type Invoke = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface LambdaHandlers {
  control: Invoke;
  events: Invoke;
  stop(): Promise<void>;
}

export async function startLambdaHandlers(options: {
  prefix: string;
  /** Added to the environment, such as TAILOR_AUTH. */
  env?: Record<string, string>;
  /** Runs on the new tables before the handlers load: issuing a key, say. */
  prepare?: (keys: AccessKeyStore) => Promise<void>;
}): Promise<LambdaHandlers> {
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = new DynamoDBClient({ endpoint, region: LAMBDA_REGION, credentials });
  await ensureTables(client, options.prefix);
  // The key that seals access keys' secrets, as the local service keeps one in its data dir.
  const secretsKeyFile = join(mkdtempSync(join(tmpdir(), 'tailor-lambda-')), 'secrets.key');
  writeFileSync(secretsKeyFile, randomBytes(32), { mode: 0o600 });
  const keys = new DynamoDbAccessKeyStore(
    client,
    tableName(options.prefix, ACCESS_KEYS_TABLE),
    localSealer(readFileSync(secretsKeyFile)),
  );
  await options.prepare?.(keys);
  client.destroy();

  const savedEnv = process.env;
  // What the stack and Lambda set, plus the SDK's own endpoint override for dynalite.
  process.env = {
    ...savedEnv,
    ...tableEnvironment(tableNames(options.prefix)),
    TAILOR_SECRETS_KEY_FILE: secretsKeyFile,
    TAILOR_ACCOUNT: LAMBDA_ACCOUNT,
    TAILOR_TOKEN_KEY: 'test-key',
    TAILOR_DATA_BUCKET: 'tailor-data',
    AWS_REGION: LAMBDA_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...options.env,
  };
  // Each handler builds its context at import, so it is imported once the environment is set.
  const control = await import('../../lambdas/control');
  const events = await import('../../lambdas/events');
  return {
    control: (event) => control.handler(event, {} as LambdaContext),
    events: (event) => events.handler(event, {} as LambdaContext),
    async stop() {
      process.env = savedEnv;
      dynamo.closeAllConnections();
      await new Promise((resolve) => dynamo.close(resolve));
    },
  };
}
