import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { createTableInput } from '../../layers/core/store/dynamodb/tables';
import { METADATA_TABLE, tableName, TABLES } from '../../layers/core/store/tables';
import { Tailor } from '../../lib/tailor';
import { TailorStack } from '../../lib/tailor-stack';

/** The app `cdk synth` builds: cdk.json's feature flags, and the real esbuild bundle. */
let stack: TailorStack;
let template: Template;
beforeAll(() => {
  stack = new TailorStack(new App({ context: cdkJson.context }), 'Tailor');
  template = Template.fromStack(stack);
});

/** For variations of the props: skipping bundling keeps each synth fast. */
const synthTailor = (props: ConstructorParameters<typeof Tailor>[2] = {}) => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const scratch = new Stack(app, 'Scratch');
  const tailor = new Tailor(scratch, 'Tailor', props);
  return { tailor, template: Template.fromStack(scratch) };
};

const logicalId = (type: string): string => {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

describe('TailorStack', () => {
  it('builds the metadata table with the keys and indexes the local service creates', () => {
    const local = createTableInput(stack.tailor.prefix, METADATA_TABLE);

    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));

    expect(table.Properties.TableName).toBe(tableName(stack.tailor.prefix, METADATA_TABLE));
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

  it('runs the control function on Node.js 22 and arm64, configured by its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: {
          TAILOR_PREFIX: stack.tailor.prefix,
          TAILOR_ACCOUNT: { Ref: 'AWS::AccountId' },
          TAILOR_TOKEN_KEY: {
            'Fn::Join': ['', Match.arrayWith([{ Ref: logicalId('AWS::SecretsManager::Secret') }])],
          },
          TAILOR_DATA_BUCKET: { Ref: logicalId('AWS::S3::Bucket') },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
      LoggingConfig: { LogGroup: { Ref: logicalId('AWS::Logs::LogGroup') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('grants the control function DynamoDB actions on the metadata table and nothing else', () => {
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const [metadataTableId] = Object.entries(template.findResources('AWS::DynamoDB::Table')).find(
      ([, table]) => table.Properties.TableName === tableName(stack.tailor.prefix, METADATA_TABLE),
    )!;
    const tableArn = { 'Fn::GetAtt': [metadataTableId, 'Arn'] };

    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter(
        (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
      )
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      const actions: string[] = [statement.Action].flat();
      expect(actions.filter((action) => !/^dynamodb:[A-Za-z]+$/.test(action))).toEqual([]);
      expect([statement.Resource].flat()).toEqual([
        tableArn,
        { 'Fn::Join': ['', [tableArn, '/index/*']] },
      ]);
    }
  });

  it('requires an IAM signature on every API method', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));

    expect(methods).toHaveLength(2);
    for (const method of methods) expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('sends POST / and any method on any other path to the control function', () => {
    const restApiId = logicalId('AWS::ApiGateway::RestApi');
    const integration = {
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: {
        'Fn::Join': [
          '',
          Match.arrayWith([{ 'Fn::GetAtt': [logicalId('AWS::Lambda::Function'), 'Arn'] }]),
        ],
      },
    };

    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: { 'Fn::GetAtt': [restApiId, 'RootResourceId'] },
      Integration: integration,
    });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      ResourceId: { Ref: logicalId('AWS::ApiGateway::Resource') },
      Integration: integration,
    });
  });

  it('throttles the API stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
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

  it('outputs the API URL', () => {
    template.hasOutput('ApiUrl', {
      Value: {
        'Fn::Join': [
          '',
          Match.arrayWith([{ Ref: logicalId('AWS::ApiGateway::RestApi') }, '.execute-api.']),
        ],
      },
    });
  });
});

describe('Tailor props', () => {
  it('names the tables with the given prefix', () => {
    const { template } = synthTailor({ prefix: 'shop-recs' });

    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'shop-recs-Metadata' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TAILOR_PREFIX: 'shop-recs' }) },
    });
  });

  it('derives a different prefix for each Tailor in a stack', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const scratch = new Stack(app, 'Scratch');

    const one = new Tailor(scratch, 'One');
    const two = new Tailor(scratch, 'Two');

    expect(one.prefix).not.toBe(two.prefix);
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

  it('fails on a prefix that cannot name a table', () => {
    expect(() => synthTailor({ prefix: 'my shop' })).toThrow(
      /prefix "my shop" gives the table name "my shop-Metadata"/,
    );
  });

  it('fails on a throttle that is not positive, naming both limits', () => {
    expect(() => synthTailor({ apiThrottle: { rateLimit: 0, burstLimit: 1.5 } })).toThrow(
      /rateLimit must be above 0, got 0\..*burstLimit must be a whole number above 0, got 1\.5\./,
    );
  });
});
