/**
 * The stores a deployment's functions talk to, locally: dynalite with Tailor's tables, and
 * s3rver, each on a free port, for the SDK's AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { ensureTables } from '../../layers/core/store/dynamodb/tables';

/** The one key pair s3rver knows; dynalite takes any. */
export const STORE_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/** An in-memory dynalite with the tables of `prefix`. */
export async function startDynamoDb(prefix: string, region: string): Promise<LocalDynamoDb> {
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region, credentials: STORE_CREDENTIALS });
  await ensureTables(client, prefix);
  client.destroy();
  return {
    endpoint,
    async stop() {
      dynamo.closeAllConnections();
      await new Promise((resolve) => dynamo.close(resolve));
    },
  };
}

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/** s3rver on a temporary folder, with `buckets` made. */
export async function startS3(buckets: string[]): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'tailor-s3-'));
  const s3rver = new S3rver({
    directory,
    silent: true,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  const server = createServer(s3rver.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
