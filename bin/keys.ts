/**
 * `npm run keys`: issues, lists and revokes the access keys Tailor checks signatures with, and
 * sets what each may do (docs/auth.md), in the local service's stores or, given --stack, in a
 * deployment's table. Output is JSON shaped as IAM's create-access-key and list-access-keys
 * print it.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  issueAccessKey,
  listAccessKeys,
  revokeAccessKey,
  setAccessKeyPolicy,
  showAccessKey,
} from '../layers/core/auth/access-keys';
import { documentOf, keyPolicyProblems, policyFromDocument } from '../layers/core/auth/key-policy';
import { type KeyPolicy } from '../layers/core/domain/callers';
import { CONTROL_OPERATIONS } from '../layers/core/operations';
import { EVENTS_OPERATIONS } from '../layers/core/operations/events';
import { RUNTIME_OPERATIONS } from '../layers/core/operations/runtime';
import type { AccessKeyStore, AccessKeySummary } from '../layers/core/store/access-key-ports';
import { DynamoDbAccessKeyStore } from '../layers/core/store/dynamodb/access-key-store';
import { kmsSealer } from '../layers/core/store/secret-sealer';
import { localAccessKeyStore, openLocalDynamoDb } from './local-service';

const USAGE = `Usage: npm run keys -- <command> [options]

Commands:
  issue [--description <text>] [--role <role ARN>]... [policy]
                                a new key; its secret is printed this once only. Each --role
                                is a role the key may pass to jobs as their roleArn (* and ?
                                match as in IAM); without one, its jobs can name no role
  list                          every key, without secrets
  show <access key id>          one key, with its policy
  set-policy <access key id> <policy>
                                replaces what the key may do
  clear-policy <access key id>  the key may do everything again
  revoke <access key id>        the key stops working (deployed functions: within a minute)

A policy (docs/auth.md#key-policies; a key without one may do everything):
  --action <pattern>           an operation the key may call, as IAM names it:
                               personalize:GetRecommendations, personalize:Describe*; repeatable
  --dataset-group <ARN pattern>
                               a dataset group the key may see and touch, * and ? as in IAM:
                               arn:aws:personalize:us-east-1:000000000000:dataset-group/tenant-a-*;
                               repeatable
  --policy-file <file>         both at once, as JSON: {"Actions": [...], "DatasetGroups": [...]}

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
  ...(key.policy ? { Policy: documentOf(key.policy) } : {}),
});

/** The operations an action pattern may name: every one Tailor serves, on any of its APIs. */
const OPERATION_NAMES = [...CONTROL_OPERATIONS, ...EVENTS_OPERATIONS, ...RUNTIME_OPERATIONS].map(
  (operation) => operation.name,
);

interface PolicyOptions {
  action?: string[];
  'dataset-group'?: string[];
  'policy-file'?: string;
}

/** The policy the options state, refused whole with every problem; undefined when they state none. */
async function policyOf(values: PolicyOptions): Promise<KeyPolicy | undefined> {
  const file = values['policy-file'];
  const { action, 'dataset-group': datasetGroups } = values;
  if (file === undefined && action === undefined && datasetGroups === undefined) return undefined;
  if (file !== undefined && (action !== undefined || datasetGroups !== undefined)) {
    throw new UsageError(
      'Give a policy either as --policy-file or as --action and --dataset-group.',
    );
  }
  const policy =
    file !== undefined
      ? policyFromDocument(await readJson(file))
      : {
          ...(action ? { actions: action } : {}),
          ...(datasetGroups ? { datasetGroups } : {}),
        };
  const problems = keyPolicyProblems(policy, OPERATION_NAMES);
  if (problems.length > 0) {
    throw new Error(`The policy is refused:\n  ${problems.join('\n  ')}`);
  }
  return policy;
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`--policy-file ${file} cannot be read: ${error.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`--policy-file ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Commands that take one access key ID. */
const ON_ONE_KEY = ['show', 'set-policy', 'clear-policy', 'revoke'];

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
      action: { type: 'string', multiple: true },
      'dataset-group': { type: 'string', multiple: true },
      'policy-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const expected = ON_ONE_KEY.includes(command) ? 1 : 0;
  if (!['issue', 'list', ...ON_ONE_KEY].includes(command) || rest.length !== expected) {
    throw new UsageError(
      ON_ONE_KEY.includes(command)
        ? `${command} takes one access key ID.`
        : `Unknown command or extra arguments: ${positionals.join(' ')}.`,
    );
  }
  if ((values.description !== undefined || values.role !== undefined) && command !== 'issue') {
    throw new UsageError('--description and --role apply to issue only.');
  }
  const givesPolicy = ['action', 'dataset-group', 'policy-file'].some(
    (option) => values[option as keyof PolicyOptions] !== undefined,
  );
  if (givesPolicy && command !== 'issue' && command !== 'set-policy') {
    throw new UsageError(
      '--action, --dataset-group and --policy-file apply to issue and set-policy only.',
    );
  }
  if (!givesPolicy && command === 'set-policy') {
    throw new UsageError(
      'set-policy needs --action, --dataset-group or --policy-file (clear-policy gives full access).',
    );
  }
  for (const role of values.role ?? []) {
    if (!/^arn:aws[\w-]*:iam::(\d{12}|\*):role\/\S+$/.test(role)) {
      throw new UsageError(
        `--role must be a role ARN such as arn:aws:iam::123456789012:role/name, got "${role}".`,
      );
    }
  }
  const policy = await policyOf(values);

  const id = rest[0]!;
  const where = await openStore(values);
  try {
    if (command === 'issue') {
      const key = await issueAccessKey(where.store, {
        description: values.description,
        roleArns: values.role,
        policy,
      });
      const output = { AccessKey: { ...metadata(key), SecretAccessKey: key.secretAccessKey } };
      console.log(JSON.stringify(output, null, 2));
    } else if (command === 'list') {
      const keys = await listAccessKeys(where.store);
      console.log(JSON.stringify({ AccessKeyMetadata: keys.map(metadata) }, null, 2));
    } else if (command === 'revoke') {
      await revokeAccessKey(where.store, id);
      console.error(`Revoked ${id}.`);
    } else {
      // show; set-policy and clear-policy show the key as it now is.
      if (command !== 'show') await setAccessKeyPolicy(where.store, id, policy);
      const key = await showAccessKey(where.store, id);
      console.log(JSON.stringify({ AccessKey: metadata(key) }, null, 2));
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
