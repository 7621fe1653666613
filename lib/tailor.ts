/**
 * Tailor as one L3 construct: the stores, the core layer, the three API
 * functions, the job workflows, the API in front and its monitoring (alarms,
 * notifications, a dashboard). Embed it in
 * any stack; `TailorStack` is the ready-made one.
 */
import { Aspects, ArnFormat, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { RestApi, ThrottleSettings } from 'aws-cdk-lib/aws-apigateway';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Alarm, Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Grant, PolicyStatement, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction, ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_OPERATIONS } from '../layers/core/operations/events';
import { RUNTIME_OPERATIONS } from '../layers/core/operations/runtime';
import type { JobKind } from '../layers/core/store/job-ports';
import type { Operation } from '../layers/core/operations/operation';
import { formatQuotas, parseQuotas, type Quotas } from '../layers/core/domain/quotas';
import { CALLER_TAG, type FunctionEnvironment } from '../layers/core/context/aws-environment';
import {
  ACCESS_KEYS_TABLE,
  DATASET_RECORDS_TABLE,
  EVENTS_TABLE,
  METADATA_TABLE,
} from '../layers/core/store/tables';
import { ROOT } from './bundle-entry';
import { CONSOLE_ORIGIN_VARIABLE } from '../lambdas/shared/cors';
import { Api, type ApiAuth } from './api';
import { ConsoleSite } from './console';
import { CoreLayer } from './core-layer';
import { TailorFunction } from './function';
import {
  FargateJobCompute,
  LambdaJobCompute,
  type JobCompute,
  type JobComputeKind,
} from './job-compute';
import { Jobs } from './jobs';
import { Monitoring } from './monitoring';
import { acknowledge, acknowledgeWildcardGrants } from './nag';
import {
  ASSUME_ROLE_ACTIONS,
  PASS_ROLE_CHECK_ACTIONS,
  BUCKET_LIST_ACTIONS,
  OBJECT_READ_ACTIONS,
  OBJECT_WRITE_ACTIONS,
} from './perms';
import { ScheduledTraining } from './scheduled-training';
import { Stores } from './stores';

/** A Fargate task's size: vCPU units (1024 = 1 vCPU) and memory. */
export interface JobTaskSize {
  /** One of 256, 512, 1024, 2048, 4096, 8192, 16384, with a memory Fargate allows for it. */
  readonly cpu: number;
  readonly memoryMiB: number;
}

export interface TailorProps {
  /**
   * This Tailor's name: of its REST API and dashboard, and in its job events. Tables, the
   * bucket and the state machines are named by CloudFormation, so a re-deployment after
   * `cdk destroy` never collides with what the old stack retained.
   *
   * @default - derived from the stack name and this construct's path, with a hash
   */
  readonly prefix?: string;
  /**
   * What happens to the tables, the data bucket and the logs when they leave the stack. Retained
   * ones stay in the account under their generated names, and a new stack makes new ones
   * (docs/deploy.md: Removal). A bucket that still holds objects cannot be destroyed.
   *
   * @default RemovalPolicy.RETAIN - kept on stack deletion
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * A customer-managed KMS key for everything Tailor stores: the tables, the data bucket, the
   * secrets, the log groups and the notification topic. Its key policy must let CloudWatch Logs
   * (`logs.<region>.amazonaws.com`) use it; a key made in the same stack gets that statement.
   *
   * @default - AWS-owned and AWS-managed keys; the access keys' secrets (auth 'sigv4') get a key
   * of their own
   */
  readonly encryptionKey?: IKey;
  /**
   * Access logs of the API stage. API Gateway writes them only once the account's API Gateway
   * CloudWatch role is set; the construct sets it (AWS::ApiGateway::Account, retained on
   * deletion so other APIs keep logging) unless `apiCloudWatchRole` is false.
   *
   * @default true
   */
  readonly apiAccessLogs?: boolean;
  /**
   * Whether the construct sets the account's API Gateway CloudWatch role. Turn off where the
   * account already has one (a landing zone sets it, say), or set apiAccessLogs false.
   *
   * @default true
   */
  readonly apiCloudWatchRole?: boolean;
  /**
   * Request limits of the API stage, for all callers together.
   *
   * @default - 100 requests per second, bursts of 200; either field may be given alone
   */
  readonly apiThrottle?: ThrottleSettings;
  /**
   * How long the functions', jobs' and API's logs are kept.
   *
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Who checks request signatures. `iam`: API Gateway, for callers signing as `execute-api`
   * with IAM credentials. `sigv4`: the functions, for unmodified Personalize clients signing
   * as `personalize` with keys Tailor issues (the AccessKeys table); API Gateway checks none.
   *
   * @default 'iam'
   */
  readonly auth?: ApiAuth;
  /**
   * Where jobs (imports, exports, deletions, training) run. `fargate`: a container per job,
   * for any data size. `lambda`: a function per job, 15 minutes and 10 GB at most, no Docker
   * needed to deploy; for small datasets and LocalStack Community, which has no ECS.
   *
   * @default 'fargate'
   */
  readonly jobCompute?: JobComputeKind;
  /**
   * Bundle the core into each function instead of sharing it from a Lambda layer. For
   * LocalStack Community, which accepts layers but does not mount them. It costs every
   * function the core's size; with jobCompute 'fargate' it changes the functions only
   * (the job image always carries its own bundle).
   *
   * @default false - one core layer for all the functions
   */
  readonly bundleCore?: boolean;
  /**
   * The size of each job's Fargate task (jobCompute 'fargate' only).
   *
   * @default - 2 vCPU (2048) and 8 GiB (8192)
   */
  readonly jobTaskSize?: JobTaskSize;
  /**
   * The job function's memory in MB, with CPU in proportion (jobCompute 'lambda' only).
   *
   * @default 3008
   */
  readonly jobFunctionMemory?: number;
  /**
   * How long one job may run before its workflow times out and the job is ended CREATE FAILED.
   *
   * @default - 12 hours with Fargate, 20 minutes with Lambda (which stops a job at 15)
   */
  readonly jobTimeout?: Duration;
  /**
   * The VPC of the job tasks (jobCompute 'fargate' only). Tasks run in its public subnets with
   * a public IP; give a VPC whose public subnets suit that.
   *
   * @default - a new VPC with two public subnets and no NAT gateway
   */
  readonly vpc?: IVpc;
  /**
   * Your buckets that jobs read imports from and write exports to, read and written by the
   * job's role. Others can be granted later through `jobPrincipal`.
   *
   * @default - none: jobs reach only Tailor's data bucket
   */
  readonly jobBuckets?: readonly IBucket[];
  /**
   * The roles a job may assume when a request names one as its roleArn, as Personalize assumes
   * it to read imports and write exports in your buckets. A request names a role only if its
   * caller may pass it (iam:PassRole with IAM auth, the key's roles with sigv4; docs/auth.md).
   * Each role must trust the job's role (`jobPrincipal`, the stack's JobRole output) for
   * sts:AssumeRole and sts:TagSession: the job tags its session with the caller.
   *
   * @default - any role of this account; their trust policies decide
   */
  readonly callerRoleArns?: readonly string[];
  /**
   * Where the alarms and every job that ends CREATE FAILED send notice.
   *
   * @default - a topic of its own (`notificationTopic`), encrypted with a key of its own
   */
  readonly alarmTopic?: ITopic;
  /**
   * An address subscribed to the notification topic (it must confirm the subscription).
   *
   * @default - none: subscribe to `notificationTopic` as you like
   */
  readonly notificationEmail?: string;
  /**
   * Quotas changed from Personalize's defaults, such as `{ datasetGroups: 50 }`: the API
   * functions enforce them (docs/quotas.md).
   *
   * @default - Personalize's default quotas
   */
  readonly quotas?: Partial<Quotas>;
  /**
   * The browser console's site: its files in a private bucket behind a CloudFront distribution
   * at `https://<domain>/console/`, and CORS on the API for that origin alone
   * (docs/deploy.md#the-console). Needs the console built first (`npm run build:console`).
   *
   * @default false - no site, and the API answers no browser's preflight
   */
  readonly console?: boolean;
  /**
   * Where the console's built files are (console only).
   *
   * @default - console/dist of this repository, which `npm run build:console` writes
   */
  readonly consoleAssetsDir?: string;
}

const DEFAULT_RATE_LIMIT = 100;
const DEFAULT_BURST_LIMIT = 200;
const DEFAULT_TASK_SIZE: JobTaskSize = { cpu: 2048, memoryMiB: 8192 };
const DEFAULT_JOB_FUNCTION_MEMORY = 3008;
/** A dashboard's name allows no more (`{prefix}-dashboard`). */
const PREFIX = /^[A-Za-z0-9_-]{1,64}$/;
const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384];

export class Tailor extends Construct {
  /** This Tailor's name, as given or derived. */
  readonly prefix: string;
  readonly auth: ApiAuth;
  readonly jobCompute: JobComputeKind;
  /** The endpoint of the Personalize APIs. */
  readonly api: RestApi;
  readonly controlFunction: IFunction;
  readonly eventsFunction: IFunction;
  readonly runtimeFunction: IFunction;
  /** Starts the versions automatic training has due, invoked every 10 minutes by its schedule. */
  readonly scheduledTraining: ScheduledTraining;
  /** The layer the functions load the core from, as `@tailor/core`; none with bundleCore. */
  readonly coreLayer: ILayerVersion | undefined;
  /** One table per entry of TABLES, by definition id (`tables.Metadata`). */
  readonly tables: Readonly<Record<string, Table>>;
  readonly dataBucket: Bucket;
  /** Seals the access keys' secrets (auth 'sigv4'): `npm run keys -- --stack` encrypts with it. */
  readonly secretsKey: IKey | undefined;
  /** One workflow per job kind. */
  readonly stateMachines: Readonly<Record<JobKind, StateMachine>>;
  /** Who jobs run as: grant it your buckets (`bucket.grantRead(tailor.jobPrincipal)`). */
  readonly jobPrincipal: IGrantable;
  readonly alarms: readonly Alarm[];
  /** Where the alarms and failed jobs notify: `alarmTopic`, or one made for it. */
  readonly notificationTopic: ITopic;
  readonly dashboard: Dashboard;
  /** The console site's distribution (console only). */
  readonly consoleDistribution: Distribution | undefined;
  /** Where users open the console, `https://<domain>/console/` (console only). */
  readonly consoleUrl: string | undefined;

  constructor(scope: Construct, id: string, props: TailorProps = {}) {
    super(scope, id);
    const prefix = (this.prefix =
      props.prefix ??
      Names.uniqueResourceName(this, {
        maxLength: 64,
        separator: '-',
        allowedSpecialCharacters: '-',
      }));
    const auth = (this.auth = props.auth ?? 'iam');
    const jobCompute = (this.jobCompute = props.jobCompute ?? 'fargate');
    const rateLimit = props.apiThrottle?.rateLimit ?? DEFAULT_RATE_LIMIT;
    const burstLimit = props.apiThrottle?.burstLimit ?? DEFAULT_BURST_LIMIT;
    const consoleAssetsDir = props.consoleAssetsDir ?? join(ROOT, 'console', 'dist');
    validate(props, prefix, rateLimit, burstLimit, consoleAssetsDir);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;

    const encryptionKey = props.encryptionKey;
    const stores = new Stores(this, 'Stores', {
      removalPolicy,
      ...(encryptionKey ? { encryptionKey } : {}),
    });
    this.tables = stores.tables;
    this.dataBucket = stores.dataBucket;

    // Generated by CloudFormation, so no template or repository holds it. Losing it
    // only invalidates the nextTokens clients hold, hence no retention.
    // Read by each process at run time, so no function's configuration holds it.
    const tokenKey = new Secret(this, 'TokenKey', {
      description: `Seals the nextTokens of Tailor ${prefix}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
      ...(encryptionKey ? { encryptionKey } : {}),
    });
    acknowledge(
      tokenKey,
      'SMG4',
      'The key only seals pagination tokens; rotating it would break every nextToken clients hold, for no gain.',
    );
    const environment = {
      // A token resolved at deploy time, so the stack stays environment-agnostic.
      TAILOR_ACCOUNT: Stack.of(this).account,
      TAILOR_DATA_BUCKET: this.dataBucket.bucketName,
      TAILOR_TOKEN_KEY_SECRET: tokenKey.secretArn,
      ...stores.environmentOf([METADATA_TABLE, EVENTS_TABLE, DATASET_RECORDS_TABLE]),
    } satisfies FunctionEnvironment;

    // Before the functions and the API, which let its origin call them.
    const consoleSite = props.console
      ? new ConsoleSite(this, 'Console', {
          name: prefix,
          assetsDir: consoleAssetsDir,
          removalPolicy,
          logRetention,
        })
      : undefined;
    this.consoleDistribution = consoleSite?.distribution;
    this.consoleUrl = consoleSite?.url;

    // One copy of the core for all the functions below, unless each bundles its own.
    const coreLayer = (this.coreLayer = props.bundleCore
      ? undefined
      : new CoreLayer(this, 'Core').layerVersion);

    // Jobs end in the job tasks and the recorder; each end is announced on the default bus.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    const jobEvents = {
      TAILOR_EVENT_BUS: defaultBus.eventBusName,
      TAILOR_EVENT_PREFIX: prefix,
    } satisfies Partial<FunctionEnvironment>;
    const jobEnvironment = {
      ...environment,
      ...jobEvents,
      TAILOR_ASSUME_CALLER_ROLES: 'true',
    } satisfies Partial<FunctionEnvironment>;
    const compute: JobCompute =
      jobCompute === 'fargate'
        ? new FargateJobCompute(this, 'JobTasks', {
            environment: jobEnvironment,
            logRetention,
            removalPolicy,
            ...(props.jobTaskSize ?? DEFAULT_TASK_SIZE),
            ...(props.vpc ? { vpc: props.vpc } : {}),
          })
        : new LambdaJobCompute(this, 'JobFunction', {
            environment: jobEnvironment,
            logRetention,
            removalPolicy,
            memoryMiB: props.jobFunctionMemory ?? DEFAULT_JOB_FUNCTION_MEMORY,
            coreLayer,
          });
    stores.grantRunJobs(compute.principal);
    tokenKey.grantRead(compute.principal);
    defaultBus.grantPutEventsTo(compute.principal);
    for (const bucket of props.jobBuckets ?? []) grantJobBucket(bucket, compute.principal);
    grantAssumeCallerRoles(
      compute.principal,
      props.callerRoleArns ?? [
        Stack.of(this).formatArn({
          service: 'iam',
          region: '',
          resource: 'role',
          resourceName: '*',
        }),
      ],
    );
    this.jobPrincipal = compute.principal;

    const jobs = new Jobs(this, 'Jobs', {
      compute,
      coreLayer,
      environment: { ...environment, ...jobEvents },
      timeout:
        props.jobTimeout ?? (jobCompute === 'fargate' ? Duration.hours(12) : Duration.minutes(20)),
      logRetention,
      removalPolicy,
    });
    stores.grantRecordJobEnds(jobs.recorder);
    tokenKey.grantRead(jobs.recorder);
    defaultBus.grantPutEventsTo(jobs.recorder);
    this.stateMachines = jobs.stateMachines;

    // sigv4: each API function checks signatures against the AccessKeys table itself, and only
    // they may open its secrets.
    const secretsKey = (this.secretsKey =
      auth === 'sigv4'
        ? (encryptionKey ??
          new Key(this, 'SecretsKey', {
            description: `Seals the access keys' secrets of Tailor ${prefix}`,
            enableKeyRotation: true,
            removalPolicy,
          }))
        : undefined);
    // The API functions and automatic training count the same quotas.
    const quotaEnvironment: Record<string, string> = props.quotas
      ? { TAILOR_QUOTAS: formatQuotas(props.quotas) }
      : {};
    const consoleEnvironment: Record<string, string> = consoleSite
      ? { [CONSOLE_ORIGIN_VARIABLE]: consoleSite.origin }
      : {};
    const apiEnvironment = {
      ...environment,
      ...quotaEnvironment,
      ...consoleEnvironment,
      ...(secretsKey
        ? {
            TAILOR_AUTH: 'sigv4' as const,
            TAILOR_SECRETS_KEY: secretsKey.keyArn,
            ...stores.environmentOf([ACCESS_KEYS_TABLE]),
          }
        : {}),
    } satisfies FunctionEnvironment;
    // Powertools service names (lambdas/shared/handler.ts): each function's folder.
    const apiServices: string[] = [];
    const apiFunction = (
      name: string,
      description: string,
      extra: Record<string, string> = {},
      memorySize?: number,
    ): IFunction => {
      apiServices.push(name.toLowerCase());
      const fn = new TailorFunction(this, name, {
        entry: join(ROOT, 'lambdas', name.toLowerCase(), 'index.ts'),
        coreLayer,
        description,
        environment: { ...apiEnvironment, ...extra },
        logRetention,
        removalPolicy,
        ...(memorySize ? { memorySize } : {}),
      }).function;
      tokenKey.grantRead(fn);
      if (secretsKey) {
        stores.grantLookUpAccessKeys(fn);
        secretsKey.grantDecrypt(fn);
      }
      return fn;
    };

    this.controlFunction = apiFunction(
      'Control',
      'Tailor control plane: the AmazonPersonalize.* operations',
      jobs.launcherEnvironment(),
    );
    stores.grantManageResources(this.controlFunction);
    stores.grantReadModels(this.controlFunction);
    stores.grantDeleteDatasetData(this.controlFunction);
    jobs.grantLaunch(this.controlFunction);
    if (auth === 'iam') grantPassRoleCheck(this.controlFunction);

    this.scheduledTraining = new ScheduledTraining(this, 'ScheduledTraining', {
      coreLayer,
      environment: { ...environment, ...quotaEnvironment },
      stores,
      jobs,
      tokenKey,
      logRetention,
      removalPolicy,
    });

    this.eventsFunction = apiFunction('Events', 'Tailor events: PutEvents, PutUsers, PutItems');
    stores.grantReadResources(this.eventsFunction);
    stores.grantRecordEvents(this.eventsFunction);

    // More memory, hence more CPU: scoring a catalogue is the one CPU-bound request.
    this.runtimeFunction = apiFunction(
      'Runtime',
      'Tailor runtime: GetRecommendations, GetPersonalizedRanking',
      {},
      1024,
    );
    stores.grantReadResources(this.runtimeFunction);
    stores.grantReadEvents(this.runtimeFunction);
    stores.grantReadModels(this.runtimeFunction);

    this.api = new Api(this, 'Api', {
      name: prefix,
      control: this.controlFunction,
      routes: {
        ...routesOf(EVENTS_OPERATIONS, this.eventsFunction),
        ...routesOf(RUNTIME_OPERATIONS, this.runtimeFunction),
      },
      auth,
      rateLimit,
      burstLimit,
      logRetention,
      removalPolicy,
      accessLogs: props.apiAccessLogs ?? true,
      cloudWatchRole: props.apiCloudWatchRole ?? true,
      ...(consoleSite ? { consoleOrigin: consoleSite.origin } : {}),
    }).restApi;
    // Every deployed API checks signatures, whichever auth: the user signs in.
    consoleSite?.publish({
      endpoint: this.api.url,
      region: Stack.of(this).region,
      signIn: true,
      ...(auth === 'iam' ? { signingName: 'execute-api' } : {}),
    });

    const monitoring = new Monitoring(this, 'Monitoring', {
      prefix,
      functions: {
        Control: this.controlFunction,
        Events: this.eventsFunction,
        Runtime: this.runtimeFunction,
        JobRecorder: jobs.recorder,
        ScheduledTraining: this.scheduledTraining.function,
        ...(compute instanceof LambdaJobCompute ? { Jobs: compute.function } : {}),
      },
      api: this.api,
      stateMachines: this.stateMachines,
      apiServices,
      ...(props.alarmTopic ? { topic: props.alarmTopic } : {}),
      ...(props.notificationEmail ? { notificationEmail: props.notificationEmail } : {}),
      ...(encryptionKey ? { encryptionKey } : {}),
    });
    this.alarms = monitoring.alarms;
    this.notificationTopic = monitoring.topic;
    this.dashboard = monitoring.dashboard;

    if (encryptionKey) encryptLogs(this, encryptionKey);
    // Last: every grant is made.
    acknowledgeWildcardGrants(this, [this.dataBucket, ...(props.jobBuckets ?? [])]);
  }
}

/** A user's bucket: imports read from it (list, get), exports written to it. */
function grantJobBucket(bucket: IBucket, grantee: IGrantable): void {
  Grant.addToPrincipal({
    grantee,
    actions: [...BUCKET_LIST_ACTIONS],
    resourceArns: [bucket.bucketArn],
  });
  Grant.addToPrincipal({
    grantee,
    actions: [...OBJECT_READ_ACTIONS, ...OBJECT_WRITE_ACTIONS],
    resourceArns: [bucket.arnForObjects('*')],
  });
}

/** Only in a session tagged with the caller, so each role's CloudTrail names who asked. */
function grantAssumeCallerRoles(grantee: IGrantable, roleArns: readonly string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...ASSUME_ROLE_ACTIONS],
      resources: [...roleArns],
      conditions: { Null: { [`aws:RequestTag/${CALLER_TAG}`]: 'false' } },
    }),
  );
}

/** IAM's answer to "may this caller pass that role?", for the control plane's check. */
function grantPassRoleCheck(grantee: IGrantable): void {
  const iamArn = (resource: string) =>
    Stack.of(grantee.grantPrincipal as unknown as Construct).formatArn({
      service: 'iam',
      region: '',
      resource,
      resourceName: '*',
    });
  Grant.addToPrincipal({
    grantee,
    actions: [...PASS_ROLE_CHECK_ACTIONS],
    resourceArns: [iamArn('role'), iamArn('user')],
  });
}

/**
 * Every log group of the Tailor under the customer key, and the key usable by CloudWatch Logs
 * (a no-op for an imported key, whose policy the caller owns).
 */
function encryptLogs(scope: Construct, key: IKey): void {
  const region = Stack.of(scope).region;
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': Stack.of(scope).formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  Aspects.of(scope).add({
    visit(node) {
      if (node instanceof CfnLogGroup) node.kmsKeyId = key.keyArn;
    },
  });
}

/** Each restJson1 operation's path, served by the function of its API. */
const routesOf = (
  operations: readonly Operation[],
  fn: IFunction,
): Record<`/${string}`, IFunction> =>
  Object.fromEntries(operations.flatMap((op) => (op.route ? [[op.route, fn]] : [])));

/** Collects every problem before throwing; unresolved tokens are left to CloudFormation. */
function validate(
  props: TailorProps,
  prefix: string,
  rateLimit: number,
  burstLimit: number,
  consoleAssetsDir: string,
): void {
  const problems: string[] = [];
  if (!Token.isUnresolved(prefix) && !PREFIX.test(prefix)) {
    problems.push(`prefix must be 1 to 64 letters, digits, '_' or '-', got "${prefix}".`);
  }
  if (!Token.isUnresolved(rateLimit) && !(rateLimit > 0)) {
    problems.push(`apiThrottle.rateLimit must be above 0, got ${rateLimit}.`);
  }
  if (!Token.isUnresolved(burstLimit) && !(Number.isInteger(burstLimit) && burstLimit > 0)) {
    problems.push(`apiThrottle.burstLimit must be a whole number above 0, got ${burstLimit}.`);
  }
  const compute = props.jobCompute ?? 'fargate';
  if (!['fargate', 'lambda'].includes(compute)) {
    problems.push(`jobCompute must be 'fargate' or 'lambda', got "${compute}".`);
  }
  if (props.bundleCore !== undefined && typeof props.bundleCore !== 'boolean') {
    problems.push(`bundleCore must be true or false, got ${JSON.stringify(props.bundleCore)}.`);
  }
  if (props.console !== undefined && typeof props.console !== 'boolean') {
    problems.push(`console must be true or false, got ${JSON.stringify(props.console)}.`);
  }
  if (props.console && !existsSync(join(consoleAssetsDir, 'index.html'))) {
    problems.push(
      `console is on, but ${join(consoleAssetsDir, 'index.html')} is missing: build the console first (npm run build:console).`,
    );
  }
  if (!props.console && props.consoleAssetsDir !== undefined) {
    problems.push('consoleAssetsDir applies to console true only.');
  }
  if (!['iam', 'sigv4'].includes(props.auth ?? 'iam')) {
    problems.push(`auth must be 'iam' or 'sigv4', got "${props.auth}".`);
  }
  if (compute === 'lambda' && (props.jobTaskSize || props.vpc)) {
    problems.push(`jobTaskSize and vpc apply to jobCompute 'fargate', not 'lambda'.`);
  }
  if (compute === 'fargate' && props.jobFunctionMemory !== undefined) {
    problems.push(`jobFunctionMemory applies to jobCompute 'lambda', not 'fargate'.`);
  }
  const cpu = props.jobTaskSize?.cpu;
  if (cpu !== undefined && !Token.isUnresolved(cpu) && !FARGATE_CPU.includes(cpu)) {
    problems.push(`jobTaskSize.cpu must be one of ${FARGATE_CPU.join(', ')}, got ${cpu}.`);
  }
  const memory = props.jobFunctionMemory;
  if (
    memory !== undefined &&
    !Token.isUnresolved(memory) &&
    !(Number.isInteger(memory) && memory >= 128 && memory <= 10240)
  ) {
    problems.push(
      `jobFunctionMemory must be a whole number of MB from 128 to 10240, got ${memory}.`,
    );
  }
  if (props.quotas) {
    try {
      parseQuotas(formatQuotas(props.quotas), 'quotas');
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid Tailor props: ${problems.join(' ')}`);
}
