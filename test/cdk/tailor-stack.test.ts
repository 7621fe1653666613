import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cdkJson from '../../cdk.json';
import { createTableInput } from '../../layers/core/store/dynamodb/tables';
import { JOB_KINDS } from '../../layers/core/store/job-ports';
import {
  ACCESS_KEYS_TABLE,
  DATASET_RECORDS_TABLE,
  EVENTS_TABLE,
  METADATA_TABLE,
  TABLES,
  type TableDefinition,
} from '../../layers/core/store/tables';
import * as core from '@tailor/core';
import type { Operation } from '@tailor/core';
import { CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { CfnTopic, Topic } from 'aws-cdk-lib/aws-sns';
import { STATE_MACHINES_VARIABLE } from '../../layers/core/store/sfn/job-launcher';
import { CORE_PACKAGE, corePackageDir } from '../../lib/core-layer';
import { Tailor } from '../../lib/tailor';
import { TailorStack } from '../../lib/tailor-stack';

/** The app `cdk synth` builds: cdk.json's feature flags, and the real esbuild bundles. */
let stack: TailorStack;
let template: Template;
/** Where that synth wrote the template and the assets. */
let assemblyDir: string;
beforeAll(() => {
  const app = new App({ context: cdkJson.context });
  stack = new TailorStack(app, 'Tailor');
  template = Template.fromStack(stack);
  assemblyDir = app.synth().directory;
});

/** For variations of the props: skipping bundling keeps each synth fast. */
const synthTailor = (props: ConstructorParameters<typeof Tailor>[2] = {}) => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const scratch = new Stack(app, 'Scratch');
  const tailor = new Tailor(scratch, 'Tailor', props);
  return { tailor, template: Template.fromStack(scratch) };
};

const logicalId = (type: string, from: Template = template): string => {
  const ids = Object.keys(from.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

/** The function whose description starts so ("Tailor control plane", "Tailor runtime", ...). */
const functionId = (description: string, from: Template = template): string => {
  const ids = Object.entries(from.findResources('AWS::Lambda::Function'))
    .filter(([, fn]) => String(fn.Properties.Description).startsWith(description))
    .map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

/** The folder the synth staged a function's code or a layer's content in (`asset.<hash>`). */
const assetDir = (id: string): string => {
  const { Properties } = template.toJSON().Resources[id];
  const key: string = (Properties.Code ?? Properties.Content).S3Key;
  return join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
};

/** An export as the layer tests compare it: a list by its items' names, else its typeof. */
const shown = (value: unknown) =>
  Array.isArray(value)
    ? value.map((item: string | Operation) => (typeof item === 'string' ? item : item.name))
    : typeof value;
/** The same, printed by a plain `node` that finds `@tailor/core` on NODE_PATH, as Lambda does. */
const PRINT_EXPORTS = `
  const shown = (value) =>
    Array.isArray(value)
      ? value.map((item) => (typeof item === 'string' ? item : item.name))
      : typeof value;
  const core = require(${JSON.stringify(CORE_PACKAGE)});
  console.log(JSON.stringify(Object.fromEntries(Object.entries(core).map(([k, v]) => [k, shown(v)]))));
`;

/** Tables are named by CloudFormation: found by their construct path (`TailorStoresMetadata…`). */
const tableId = (definition: TableDefinition, from: Template = template) =>
  Object.keys(from.findResources('AWS::DynamoDB::Table')).find((id) =>
    id.startsWith(`TailorStores${definition.id}`),
  )!;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the policies attached to a function's role. */
const statementsOf = (fnId: string, from: Template = template): Statement[] => {
  const roleId =
    from.findResources('AWS::Lambda::Function')[fnId]!.Properties.Role['Fn::GetAtt'][0];
  return Object.values(from.findResources('AWS::IAM::Policy'))
    .filter(
      (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
};

/** The actions a role may take on a table (its ARN or its indexes). */
const actionsOnTable = (statements: Statement[], id: string): string[] =>
  statements
    .filter((statement) => JSON.stringify(statement.Resource).includes(`"${id}"`))
    .flatMap((statement) => [statement.Action].flat());

const WRITES = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|\*)$/;

describe('TailorStack', () => {
  it('builds the metadata table with the keys and indexes the local service creates', () => {
    const local = createTableInput(stack.tailor.prefix, METADATA_TABLE);

    const table = template.findResources('AWS::DynamoDB::Table')[tableId(METADATA_TABLE)]!;

    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      a.AttributeName!.localeCompare(b.AttributeName!);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual(
      [...local.AttributeDefinitions!].sort(byName),
    );
  });

  it('makes one on-demand, recoverable, encrypted table per definition, kept on deletion', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', TABLES.length);
    template.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });

  it('keeps the data bucket private, encrypted, TLS-only and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId('AWS::S3::Bucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('aborts the uploads a dying job leaves in the bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
  });

  it('runs every function on Node.js 22 and arm64, traced, logging to its own group', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));

    // control, events, runtime, the job recorder and automatic training.
    expect(functions).toHaveLength(5);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('shares one core layer, for Node.js 22 on arm64, among all the functions', () => {
    const layer = logicalId('AWS::Lambda::LayerVersion');

    template.hasResourceProperties('AWS::Lambda::LayerVersion', {
      CompatibleRuntimes: ['nodejs22.x'],
      CompatibleArchitectures: ['arm64'],
    });
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Layers).toEqual([{ Ref: layer }]);
    }
  });

  it('builds the layer as the package @tailor/core, which loads with every export and kernel', () => {
    const layerDir = assetDir(logicalId('AWS::Lambda::LayerVersion'));
    const packageDir = corePackageDir(layerDir);

    const loaded = spawnSync(process.execPath, ['-e', PRINT_EXPORTS], {
      env: { PATH: process.env.PATH, NODE_PATH: join(layerDir, 'nodejs', 'node_modules') },
      encoding: 'utf8',
    });

    expect(loaded.stderr).toBe('');
    const expected = Object.fromEntries(Object.entries(core).map(([k, v]) => [k, shown(v)]));
    expect(JSON.parse(loaded.stdout)).toEqual(expected);
    expect(expected).toMatchObject({ contextFromEnv: 'function', createApi: 'function' });
    // Where the trainers look, by their repository folder (lib/bundle-entry.ts).
    const bundle = readFileSync(join(packageDir, 'index.js'), 'utf8');
    const folders = [...bundle.matchAll(/join\(__dirname,"([^"]+)"\)/g)].map((m) => m[1]!);
    expect([...new Set(folders)].sort()).toEqual([
      'layers/core/recipes/ease',
      'layers/core/recipes/ials',
    ]);
    for (const file of [
      'layers/core/recipes/ease/assembly/kernel.wasm',
      'layers/core/recipes/ials/assembly/kernel.wasm',
      'layers/core/recipes/wasm-worker.js',
    ]) {
      expect(existsSync(join(packageDir, file))).toBe(true);
    }
  });

  it("leaves the core and the AWS SDK out of the functions' bundles, to the layer", () => {
    for (const id of Object.keys(template.findResources('AWS::Lambda::Function'))) {
      const bundle = readFileSync(join(assetDir(id), 'index.js'), 'utf8');

      expect(bundle).toContain(`require("${CORE_PACKAGE}")`);
      // Operation names are the core's; the user-agent header, the SDK's.
      expect(bundle).not.toContain('CreateSolutionVersion');
      expect(bundle).not.toContain('x-amz-user-agent');
      // The handler with its middy and Powertools glue (some 165 kB); the core made it 1.5 MB.
      expect(bundle.length).toBeLessThan(300_000);
    }
  });

  it('configures the control function by its environment, with the job state machines', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Tailor control plane'),
      Environment: {
        Variables: {
          TAILOR_ACCOUNT: { Ref: 'AWS::AccountId' },
          // The secret's ARN: each function reads the key at run time.
          TAILOR_TOKEN_KEY_SECRET: { Ref: logicalId('AWS::SecretsManager::Secret') },
          TAILOR_DATA_BUCKET: { Ref: logicalId('AWS::S3::Bucket') },
          TAILOR_METADATA_TABLE: { Ref: tableId(METADATA_TABLE) },
          TAILOR_EVENTS_TABLE: { Ref: tableId(EVENTS_TABLE) },
          TAILOR_DATASET_RECORDS_TABLE: { Ref: tableId(DATASET_RECORDS_TABLE) },
          [STATE_MACHINES_VARIABLE]: Match.anyValue(),
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
    const fn = template.findResources('AWS::Lambda::Function')[functionId('Tailor control plane')]!;
    const machines = JSON.stringify(fn.Properties.Environment.Variables[STATE_MACHINES_VARIABLE]);
    for (const kind of JOB_KINDS) expect(machines).toContain(`\\"${kind}\\":\\"`);
  });

  it('grants the control function the metadata table, model reads, deletes and its executions', () => {
    const statements = statementsOf(functionId('Tailor control plane'));

    expect(actionsOnTable(statements, tableId(METADATA_TABLE))).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']),
    );
    // DeleteDataset empties a dataset's records and its group's events: found, then batch-deleted.
    for (const data of [EVENTS_TABLE, DATASET_RECORDS_TABLE]) {
      expect(actionsOnTable(statements, tableId(data)).sort()).toEqual([
        'dynamodb:BatchWriteItem',
        'dynamodb:Query',
      ]);
    }
    expect(actionsOnTable(statements, tableId(ACCESS_KEYS_TABLE))).toEqual([]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining([
        's3:GetObject',
        's3:ListBucket',
        's3:DeleteObject',
        'states:StartExecution',
        'states:StopExecution',
      ]),
    );
    expect(actions).not.toContain('s3:PutObject');
    for (const action of actions) expect(action).not.toMatch(/\*/);
  });

  it('lets the runtime function read, and never write, the tables and the bucket', () => {
    const statements = statementsOf(functionId('Tailor runtime'));

    for (const table of [METADATA_TABLE, EVENTS_TABLE, DATASET_RECORDS_TABLE]) {
      const actions = actionsOnTable(statements, tableId(table));
      expect(actions).toContain('dynamodb:Query');
      expect(actions.filter((action) => WRITES.test(action))).toEqual([]);
    }
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toContain('s3:GetObject');
    expect(actions.filter((action) => /^s3:(Put|Delete|Abort)/.test(action))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('states:'))).toEqual([]);
  });

  it('lets the events function write events and records and only read the metadata table', () => {
    const statements = statementsOf(functionId('Tailor events'));

    const onMetadata = actionsOnTable(statements, tableId(METADATA_TABLE));
    expect(onMetadata).toContain('dynamodb:GetItem');
    expect(onMetadata.filter((action) => WRITES.test(action))).toEqual([]);
    expect(actionsOnTable(statements, tableId(EVENTS_TABLE))).toContain('dynamodb:BatchWriteItem');
    expect(actionsOnTable(statements, tableId(DATASET_RECORDS_TABLE))).toEqual(
      expect.arrayContaining(['dynamodb:BatchWriteItem']),
    );
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
  });

  it('requires an IAM signature on every API method', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));

    // POST /, the five restJson1 paths, ANY /{proxy+}.
    expect(methods).toHaveLength(7);
    for (const method of methods) expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('routes POST / and unknown paths to control, events and runtime paths to theirs', () => {
    const restApiId = logicalId('AWS::ApiGateway::RestApi');
    const integration = (fnId: string) => ({
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [fnId, 'Arn'] }])] },
    });
    const resourceId = (pathPart: string) =>
      Object.entries(template.findResources('AWS::ApiGateway::Resource')).find(
        ([, resource]) => resource.Properties.PathPart === pathPart,
      )![0];
    const control = functionId('Tailor control plane');

    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: { 'Fn::GetAtt': [restApiId, 'RootResourceId'] },
      Integration: integration(control),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      ResourceId: { Ref: resourceId('{proxy+}') },
      Integration: integration(control),
    });
    for (const [path, description] of [
      ['events', 'Tailor events'],
      ['users', 'Tailor events'],
      ['items', 'Tailor events'],
      ['recommendations', 'Tailor runtime'],
      ['personalize-ranking', 'Tailor runtime'],
    ] as const) {
      template.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: 'POST',
        ResourceId: { Ref: resourceId(path) },
        Integration: integration(functionId(description)),
      });
    }
  });

  it('throttles the API stage and logs its access', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ]),
    });
  });

  it('makes a state machine per job kind, each catching failures into the recorder', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));

    expect(machines).toHaveLength(JOB_KINDS.length);
    for (const machine of machines) {
      const definition = JSON.stringify(machine.Properties.DefinitionString);
      expect(definition).toContain('ecs:runTask.sync');
      expect(definition).toMatch(/\\"Catch\\":\[\{\\"ErrorEquals\\":\[\\"States.ALL\\"\]/);
      expect(definition).toContain(functionId('Tailor jobs: records'));
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL' });
    }
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        detail: Match.objectLike({ status: ['ABORTED', 'TIMED_OUT'] }),
      }),
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('Tailor jobs: records'), 'Arn'] } }),
      ],
    });
  });

  it('runs jobs as arm64 Fargate tasks of 2 vCPU and 8 GiB in public subnets, no NAT', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '2048',
      Memory: '8192',
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
  });

  it('alarms on function errors and throttles, API 5xx and failed workflows', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map(
      (alarm) => `${alarm.Properties.Namespace}/${alarm.Properties.MetricName}`,
    );

    expect(metrics.filter((metric) => metric === 'AWS/Lambda/Errors')).toHaveLength(5);
    expect(metrics.filter((metric) => metric === 'AWS/Lambda/Throttles')).toHaveLength(5);
    expect(metrics).toContain('AWS/ApiGateway/5XXError');
    expect(metrics.filter((metric) => metric === 'AWS/States/ExecutionsFailed')).toHaveLength(
      JOB_KINDS.length,
    );
  });

  it('announces job ends on the default bus, from the job tasks and the recorder only', () => {
    const putters = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        (policy.Properties.PolicyDocument.Statement as Statement[]).some(
          (statement) => statement.Action === 'events:PutEvents',
        ),
      )
      .flatMap((policy) => policy.Properties.Roles as { Ref: string }[])
      .map((role) => role.Ref);
    const taskRole = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0]!
      .Properties.TaskRoleArn['Fn::GetAtt'][0];
    const recorderRole =
      template.findResources('AWS::Lambda::Function')[functionId('Tailor jobs: records')]!
        .Properties.Role['Fn::GetAtt'][0];

    expect(putters.sort()).toEqual([taskRole, recorderRole].sort());
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: 'events:PutEvents',
            Resource: {
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':event-bus/default$')])],
            },
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Tailor jobs: records'),
      Environment: {
        Variables: Match.objectLike({
          TAILOR_EVENT_BUS: 'default',
          TAILOR_EVENT_PREFIX: stack.tailor.prefix,
        }),
      },
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([{ Name: 'TAILOR_EVENT_BUS', Value: 'default' }]),
        }),
      ],
    });
  });

  it('notifies an encrypted topic of every alarm and of each job that ends CREATE FAILED', () => {
    const topic = logicalId('AWS::SNS::Topic');
    const key = logicalId('AWS::KMS::Key');

    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyPolicy = JSON.stringify(
      template.findResources('AWS::KMS::Key')[key]!.Properties.KeyPolicy,
    );
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    expect(keyPolicy).toContain('events.amazonaws.com');
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    }
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['tailor'],
        'detail-type': ['Tailor Job State Change'],
        account: [{ Ref: 'AWS::AccountId' }],
        detail: { status: ['CREATE FAILED'], prefix: [stack.tailor.prefix] },
      },
      Targets: [
        Match.objectLike({
          Arn: { Ref: topic },
          InputTransformer: {
            InputPathsMap: {
              'detail-kind': '$.detail.kind',
              'detail-resourceArn': '$.detail.resourceArn',
              'detail-failureReason': '$.detail.failureReason',
            },
            InputTemplate: Match.stringLikeRegexp(
              'the <detail-kind> job <detail-resourceArn> ended CREATE FAILED: <detail-failureReason>',
            ),
          },
        }),
      ],
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('draws one dashboard of the API, the functions, the job workflows and Tailor metrics', () => {
    const body = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties
        .DashboardBody,
    );

    for (const metric of [
      'AWS/ApiGateway\\",\\"Count',
      'AWS/ApiGateway\\",\\"Latency',
      'AWS/ApiGateway\\",\\"4XXError',
      'AWS/ApiGateway\\",\\"5XXError',
      'AWS/States\\",\\"ExecutionTime',
      'AWS/States\\",\\"ExecutionsFailed',
      'AWS/Events\\",\\"TriggeredRules',
      'Tailor\\",\\"ClientErrors\\",\\"service\\",\\"control',
      'Tailor\\",\\"Faults\\",\\"service\\",\\"runtime',
    ]) {
      expect(body).toContain(metric);
    }
    expect(body).toContain('p50');
    expect(body).toContain('p99');
    for (const metric of ['Errors', 'Duration', 'Throttles']) {
      // One line per function: control, events, runtime, the recorder, automatic training.
      expect(body.split(`AWS/Lambda\\",\\"${metric}`)).toHaveLength(6);
    }
    expect(body.split('AWS/States\\",\\"ExecutionTime').length - 1).toBe(JOB_KINDS.length);
  });

  it('invokes the automatic training function hourly, from a role that may invoke only it', () => {
    const fnId = functionId('Tailor automatic training');
    const scheduleId = logicalId('AWS::Scheduler::Schedule');
    const schedule = template.findResources('AWS::Scheduler::Schedule')[scheduleId]!;
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const role = template.findResources('AWS::IAM::Role')[roleId]!;

    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(10 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } },
    });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    expect(role.Properties.Policies).toEqual([
      {
        PolicyName: 'Invoke',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: { 'Fn::GetAtt': [fnId, 'Arn'] },
            },
          ],
        },
      },
    ]);
    const attached = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`),
    );
    expect(attached).toEqual([]);
  });

  it('lets the automatic training function start versions as the control plane does, and no more', () => {
    const fnId = functionId('Tailor automatic training');
    const statements = statementsOf(fnId);
    const fn = template.findResources('AWS::Lambda::Function')[fnId]!;

    expect(fn.Properties.Environment.Variables).toMatchObject({
      TAILOR_METADATA_TABLE: { Ref: tableId(METADATA_TABLE) },
      [STATE_MACHINES_VARIABLE]: expect.anything(),
    });
    expect(actionsOnTable(statements, tableId(METADATA_TABLE)).sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ].sort(),
    );
    for (const data of [EVENTS_TABLE, DATASET_RECORDS_TABLE, ACCESS_KEYS_TABLE]) {
      expect(actionsOnTable(statements, tableId(data))).toEqual([]);
    }
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['states:StartExecution', 'secretsmanager:GetSecretValue']),
    );
    expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
    for (const action of actions) expect(action).not.toMatch(/\*/);
  });

  it('outputs the API URL, the bucket and the table names', () => {
    template.hasOutput('ApiUrl', {
      Value: {
        'Fn::Join': [
          '',
          Match.arrayWith([{ Ref: logicalId('AWS::ApiGateway::RestApi') }, '.execute-api.']),
        ],
      },
    });
    template.hasOutput('DataBucket', { Value: { Ref: logicalId('AWS::S3::Bucket') } });
    template.hasOutput('Prefix', { Value: stack.tailor.prefix });
    template.hasOutput('Auth', { Value: 'iam' });
    template.hasOutput('NotificationTopic', { Value: { Ref: logicalId('AWS::SNS::Topic') } });
    template.hasOutput('Dashboard', { Value: { Ref: logicalId('AWS::CloudWatch::Dashboard') } });
  });
});

describe('a first deployment, secure by default', () => {
  const variablesOf = (from: Template): Record<string, unknown>[] => [
    ...Object.values(from.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties.Environment?.Variables ?? {},
    ),
    ...Object.values(from.findResources('AWS::ECS::TaskDefinition')).flatMap((task) =>
      (
        task.Properties.ContainerDefinitions as {
          Environment?: { Name: string; Value: unknown }[];
        }[]
      ).map((container) =>
        Object.fromEntries((container.Environment ?? []).map((entry) => [entry.Name, entry.Value])),
      ),
    ),
  ];

  it('puts no secret in any environment: the token key is read from Secrets Manager', () => {
    const secret = logicalId('AWS::SecretsManager::Secret');
    for (const variables of variablesOf(template)) {
      expect(Object.keys(variables)).not.toContain('TAILOR_TOKEN_KEY');
      expect(variables.TAILOR_TOKEN_KEY_SECRET).toEqual({ Ref: secret });
    }
    template.resourcePropertiesCountIs(
      'AWS::ECS::TaskDefinition',
      { ContainerDefinitions: [Match.objectLike({ Secrets: Match.anyValue() })] },
      0,
    );
    for (const description of ['Tailor control plane', 'Tailor events', 'Tailor runtime']) {
      expect(statementsOf(functionId(description))).toContainEqual(
        expect.objectContaining({
          Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          Resource: { Ref: secret },
        }),
      );
    }
  });

  it('lets the recorder read and update job records only: no other table, no bucket', () => {
    const statements = statementsOf(functionId('Tailor jobs: records'));

    expect(actionsOnTable(statements, tableId(METADATA_TABLE)).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    for (const table of [EVENTS_TABLE, DATASET_RECORDS_TABLE, ACCESS_KEYS_TABLE]) {
      expect(actionsOnTable(statements, tableId(table))).toEqual([]);
    }
    expect(JSON.stringify(statements)).not.toContain('s3:');
  });

  it("sets the account's API Gateway CloudWatch role, retained, so the logged stage deploys", () => {
    const account = template.findResources('AWS::ApiGateway::Account');
    expect(Object.values(account)).toEqual([
      expect.objectContaining({
        DeletionPolicy: 'Retain',
        Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      }),
    ]);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('leaves the account role alone, or logs no access, when asked', () => {
    const noRole = synthTailor({ apiCloudWatchRole: false }).template;
    noRole.resourceCountIs('AWS::ApiGateway::Account', 0);
    const noLogs = synthTailor({ apiAccessLogs: false, apiCloudWatchRole: false }).template;
    noLogs.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: Match.absent(),
    });
  });

  it("checks an IAM caller's iam:PassRole with IAM's policy simulator, from the control plane only", () => {
    const control = statementsOf(functionId('Tailor control plane'));
    expect(control).toContainEqual(
      expect.objectContaining({
        Action: ['iam:GetRole', 'iam:SimulatePrincipalPolicy'],
      }),
    );
    for (const description of ['Tailor events', 'Tailor runtime', 'Tailor jobs: records']) {
      expect(JSON.stringify(statementsOf(functionId(description)))).not.toContain('iam:');
    }
  });

  it('with auth sigv4, seals key secrets with a KMS key only the API functions may decrypt with', () => {
    const { template: signed } = synthTailor({ auth: 'sigv4' });
    const [key] = Object.keys(
      signed.findResources('AWS::KMS::Key', {
        Properties: { Description: Match.stringLikeRegexp('access keys') },
      }),
    );
    const keyArn = { 'Fn::GetAtt': [key!, 'Arn'] };
    for (const description of ['Tailor control plane', 'Tailor events', 'Tailor runtime']) {
      const id = functionId(description, signed);
      const variables =
        signed.findResources('AWS::Lambda::Function')[id]!.Properties.Environment.Variables;
      expect(variables.TAILOR_SECRETS_KEY).toEqual(keyArn);
      expect(variables.TAILOR_ACCESS_KEYS_TABLE).toEqual({
        Ref: tableId(ACCESS_KEYS_TABLE, signed),
      });
      expect(statementsOf(id, signed)).toContainEqual(
        expect.objectContaining({ Action: 'kms:Decrypt', Resource: keyArn }),
      );
      // sigv4 callers pass the roles their key names: IAM is not asked.
      expect(JSON.stringify(statementsOf(id, signed))).not.toContain('iam:Simulate');
    }
    const recorder = statementsOf(functionId('Tailor jobs: records', signed), signed);
    expect(JSON.stringify(recorder)).not.toContain(key!);
  });

  it('encrypts tables, bucket, secrets, logs and topic with a given customer-managed key', () => {
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const scratch = new Stack(app, 'Scratch');
    const key = new Key(scratch, 'Key');
    new Tailor(scratch, 'Tailor', { encryptionKey: key, auth: 'sigv4' });
    const keyed = Template.fromStack(scratch);
    const keyArn = { 'Fn::GetAtt': [scratch.getLogicalId(key.node.defaultChild as CfnKey), 'Arn'] };

    for (const table of Object.values(keyed.findResources('AWS::DynamoDB::Table'))) {
      expect(table.Properties.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: keyArn,
      });
    }
    keyed.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
          },
        ],
      },
    });
    keyed.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: keyArn });
    for (const group of Object.values(keyed.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.KmsKeyId).toEqual(keyArn);
    }
    keyed.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    // One key for everything: no key of Tailor's own.
    keyed.resourceCountIs('AWS::KMS::Key', 1);
    keyed.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: {
              Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
            },
          }),
        ]),
      },
    });
  });
});

describe('Tailor props', () => {
  it('names the API and dashboard with the given prefix, and nothing a re-deployment could collide with', () => {
    const { template } = synthTailor({ prefix: 'shop-recs' });

    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'shop-recs' });
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'shop-recs-dashboard',
    });
    for (const type of ['AWS::DynamoDB::Table', 'AWS::StepFunctions::StateMachine']) {
      for (const resource of Object.values(template.findResources(type))) {
        expect(
          resource.Properties.TableName ?? resource.Properties.StateMachineName,
        ).toBeUndefined();
      }
    }
    // The workflows' log group: a new name for each stack created, from the stack's own ID.
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: {
        'Fn::Join': [
          '',
          [
            Match.stringLikeRegexp('^/aws/vendedlogs/states/ScratchTailorJobs[0-9A-F]+-$'),
            Match.objectLike({ 'Fn::Select': Match.anyValue() }),
          ],
        ],
      },
    });
  });

  it('derives a different prefix for each Tailor in a stack', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const scratch = new Stack(app, 'Scratch');

    const one = new Tailor(scratch, 'One', { jobCompute: 'lambda' });
    const two = new Tailor(scratch, 'Two', { jobCompute: 'lambda' });

    expect(one.prefix).not.toBe(two.prefix);
  });

  it('gives each Tailor in a stack its own core layer', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const scratch = new Stack(app, 'Scratch');
    new Tailor(scratch, 'One', { jobCompute: 'lambda' });
    new Tailor(scratch, 'Two', { jobCompute: 'lambda' });

    const template = Template.fromStack(scratch);

    template.resourceCountIs('AWS::Lambda::LayerVersion', 2);
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'));
    for (const tailor of ['One', 'Two']) {
      // Logical IDs start with the construct's path under the stack.
      const [layer, ...others] = Object.keys(
        template.findResources('AWS::Lambda::LayerVersion'),
      ).filter((id) => id.startsWith(tailor));
      expect(others).toEqual([]);
      const own = functions.filter(([id]) => id.startsWith(tailor));
      expect(own).toHaveLength(6);
      for (const [, fn] of own) expect(fn.Properties.Layers).toEqual([{ Ref: layer }]);
    }
  });

  it('removes the stores and logs with the stack when removalPolicy is DESTROY', () => {
    const { template } = synthTailor({ removalPolicy: RemovalPolicy.DESTROY });

    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      template.allResources(type, { DeletionPolicy: 'Delete' });
    }
  });

  it('applies the given API throttle, defaulting the field left out', () => {
    const { template } = synthTailor({ apiThrottle: { rateLimit: 5 } });

    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 200 })],
    });
  });

  it('with auth sigv4, opens the methods and has the functions check signatures themselves', () => {
    const { tailor, template } = synthTailor({ auth: 'sigv4', prefix: 'signed' });

    for (const method of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
    }
    const accessKeys = tableId(ACCESS_KEYS_TABLE, template);
    for (const description of ['Tailor control plane', 'Tailor events', 'Tailor runtime']) {
      const id = functionId(description, template);
      const fn = template.findResources('AWS::Lambda::Function')[id]!;
      expect(fn.Properties.Environment.Variables.TAILOR_AUTH).toBe('sigv4');
      expect(actionsOnTable(statementsOf(id, template), accessKeys)).toEqual(['dynamodb:GetItem']);
    }
    const recorder = functionId('Tailor jobs: records', template);
    expect(actionsOnTable(statementsOf(recorder, template), accessKeys)).toEqual([]);
    expect(tailor.auth).toBe('sigv4');
  });

  it('with IAM auth, gives no function the access keys', () => {
    const { template } = synthTailor({ prefix: 'iam' });
    const accessKeys = tableId(ACCESS_KEYS_TABLE, template);

    for (const id of Object.keys(template.findResources('AWS::Lambda::Function'))) {
      expect(actionsOnTable(statementsOf(id, template), accessKeys)).toEqual([]);
    }
  });

  it('with jobCompute lambda, runs jobs in a function and builds no VPC or cluster', () => {
    const { template } = synthTailor({ jobCompute: 'lambda', jobFunctionMemory: 4096 });

    template.resourceCountIs('AWS::ECS::Cluster', 0);
    template.resourceCountIs('AWS::EC2::VPC', 0);
    const jobs = functionId('Tailor jobs: imports', template);
    // The trainers and their kernels come from the core layer (lib/bundle-entry.ts builds it).
    expect(template.toJSON().Resources[jobs].Properties.Layers).toEqual([
      { Ref: logicalId('AWS::Lambda::LayerVersion', template) },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Tailor jobs: imports'),
      MemorySize: 4096,
      Timeout: 900,
    });
    for (const machine of Object.values(
      template.findResources('AWS::StepFunctions::StateMachine'),
    )) {
      const definition = JSON.stringify(machine.Properties.DefinitionString);
      expect(definition).toContain('lambda:invoke');
      expect(definition).toContain(jobs);
      expect(definition).not.toContain('ecs:runTask');
    }
  });

  it('lets jobs assume the roleArn a request names, any of the account by default or those given', () => {
    const { template } = synthTailor({ jobCompute: 'lambda' });
    const jobs = functionId('Tailor jobs: imports', template);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Tailor jobs: imports'),
      Environment: {
        Variables: Match.objectLike({ TAILOR_ASSUME_CALLER_ROLES: 'true' }),
      },
    });
    const assumes = (from: Template, id: string) =>
      statementsOf(id, from).filter((statement) =>
        [statement.Action].flat().includes('sts:AssumeRole'),
      );
    expect(JSON.stringify(assumes(template, jobs).map((s) => s.Resource))).toMatch(
      /:iam::",\{"Ref":"AWS::AccountId"\},":role\/\*"/,
    );
    // No API function assumes roles: only jobs reach the caller's buckets.
    for (const api of ['Tailor control plane', 'Tailor runtime', 'Tailor events']) {
      expect(assumes(template, functionId(api, template))).toEqual([]);
    }

    const role = 'arn:aws:iam::123456789012:role/personalize-data';
    const given = synthTailor({ jobCompute: 'lambda', callerRoleArns: [role] }).template;
    expect(assumes(given, functionId('Tailor jobs: imports', given))).toEqual([
      expect.objectContaining({ Effect: 'Allow', Resource: role }),
    ]);
    // Only in a session tagged with who asked for the job.
    for (const statement of assumes(template, jobs)) {
      expect(statement).toMatchObject({
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { Null: { 'aws:RequestTag/tailor:caller': 'false' } },
      });
    }
  });

  it('subscribes the notification email, to the topic given when there is one', () => {
    const own = synthTailor({ notificationEmail: 'ops@example.com' }).template;
    own.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: logicalId('AWS::SNS::Topic', own) },
    });

    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const scratch = new Stack(app, 'Scratch');
    const pager = new Topic(scratch, 'Pager');
    const tailor = new Tailor(scratch, 'Tailor', {
      alarmTopic: pager,
      notificationEmail: 'ops@example.com',
    });
    const given = Template.fromStack(scratch);

    expect(tailor.notificationTopic).toBe(pager);
    given.resourceCountIs('AWS::SNS::Topic', 1);
    given.resourceCountIs('AWS::KMS::Key', 0);
    const pagerRef = { Ref: scratch.getLogicalId(pager.node.defaultChild as CfnTopic) };
    given.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: pagerRef });
    for (const alarm of Object.values(given.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([pagerRef]);
    }
    given.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: pagerRef })],
    });
  });

  it('sizes the job tasks as given', () => {
    const { template } = synthTailor({ jobTaskSize: { cpu: 4096, memoryMiB: 16384 } });

    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '4096', Memory: '16384' });
  });

  it('fails on a prefix that cannot name a dashboard', () => {
    expect(() => synthTailor({ prefix: 'my shop' })).toThrow(
      `prefix must be 1 to 64 letters, digits, '_' or '-', got "my shop".`,
    );
  });

  it('fails on a throttle that is not positive, naming both limits', () => {
    expect(() => synthTailor({ apiThrottle: { rateLimit: 0, burstLimit: 1.5 } })).toThrow(
      /rateLimit must be above 0, got 0\..*burstLimit must be a whole number above 0, got 1\.5\./,
    );
  });

  it('fails on Fargate settings given with Lambda job compute, and on a bad task size', () => {
    expect(() =>
      synthTailor({ jobCompute: 'lambda', jobTaskSize: { cpu: 1024, memoryMiB: 2048 } }),
    ).toThrow(/jobTaskSize and vpc apply to jobCompute 'fargate'/);
    expect(() => synthTailor({ jobTaskSize: { cpu: 3000, memoryMiB: 2048 } })).toThrow(
      /jobTaskSize.cpu must be one of .*, got 3000\./,
    );
  });
});
