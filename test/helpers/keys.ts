/** `npm run keys` as a user runs it, against a local data dir, and clients signed with its keys. */
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REGION, type TestService } from './local-service';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

export interface IssuedKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The command as its own process; asynchronously, as an in-process service must answer it. */
export function keys(
  dataDir: string,
  ...args: string[]
): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'bin/keys.ts', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
}

/** A new key, issued with `npm run keys -- issue <args>`. */
export async function issueKey(dataDir: string, ...args: string[]): Promise<IssuedKey> {
  const { stdout } = await keys(dataDir, 'issue', ...args);
  const { AccessKey } = JSON.parse(stdout) as {
    AccessKey: { AccessKeyId: string; SecretAccessKey: string };
  };
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}

/**
 * The service as a holder of `key` reaches it: every client signed with the key. `destroy`
 * closes these clients; the service itself is the caller's to stop.
 */
export function signedWith(
  service: TestService,
  key: IssuedKey,
): TestService & { destroy(): void } {
  const config = { endpoint: service.endpoint, region: REGION, credentials: key, maxAttempts: 1 };
  const clients = {
    personalize: new PersonalizeClient(config),
    events: new PersonalizeEventsClient(config),
    runtime: new PersonalizeRuntimeClient(config),
    s3: new S3Client({ ...config, endpoint: service.s3Endpoint, forcePathStyle: true }),
  };
  return {
    ...service,
    ...clients,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
}
