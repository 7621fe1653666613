/**
 * The `bundleCore` build (`npm run deploy:localstack`), whose functions carry the core
 * themselves because LocalStack Community does not mount layers: synthesized for real, each
 * function's asset copied out of the repository and run by a bare `node` with no layer and no
 * node_modules to find, against dynalite and s3rver, through a demo's whole flow.
 *
 * Step Functions is the one service not run: a stand-in answers the control function's
 * StartExecution and hands the input to the job function, as the workflow's "Run job" state
 * does (the workflows themselves run in test/cdk/state-machines.test.ts).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { App } from 'aws-cdk-lib';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import cdkJson from '../../cdk.json';
import { tableName, TABLES } from '../../layers/core/store/tables';
import { TailorStack } from '../../lib/tailor-stack';
import {
  startDynamoDb,
  startS3,
  STORE_CREDENTIALS,
  type LocalDynamoDb,
  type LocalS3,
} from '../helpers/local-stores';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';
import { twoTastesCsv } from '../helpers/training';

const PREFIX = 'bundled';
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const DATA_BUCKET = 'tailor-data';
const USER_BUCKET = 'user-data';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

/**
 * A template value as it would be deployed here: pseudo parameters, table and state machine
 * names, the data bucket. Anything else (a secret, the event bus) is left out.
 */
function resolve(value: unknown, resources: Record<string, Resource>): string | undefined {
  if (typeof value === 'string') return value;
  const { Ref, 'Fn::Join': join } = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (Ref === 'AWS::AccountId') return ACCOUNT;
  if (Ref === 'AWS::Region') return REGION;
  if (Ref === 'AWS::Partition') return 'aws';
  const resource = Ref ? resources[Ref] : undefined;
  if (resource?.Type === 'AWS::DynamoDB::Table') {
    // Named by CloudFormation there; here, the tables startDynamoDb made, by definition id.
    const definition = TABLES.find((table) => Ref!.startsWith(`TailorStores${table.id}`));
    return definition && tableName(PREFIX, definition);
  }
  if (resource?.Type === 'AWS::S3::Bucket') return DATA_BUCKET;
  if (resource?.Type === 'AWS::StepFunctions::StateMachine') {
    return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${Ref}`;
  }
  if (join) {
    const parts = join[1].map((part) => resolve(part, resources));
    return parts.every((part) => part !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

/** A function as Lambda would run it: its asset alone, in a process of its own. */
class BareFunction {
  private readonly child: ChildProcess;
  private readonly pending = new Map<
    string,
    (reply: { result?: unknown; error?: string }) => void
  >();
  readonly log: string[] = [];

  constructor(dir: string, env: Record<string, string>) {
    // The handler's answers go out on fd 3: Powertools logs to stdout.
    writeFileSync(
      join(dir, '..', 'runtime.js'),
      `const { handler } = require(process.argv[2]);
      const out = require('node:fs').createWriteStream(null, { fd: 3 });
      require('node:readline').createInterface({ input: process.stdin }).on('line', async (line) => {
        const { id, event, context } = JSON.parse(line);
        const reply = await Promise.resolve(
          handler(event, { ...context, getRemainingTimeInMillis: () => 60000 }),
        ).then((result) => ({ id, result: result ?? null }), (error) => ({ id, error: String(error.stack ?? error) }));
        out.write(JSON.stringify(reply) + '\\n');
      });`,
    );
    this.child = spawn(process.execPath, [join(dir, '..', 'runtime.js'), join(dir, 'index.js')], {
      cwd: dir,
      // No NODE_PATH and a folder outside the repository: nothing but the asset to require.
      env: { ...env, NODE_PATH: '' },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.log.push(line));
    }
    createInterface({ input: this.child.stdio[3] as Readable }).on('line', (line) => {
      const reply = JSON.parse(line) as { id: string; result?: unknown; error?: string };
      this.pending.get(reply.id)?.(reply);
    });
  }

  invoke<T>(event: unknown): Promise<T> {
    const id = randomUUID();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, ({ result, error }) => {
        this.pending.delete(id);
        if (error) reject(new Error(`${error}\n${this.log.slice(-20).join('\n')}`));
        else resolve(result as T);
      });
      const context = { awsRequestId: id, functionName: 'tailor', memoryLimitInMB: '1024' };
      this.child.stdin!.write(`${JSON.stringify({ id, event, context })}\n`);
    });
  }

  stop(): void {
    this.child.kill();
  }
}

/** A REST API proxy event as API Gateway sends it. */
const proxyEvent = (
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): APIGatewayProxyEvent => ({
  resource: path,
  path,
  httpMethod: 'POST',
  headers,
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: { stage: 'prod', path: `/prod${path}` } as APIGatewayProxyEvent['requestContext'],
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

let outdir: string;
let dynamo: LocalDynamoDb;
let s3: LocalS3;
let stepFunctions: Server;
/** The inputs of the executions the control function started. */
const started: { kind: string; arn: string }[] = [];
const functions: Record<string, BareFunction> = {};

/** The function whose description starts so, e.g. "Tailor runtime". */
const DESCRIPTIONS = {
  control: 'Tailor control plane',
  events: 'Tailor events',
  runtime: 'Tailor runtime',
  job: 'Tailor jobs: imports',
  recorder: 'Tailor jobs: records',
};

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'tailor-bundled-core-'));
  const app = new App({ context: cdkJson.context, outdir: join(outdir, 'cdk.out') });
  new TailorStack(app, 'Tailor', {
    tailor: { prefix: PREFIX, bundleCore: true, jobCompute: 'lambda' },
  });
  const { Resources } = app.synth().getStackByName('Tailor').template as {
    Resources: Record<string, Resource>;
  };
  expect(Object.values(Resources).map((r) => r.Type)).not.toContain('AWS::Lambda::LayerVersion');

  [dynamo, s3] = await Promise.all([
    startDynamoDb(PREFIX, REGION),
    startS3([DATA_BUCKET, USER_BUCKET]),
  ]);
  stepFunctions = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { name, input, stateMachineArn } = JSON.parse(body) as Record<string, string>;
      started.push(JSON.parse(input!) as { kind: string; arn: string });
      response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
      response.end(
        JSON.stringify({
          executionArn: `${stateMachineArn!.replace(':stateMachine:', ':execution:')}:${name}`,
          startDate: Date.now() / 1000,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => stepFunctions.listen(0, '127.0.0.1', resolve));

  const local = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const endpoints = {
    AWS_ACCESS_KEY_ID: STORE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: STORE_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(stepFunctions.address() as AddressInfo).port}`,
    // The secret the stack names is Secrets Manager's; outside AWS the key is given directly.
    TAILOR_TOKEN_KEY: 'bundled-core-test',
  };
  for (const [name, description] of Object.entries(DESCRIPTIONS)) {
    const [fn] = Object.values(Resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' &&
        String(r.Properties.Description).startsWith(description),
    );
    expect(fn!.Properties.Layers ?? []).toEqual([]);
    const { S3Key } = fn!.Properties.Code as { S3Key: string };
    // Out of the repository, so no node_modules above it.
    const dir = join(outdir, name, 'task');
    cpSync(join(outdir, 'cdk.out', `asset.${S3Key.replace(/\.zip$/, '')}`), dir, {
      recursive: true,
    });
    const { Variables } = fn!.Properties.Environment as { Variables: Record<string, unknown> };
    const env = Object.fromEntries(
      Object.entries(Variables).flatMap(([key, value]) => {
        const resolved = resolve(value, Resources);
        // No EventBridge here: without a bus, jobs log their ends instead.
        return resolved === undefined || key === 'TAILOR_EVENT_BUS' ? [] : [[key, resolved]];
      }),
    );
    functions[name] = new BareFunction(dir, { ...local, ...env, ...endpoints });
  }
}, 120_000);

afterAll(async () => {
  for (const fn of Object.values(functions)) fn.stop();
  await Promise.all([
    dynamo?.stop(),
    s3?.stop(),
    new Promise((resolve) => stepFunctions?.close(resolve)),
  ]);
  rmSync(outdir, { recursive: true, force: true });
});

/** A control-plane call through the control function; throws on an error answer. */
async function control<T = Record<string, string>>(operation: string, input: unknown): Promise<T> {
  const response = await functions.control!.invoke<APIGatewayProxyResult>(
    proxyEvent('/', input, {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AmazonPersonalize.${operation}`,
    }),
  );
  if (response.statusCode !== 200) throw new Error(`${operation}: ${response.body}`);
  return JSON.parse(response.body) as T;
}

/** Runs the job the control function last started, in the job function, as the workflow does. */
async function runStartedJob(arn: string): Promise<void> {
  const input = started.find((job) => job.arn === arn);
  expect(input).toBeDefined();
  await functions.job!.invoke(input);
}

it('runs a demo from the bundles alone: import, train, serve, record events', async () => {
  const { datasetGroupArn } = await control('CreateDatasetGroup', { name: 'demo' });
  const { schemaArn } = await control('CreateSchema', {
    name: 'demo-interactions',
    schema: INTERACTIONS_SCHEMA,
  });
  const { datasetArn } = await control('CreateDataset', {
    name: 'demo-interactions',
    datasetGroupArn,
    schemaArn,
    datasetType: 'Interactions',
  });

  const client = new S3Client({
    endpoint: s3.endpoint,
    region: REGION,
    credentials: STORE_CREDENTIALS,
    forcePathStyle: true,
  });
  await client.send(
    new PutObjectCommand({ Bucket: USER_BUCKET, Key: 'demo.csv', Body: twoTastesCsv() }),
  );
  client.destroy();
  const { datasetImportJobArn } = await control('CreateDatasetImportJob', {
    jobName: 'demo-import',
    datasetArn,
    // No roleArn: the job reads the bucket as its own role, as s3rver has no IAM to assume.
    dataSource: { dataLocation: `s3://${USER_BUCKET}/demo.csv` },
  });
  await runStartedJob(datasetImportJobArn!);
  const { datasetImportJob } = await control<{ datasetImportJob: Record<string, string> }>(
    'DescribeDatasetImportJob',
    { datasetImportJobArn },
  );
  expect(datasetImportJob).toMatchObject({ status: 'ACTIVE' });

  // iALS: its WebAssembly kernel on worker threads, both read from the bundle's own folders.
  const { solutionArn } = await control('CreateSolution', {
    name: 'demo-solution',
    datasetGroupArn,
    recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
  });
  const { solutionVersionArn } = await control('CreateSolutionVersion', { solutionArn });
  await runStartedJob(solutionVersionArn!);
  const { solutionVersion } = await control<{ solutionVersion: Record<string, string> }>(
    'DescribeSolutionVersion',
    { solutionVersionArn },
  );
  expect(solutionVersion).toMatchObject({ status: 'ACTIVE' });

  const { campaignArn } = await control('CreateCampaign', {
    name: 'demo-campaign',
    solutionVersionArn,
  });
  const recommended = await functions.runtime!.invoke<APIGatewayProxyResult>(
    proxyEvent('/recommendations', { campaignArn, userId: 'a-user-1', numResults: 5 }),
  );
  expect(recommended.statusCode).toBe(200);
  const { itemList } = JSON.parse(recommended.body) as { itemList: { itemId: string }[] };
  expect(itemList.map((item) => item.itemId[0])).toEqual(['a', 'a', 'a', 'a', 'a']);

  const { trackingId } = await control('CreateEventTracker', {
    name: 'demo-tracker',
    datasetGroupArn,
  });
  const put = await functions.events!.invoke<APIGatewayProxyResult>(
    proxyEvent('/events', {
      trackingId,
      sessionId: 's1',
      userId: 'a-user-1',
      eventList: [{ eventType: 'click', itemId: 'b-item-1', sentAt: 1_700_100_000 }],
    }),
  );
  expect(put.statusCode).toBe(200);
}, 60_000);

it('records a job its workflow abandoned, in the recorder', async () => {
  const { datasetGroupArn } = await control('CreateDatasetGroup', { name: 'abandoned' });
  const { solutionArn } = await control('CreateSolution', {
    name: 'abandoned-solution',
    datasetGroupArn,
    recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
  });
  const { solutionVersionArn } = await control('CreateSolutionVersion', { solutionArn });

  await functions.recorder!.invoke({
    kind: 'training',
    arn: solutionVersionArn,
    error: { Error: 'States.Timeout', Cause: 'The task timed out.' },
  });

  const { solutionVersion } = await control<{ solutionVersion: Record<string, string> }>(
    'DescribeSolutionVersion',
    { solutionVersionArn },
  );
  expect(solutionVersion).toMatchObject({
    status: 'CREATE FAILED',
    failureReason: expect.stringContaining('States.Timeout'),
  });
});
