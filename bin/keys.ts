/**
 * `npm run keys`: issues, lists and revokes the access keys Tailor checks signatures with
 * (docs/auth.md), in the local service's stores or, given --stack, in a deployment's table.
 * Output is JSON shaped as IAM's create-access-key and list-access-keys print it.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { issueAccessKey, listAccessKeys, revokeAccessKey } from '../layers/core/auth/access-keys';
import type { AccessKeyStore, AccessKeySummary } from '../layers/core/store/access-key-ports';
import { DynamoDbAccessKeyStore } from '../layers/core/store/dynamodb/access-key-store';
import { kmsSealer } from '../layers/core/store/secret-sealer';
import { localAccessKeyStore, openLocalDynamoDb } from './local-service';

const USAGE = `Usage: npm run keys -- <command> [options]

Commands:
  issue [--description <text>] [--role <role ARN>]...
                                a new key; its secret is printed this once only. Each --role
                                is a role the key may pass to jobs as their roleArn (* and ?
                                match as in IAM); without one, its jobs can name no role
  list                          every key, without secrets
  revoke <access key id>        the key stops working (deployed functions: within a minute)

Where the keys are:
  --data-dir <dir>   the local service's stores (TAILOR_DATA_DIR, default .tailor), whether it runs or not
  --stack <name>     a deployment's table in AWS instead (its stack's AccessKeysTable and
                     SecretsKey outputs); region and credentials from the AWS environment
                     (AWS_REGION or AWS_DEFAULT_REGION, AWS_PROFILE, ...)
  --help             show this text`;

class UsageError extends Error {}

interface Where {
  store: AccessKeyStore;
  close(): Promise<void>;
}

async function openStore(values: { 'data-dir'?: string; stack?: string }): Promise<Where> {
  const env = process.env;
  if (values.stack !== undefined) {
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    const config = region ? { region } : {};
    const outputs = await stackOutputs(values.stack, config);
    const client = new DynamoDBClient(config);
    return {
      store: new DynamoDbAccessKeyStore(
        client,
        outputs.AccessKeysTable,
        kmsSealer(outputs.SecretsKey),
      ),
      close: async () => client.destroy(),
    };
  }
  const dataDir = resolve(values['data-dir'] ?? (env.TAILOR_DATA_DIR || '.tailor'));
  // Dynalite ignores the region; the client needs one.
  const local = await openLocalDynamoDb(dataDir, 'us-east-1');
  return { store: await localAccessKeyStore(dataDir, local.client), close: local.close };
}

/** The outputs of a Tailor stack (lib/tailor-stack.ts) that locate its keys. */
async function stackOutputs(
  stackName: string,
  config: { region?: string },
): Promise<{ AccessKeysTable: string; SecretsKey: string }> {
  const client = new CloudFormationClient(config);
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Object.fromEntries(
      (Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]),
    );
    if (!outputs.AccessKeysTable || !outputs.SecretsKey) {
      throw new Error(
        `Stack ${stackName} has no AccessKeysTable and SecretsKey outputs: was it deployed with auth sigv4 (-c auth=sigv4)?`,
      );
    }
    return { AccessKeysTable: outputs.AccessKeysTable, SecretsKey: outputs.SecretsKey };
  } finally {
    client.destroy();
  }
}

const metadata = (key: AccessKeySummary) => ({
  AccessKeyId: key.accessKeyId,
  Status: key.status,
  CreateDate: new Date(key.createdAt).toISOString(),
  ...(key.description ? { Description: key.description } : {}),
  ...(key.roleArns ? { RoleArns: key.roleArns } : {}),
});

async function main(): Promise<void> {
  // The command's own SDK client need not tell the user about their Node version.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      stack: { type: 'string' },
      description: { type: 'string' },
      role: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const expected = command === 'revoke' ? 1 : 0;
  if (!['issue', 'list', 'revoke'].includes(command) || rest.length !== expected) {
    throw new UsageError(
      command === 'revoke'
        ? 'revoke takes one access key ID.'
        : `Unknown command or extra arguments: ${positionals.join(' ')}.`,
    );
  }
  if ((values.description !== undefined || values.role !== undefined) && command !== 'issue') {
    throw new UsageError('--description and --role apply to issue only.');
  }
  for (const role of values.role ?? []) {
    if (!/^arn:aws[\w-]*:iam::(\d{12}|\*):role\/\S+$/.test(role)) {
      throw new UsageError(
        `--role must be a role ARN such as arn:aws:iam::123456789012:role/name, got "${role}".`,
      );
    }
  }

  const where = await openStore(values);
  try {
    if (command === 'issue') {
      const key = await issueAccessKey(where.store, {
        description: values.description,
        roleArns: values.role,
      });
      const output = { AccessKey: { ...metadata(key), SecretAccessKey: key.secretAccessKey } };
      console.log(JSON.stringify(output, null, 2));
    } else if (command === 'list') {
      const keys = await listAccessKeys(where.store);
      console.log(JSON.stringify({ AccessKeyMetadata: keys.map(metadata) }, null, 2));
    } else {
      await revokeAccessKey(where.store, rest[0]!);
      console.error(`Revoked ${rest[0]}.`);
    }
  } finally {
    await where.close();
  }
}

main().catch((error: unknown) => {
  const usage =
    error instanceof UsageError ||
    String((error as { code?: unknown })?.code).startsWith('ERR_PARSE_ARGS');
  // One line: an unknown key, a data dir in use, missing AWS credentials all say enough.
  const message = error instanceof Error ? error.message : String(error);
  console.error(usage ? `${message} (npm run keys -- --help lists the commands)` : message);
  process.exit(1);
});
