/**
 * The AWS CLI v2 as the tests run it against `npm start`: Debian's awscli (a v1 `aws` may come
 * first on PATH, so never rely on PATH), with test credentials and nothing of the machine's own
 * AWS configuration.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningService } from './process';

export const AWS_CLI = '/usr/bin/aws';
export const haveAwsCli = existsSync(AWS_CLI);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `aws <args> --endpoint-url <the service>`; resolves with its exit code and output. */
export function awsCli(service: RunningService, ...args: string[]): Promise<CliResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(AWS_CLI, [...args, '--endpoint-url', service.endpoint], {
      env: {
        PATH: process.env.PATH,
        HOME: service.dataDir,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        AWS_PAGER: '',
        // A developer's own profiles must not leak into the test.
        AWS_CONFIG_FILE: join(service.dataDir, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(service.dataDir, 'no-aws-credentials'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolveResult({ code, stdout, stderr }));
  });
}

/** A run's JSON output, once it is known to have succeeded with nothing on stderr. */
export function succeeded<T = unknown>(result: CliResult): T {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  return (result.stdout.trim() === '' ? {} : JSON.parse(result.stdout)) as T;
}
