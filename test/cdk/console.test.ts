/**
 * The console's site (TailorProps.console): a private bucket read by this distribution alone,
 * HTTPS with security headers, deep links under /console/ sent to the app by a viewer-request
 * function (run here as plain JavaScript), and CORS on the API for the site's origin alone.
 * Without the option none of it exists. Synthesized from a stand-in build of the console.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import cdkJson from '../../cdk.json';
import { Tailor, type TailorProps } from '../../lib/tailor';
import { TailorStack } from '../../lib/tailor-stack';

/** What `npm run build:console` writes, in miniature. */
let assetsDir: string;
let template: Template;
let stackTemplate: Template;
beforeAll(() => {
  assetsDir = mkdtempSync(join(tmpdir(), 'tailor-console-'));
  mkdirSync(join(assetsDir, 'assets'));
  writeFileSync(join(assetsDir, 'index.html'), '<script src="./assets/app.js"></script>');
  writeFileSync(join(assetsDir, 'assets', 'app.js'), 'console.log("console");');
  template = synthTailor({ console: true, consoleAssetsDir: assetsDir });
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  stackTemplate = Template.fromStack(
    new TailorStack(app, 'Tailor', { tailor: { console: true, consoleAssetsDir: assetsDir } }),
  );
});

/** Skipping the functions' bundling keeps each synth fast. */
function synthTailor(props: TailorProps = {}): Template {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const scratch = new Stack(app, 'Scratch');
  new Tailor(scratch, 'Tailor', props);
  return Template.fromStack(scratch);
}

const onlyId = (from: Template, type: string, props?: object): string => {
  const ids = Object.keys(from.findResources(type, props && { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

/** Tailor's buckets are found by their construct path (`TailorConsoleBucket…`). */
const consoleBucketId = (from: Template) =>
  Object.keys(from.findResources('AWS::S3::Bucket')).find((id) =>
    id.startsWith('TailorConsoleBucket'),
  )!;

const distributionDomain = (from: Template) => ({
  'Fn::GetAtt': [onlyId(from, 'AWS::CloudFront::Distribution'), 'DomainName'],
});
/** `https://<distribution domain>`, as CloudFormation joins it. */
const originOf = (from: Template) => ({
  'Fn::Join': ['', ['https://', distributionDomain(from)]],
});

/** The API functions, by the start of their descriptions. */
const API_FUNCTIONS = ['Tailor control plane', 'Tailor events', 'Tailor runtime'];

describe('Tailor with the console', () => {
  it('keeps the console bucket private, encrypted, TLS-only and retained', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[consoleBucketId(template)]!;

    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
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
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: consoleBucketId(template) },
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

  it('lets this distribution alone read the bucket, through origin access control', () => {
    const bucketId = consoleBucketId(template);
    const distributionId = onlyId(template, 'AWS::CloudFront::Distribution');
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (resource) => resource.Properties.Bucket.Ref === bucketId,
    )!;

    const allowed = policy.Properties.PolicyDocument.Statement.filter(
      (statement: { Effect: string }) => statement.Effect === 'Allow',
    );

    expect(allowed).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: distributionId },
                ],
              ],
            },
          },
        },
      },
    ]);
    const accessControlId = onlyId(template, 'AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [
          Match.objectLike({
            DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
            OriginAccessControlId: { 'Fn::GetAtt': [accessControlId, 'Id'] },
          }),
        ],
      }),
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('redirects HTTP to HTTPS and sends security headers with every file', () => {
    const headersId = onlyId(template, 'AWS::CloudFront::ResponseHeadersPolicy');

    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: { Ref: headersId },
        }),
      }),
    });
    const config = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[headersId]!
      .Properties.ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, Override: true },
    });
    const csp = JSON.stringify(config.SecurityHeadersConfig.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('connect-src');
  });

  it('sends deep links to the app with its viewer-request function, not error pages', () => {
    const functionId = onlyId(template, 'AWS::CloudFront::Function');

    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      FunctionCode: readFileSync(join(__dirname, '../../lib/console-viewer-request.js'), 'utf8'),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [
            {
              EventType: 'viewer-request',
              FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] },
            },
          ],
        }),
        CustomErrorResponses: Match.absent(),
      }),
    });
  });

  it('copies the built files and a config.json naming the API and region under console/', () => {
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]!;

    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: { Ref: consoleBucketId(template) },
      DestinationBucketKeyPrefix: 'console/',
      SystemMetadata: { 'cache-control': 'no-cache' },
      RetainOnDelete: true,
    });
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    // config.json's deploy-time values: the API's URL (its id, region, suffix and stage) and
    // the region.
    const markers = Object.values(deployment.Properties.SourceMarkers[1]);
    const apiId = onlyId(template, 'AWS::ApiGateway::RestApi');
    expect(markers).toEqual(
      expect.arrayContaining([
        { Ref: apiId },
        { Ref: 'AWS::Region' },
        { Ref: Object.keys(template.findResources('AWS::ApiGateway::Stage'))[0] },
      ]),
    );
  });

  it('answers preflights on every resource without auth, for the console origin alone', () => {
    const resources = Object.keys(template.findResources('AWS::ApiGateway::Resource'));
    const preflights = Object.values(
      template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }),
    );

    // The root and every resource under it.
    expect(preflights).toHaveLength(resources.length + 1);
    for (const { Properties } of preflights) {
      expect(Properties.AuthorizationType).toBe('NONE');
      expect(Properties.Integration.Type).toBe('MOCK');
      const headers = Properties.Integration.IntegrationResponses[0].ResponseParameters;
      expect(headers['method.response.header.Access-Control-Allow-Origin']).toEqual({
        'Fn::Join': ['', ["'https://", distributionDomain(template), "'"]],
      });
      expect(headers['method.response.header.Access-Control-Allow-Methods']).toBe("'POST'");
      expect(headers['method.response.header.Access-Control-Allow-Headers']).toBe(
        "'amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-content-sha256,x-amz-date,x-amz-security-token,x-amz-target,x-amz-user-agent'",
      );
    }
  });

  it("lets the console read API Gateway's own refusals and failures", () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: {
          'gatewayresponse.header.access-control-allow-origin': {
            'Fn::Join': ['', ["'https://", distributionDomain(template), "'"]],
          },
          'gatewayresponse.header.access-control-expose-headers':
            "'date,x-amzn-errortype,x-amzn-requestid'",
          'gatewayresponse.header.vary': "'Origin'",
        },
      });
    }
    expect(JSON.stringify(template.toJSON())).not.toMatch(/Access-Control-Allow-Origin[^,]*'\*'/i);
  });

  it('tells each API function the console origin, which its answers carry', () => {
    for (const description of API_FUNCTIONS) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(`^${description}`),
        Environment: {
          Variables: Match.objectLike({ TAILOR_CONSOLE_ORIGIN: originOf(template) }),
        },
      });
    }
  });

  it('makes no dependency cycle: the distribution depends on nothing of the API', () => {
    const resources = template.toJSON().Resources as Record<string, object>;
    const edges = (id: string): string[] => {
      const found = new Set<string>();
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(walk);
        if (value === null || typeof value !== 'object') return;
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'Ref' && typeof inner === 'string') found.add(inner);
          else if (key === 'Fn::GetAtt') found.add((inner as string[])[0]!);
          else if (key === 'DependsOn') [inner].flat().forEach((dep) => found.add(dep as string));
          else walk(inner);
        }
      };
      walk(resources[id]);
      return [...found].filter((dep) => dep in resources);
    };
    const reachable = (from: string): Set<string> => {
      const seen = new Set<string>();
      const stack = [from];
      while (stack.length > 0) {
        for (const next of edges(stack.pop()!)) {
          if (seen.has(next)) continue;
          seen.add(next);
          stack.push(next);
        }
      }
      return seen;
    };

    for (const id of Object.keys(resources))
      expect([id, reachable(id).has(id)]).toEqual([id, false]);
    const fromDistribution = [...reachable(onlyId(template, 'AWS::CloudFront::Distribution'))];
    expect(fromDistribution.filter((id) => id.startsWith('TailorApi'))).toEqual([]);
  });

  it('outputs the console URL from the stack', () => {
    stackTemplate.hasOutput('ConsoleUrl', {
      Value: {
        'Fn::Join': ['', ['https://', distributionDomain(stackTemplate), '/console/']],
      },
    });
  });

  it('removes the files and the bucket with the stack under RemovalPolicy.DESTROY', () => {
    const destroyed = synthTailor({
      console: true,
      consoleAssetsDir: assetsDir,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    expect(
      destroyed.findResources('AWS::S3::Bucket')[consoleBucketId(destroyed)]!.DeletionPolicy,
    ).toBe('Delete');
    destroyed.hasResourceProperties('Custom::CDKBucketDeployment', { RetainOnDelete: false });
  });

  it('fails without the built console, naming npm run build:console', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tailor-console-unbuilt-'));

    expect(() => synthTailor({ console: true, consoleAssetsDir: empty })).toThrow(
      `console is on, but ${join(empty, 'index.html')} is missing: build the console first (npm run build:console).`,
    );
  });

  it('fails on consoleAssetsDir without console', () => {
    expect(() => synthTailor({ consoleAssetsDir: assetsDir })).toThrow(
      'consoleAssetsDir applies to console true only.',
    );
  });
});

describe('Tailor without the console', () => {
  it('makes no site and changes nothing about CORS', () => {
    const plain = synthTailor();
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const plainStack = Template.fromStack(new TailorStack(app, 'Tailor'));

    for (const type of [
      'AWS::CloudFront::Distribution',
      'AWS::CloudFront::Function',
      'AWS::CloudFront::OriginAccessControl',
      'AWS::CloudFront::ResponseHeadersPolicy',
      'Custom::CDKBucketDeployment',
      'AWS::ApiGateway::GatewayResponse',
    ]) {
      plain.resourceCountIs(type, 0);
    }
    plain.resourceCountIs('AWS::S3::Bucket', 1);
    expect(
      plain.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }),
    ).toEqual({});
    expect(JSON.stringify(plain.toJSON())).not.toMatch(/TAILOR_CONSOLE_ORIGIN|Access-Control/i);
    expect(Object.keys(plainStack.findOutputs('ConsoleUrl'))).toEqual([]);
  });
});

describe("the console's viewer-request function", () => {
  /** The function's code run as CloudFront runs it: a script whose `handler` it calls. */
  const handler = runInNewContext(
    `${readFileSync(join(__dirname, '../../lib/console-viewer-request.js'), 'utf8')}\nhandler`,
  ) as (event: unknown) => { uri?: string; statusCode?: number; headers?: object };
  const viewerRequest = (uri: string) =>
    handler({ version: '1.0', request: { method: 'GET', uri, querystring: {}, headers: {} } });

  it.each([
    ['/console/', '/console/index.html'],
    ['/console/dataset-groups', '/console/index.html'],
    ['/console/dataset-groups/demo/solutions/create', '/console/index.html'],
    ['/console/index.html', '/console/index.html'],
    ['/console/config.json', '/console/config.json'],
    ['/console/assets/index-3f9a1c.js', '/console/assets/index-3f9a1c.js'],
    ['/elsewhere/page', '/elsewhere/page'],
  ])('sends %s to %s', (uri, served) => {
    expect(viewerRequest(uri).uri).toBe(served);
  });

  it.each(['/', '/console'])('redirects %s to /console/', (uri) => {
    expect(viewerRequest(uri)).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/console/' } },
    });
  });
});
