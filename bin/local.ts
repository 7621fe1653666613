/**
 * `npm start`: runs Tailor locally. Flags win over environment variables,
 * which win over the defaults.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import {
  DataDirInUseError,
  PortInUseError,
  startLocalService,
  type LocalAuth,
  type LocalOptions,
} from './local-service';
import { checkDataDir, formatReport } from './data-dir-check';
import { DamagedDataDirError } from './store-guard';
import { parseQuotas, type Quotas } from '../layers/core/domain/quotas';

const USAGE = `Usage: npm start -- [options]

  --port <n>        API endpoint port (TAILOR_PORT, default 8080)
  --s3-port <n>     S3 endpoint port (TAILOR_S3_PORT, default 8081)
  --host <addr>     address to bind (TAILOR_HOST, default 127.0.0.1)
  --data-dir <dir>  where state is kept across restarts (TAILOR_DATA_DIR, default .tailor)
  --region <name>   region in ARNs (TAILOR_REGION, default us-east-1)
  --account <id>    account in ARNs (TAILOR_ACCOUNT, default 000000000000)
  --auth <mode>     none: any credentials; sigv4: keys from npm run keys (TAILOR_AUTH, default none)
  --quota <n=v>     change a quota from Personalize's default, as datasetGroups=50; repeatable
                    (TAILOR_QUOTAS, comma-separated; docs/quotas.md)
  --check           verify the data dir of a stopped Tailor, print a report and exit (1 on damage)
  --help            show this text`;

class UsageError extends Error {}

const parseQuota = (text: string, source: string): Partial<Quotas> => {
  try {
    return parseQuotas(text, source);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

const AUTH_MODES: readonly LocalAuth[] = ['none', 'sigv4'];

function readOptions(argv: string[], env: NodeJS.ProcessEnv): LocalOptions & { check: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      's3-port': { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      region: { type: 'string' },
      account: { type: 'string' },
      auth: { type: 'string' },
      quota: { type: 'string', multiple: true },
      check: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  // Each setting: the flag, else its environment variable (empty counts as unset), else the default.
  const setting = (flag: keyof typeof values & string, envName: string, fallback: string) => {
    const fromFlag = values[flag];
    if (typeof fromFlag === 'string') return { value: fromFlag, source: `--${flag}` };
    const fromEnv = env[envName];
    return fromEnv ? { value: fromEnv, source: envName } : { value: fallback, source: 'default' };
  };
  const port = (flag: 'port' | 's3-port', envName: string, fallback: string): number => {
    const { value, source } = setting(flag, envName, fallback);
    const number = Number(value);
    if (!/^\d+$/.test(value) || number > 65535) {
      throw new UsageError(`${source} must be a port number from 0 to 65535, got "${value}".`);
    }
    return number;
  };
  const account = setting('account', 'TAILOR_ACCOUNT', '000000000000');
  if (!/^\d{12}$/.test(account.value)) {
    throw new UsageError(`${account.source} must be 12 digits, got "${account.value}".`);
  }
  const auth = setting('auth', 'TAILOR_AUTH', 'none');
  if (!AUTH_MODES.includes(auth.value as LocalAuth)) {
    throw new UsageError(`${auth.source} must be none or sigv4, got "${auth.value}".`);
  }
  const quotas = (values.quota ?? []).reduce(
    (changed, entry) => ({ ...changed, ...parseQuota(entry, '--quota') }),
    env.TAILOR_QUOTAS ? parseQuota(env.TAILOR_QUOTAS, 'TAILOR_QUOTAS') : {},
  );
  return {
    quotas,
    auth: auth.value as LocalAuth,
    port: port('port', 'TAILOR_PORT', '8080'),
    s3Port: port('s3-port', 'TAILOR_S3_PORT', '8081'),
    host: setting('host', 'TAILOR_HOST', '127.0.0.1').value,
    dataDir: resolve(setting('data-dir', 'TAILOR_DATA_DIR', '.tailor').value),
    region: setting('region', 'TAILOR_REGION', 'us-east-1').value,
    account: account.value,
    check: values.check === true,
  };
}

async function main(): Promise<void> {
  // The service's own SDK clients need not tell the user about their Node version.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { check, ...options } = readOptions(process.argv.slice(2), process.env);
  if (check) {
    const report = await checkDataDir(options.dataDir);
    console.log(formatReport(options.dataDir, report));
    process.exit(report.damage.length > 0 ? 1 : 0);
  }
  const service = await startLocalService(options);
  const signed = options.auth === 'sigv4';
  console.log(`Tailor is running.
  Console:                                    ${service.endpoint}/console/
  Personalize API (control, events, runtime): ${service.endpoint}
  S3 endpoint for your data:                  ${service.s3Endpoint}
  State kept in:                              ${options.dataDir}
  Region ${options.region}, account ${options.account}; ${signed ? 'requests must be signed with a key from npm run keys -- issue.' : 'any credentials are accepted.'}

Try:
  AWS_ACCESS_KEY_ID=${signed ? '<key id>' : 'test'} AWS_SECRET_ACCESS_KEY=${signed ? '<secret>' : 'test'} AWS_DEFAULT_REGION=${options.region} \\
    aws personalize create-dataset-group --name demo --endpoint-url ${service.endpoint}
or the whole path, data to recommendations, with the official SDK clients:
  npm run demo -- --endpoint ${service.endpoint} --s3-endpoint ${service.s3Endpoint}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Tailor...`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Tailor did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Errors a user fixes by changing how they start Tailor: one line, no stack. */
const isUsageError = (error: unknown): error is Error =>
  error instanceof UsageError ||
  error instanceof PortInUseError ||
  error instanceof DataDirInUseError ||
  String((error as { code?: unknown })?.code).startsWith('ERR_PARSE_ARGS');

main().catch((error: unknown) => {
  console.error(
    error instanceof DamagedDataDirError
      ? error.message
      : isUsageError(error)
        ? `${error.message.split('\n')[0]} (npm start -- --help lists the options)`
        : error,
  );
  process.exit(1);
});
