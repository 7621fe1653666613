/**
 * The browser console's site (TailorProps.console, docs/deploy.md#the-console): its built files
 * in a private bucket under `console/`, served by CloudFront through origin access control, and
 * `console/config.json` naming the API. The API lets the site's origin call it (lib/api.ts).
 *
 * Made in two steps because of what depends on what: the distribution first, whose domain the
 * API's CORS and the functions need, then the files (`publish`), whose config names the API.
 * Nothing of the distribution may depend on the API, or CloudFormation meets a cycle.
 */
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { acknowledge, acknowledgeConstructGrants, BASIC_EXECUTION_ROLE } from './nag';

/** The key prefix of the files in the bucket, and the path the site serves them at. */
const PREFIX = 'console';

export interface ConsoleSiteProps {
  /** The Tailor's prefix, in the distribution's comment. */
  readonly name: string;
  /** The console's built files: index.html and what it loads, by relative paths. */
  readonly assetsDir: string;
  /** Applies to the bucket and the files in it. */
  readonly removalPolicy: RemovalPolicy;
  /** Of the log group of the function that copies the files. */
  readonly logRetention: RetentionDays;
}

/** What the console reads at start-up from `config.json` beside its index.html. */
export interface ConsoleConfig {
  /** The base URL of the three Personalize APIs. */
  readonly endpoint: string;
  readonly region: string;
  /** Whether the user must enter credentials: always, since every deployed API checks them. */
  readonly signIn: boolean;
  /**
   * The service the console signs for: `execute-api` when API Gateway checks IAM signatures;
   * absent for Tailor's own check (`auth: 'sigv4'`), which takes Personalize's.
   */
  readonly signingName?: string;
}

export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The origin browsers call the API from: `https://<distribution domain>`. */
  readonly origin: string;
  /** Where users open the console. */
  readonly url: string;
  private readonly props: ConsoleSiteProps;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    this.props = props;
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.bucket,
      'S1',
      "The bucket holds only the console's built files, which CloudFront alone reads and the deployment alone writes; an access-log bucket would log nothing else.",
    );
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Tailor console of ${props.name}`,
      defaultBehavior: {
        // Origin access control: CloudFront signs its reads, and the bucket policy allows this
        // distribution alone to get objects.
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new S3OriginAccessControl(this, 'AccessControl', {
            originAccessControlName: accountUniqueName(this, 'AccessControl', 64),
            signing: Signing.SIGV4_ALWAYS,
          }),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: securityHeaders(this),
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'ViewerRequest', {
              comment: 'Sends / to /console/ and deep links under /console/ to the app',
              code: FunctionCode.fromFile({
                filePath: join(__dirname, 'console-viewer-request.js'),
              }),
              runtime: FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/${PREFIX}/`;
    acknowledgeFindings(this.distribution);
  }

  /**
   * Copies the built files and `config.json` into the bucket, each stored with `no-cache`:
   * browsers ask again at every load (a 304 while the file is unchanged), and CloudFront keeps
   * a file one second (its CachingOptimized policy's minimum), so a new deployment shows at once
   * without an invalidation, whose grant would be on every distribution of the account.
   */
  publish(config: ConsoleConfig): void {
    const deployment = new BucketDeployment(this, 'Files', {
      sources: [Source.asset(this.props.assetsDir), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${PREFIX}/`,
      cacheControl: [CacheControl.noCache()],
      // A destroyed bucket must be empty first; a retained one keeps the files with it.
      retainOnDelete: this.props.removalPolicy !== RemovalPolicy.DESTROY,
      logGroup: new LogGroup(this, 'FilesLogs', {
        retention: this.props.logRetention,
        removalPolicy: this.props.removalPolicy,
      }),
    });
    acknowledgeCopier(deployment);
  }
}

/**
 * What the console's page may load and call: its own files, and `apiHosts`. Styles from files
 * only: the console's build puts them in a stylesheet.
 */
export const contentSecurityPolicy = (apiHosts: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${apiHosts}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * The headers every answer carries. The API's host is not named: the API depends on the
 * distribution (its CORS origin), so the distribution may not depend on the API. Any API
 * Gateway host of the region may be connected to instead.
 */
function securityHeaders(scope: Construct): ResponseHeadersPolicy {
  const { region, urlSuffix } = Stack.of(scope);
  return new ResponseHeadersPolicy(scope, 'Headers', {
    responseHeadersPolicyName: accountUniqueName(scope, 'Headers', 128),
    comment: "Security headers of Tailor's console",
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        contentSecurityPolicy: contentSecurityPolicy(
          `https://*.execute-api.${region}.${urlSuffix}`,
        ),
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
    },
  });
}

/**
 * A name unique in the account, which CloudFront's policies and access controls need: CDK's
 * own leaves the region out, so one stack deployed to two regions would collide.
 */
function accountUniqueName(scope: Construct, id: string, maxLength: number): string {
  // Room for the longest region name (ap-southeast-4), the id and two '-'.
  const unique = Names.uniqueResourceName(scope, {
    maxLength: maxLength - 14 - id.length - 2,
    separator: '-',
  });
  return `${Stack.of(scope).region}-${unique}-${id}`;
}

/**
 * The function that copies the files is CDK's own, one per stack (a singleton beside the
 * Tailor, not under it), found by the role the deployment gives it.
 */
function acknowledgeCopier(deployment: BucketDeployment): void {
  const copier = Stack.of(deployment).node.children.find(
    (child) => child instanceof LambdaFunction && child.role === deployment.handlerRole,
  );
  if (!copier) throw new Error("CDK's BucketDeployment made no function beside the stack.");
  acknowledge(
    copier,
    'L1',
    "CDK's BucketDeployment chooses its copier's runtime (Python, with the AWS CLI layer) and updates it with aws-cdk-lib.",
  );
  acknowledge(
    copier,
    BASIC_EXECUTION_ROLE,
    "The copier's logs go to its own group (FilesLogs) through AWS's basic execution role, as CDK's BucketDeployment sets it up.",
  );
  acknowledgeConstructGrants(
    copier,
    "CDK's BucketDeployment grants its copier read of the staged files in the bootstrap bucket and read-write of the console bucket's objects, with its grants' wildcards.",
  );
}

function acknowledgeFindings(distribution: Distribution): void {
  acknowledge(
    distribution,
    'CFR1',
    "The console is for Tailor's operators wherever they are; every API call it makes is signed with their credentials.",
  );
  acknowledge(
    distribution,
    'CFR2',
    'The site serves static files only and every API call is signed; a web ACL can be associated where wanted, at its own cost.',
  );
  acknowledge(
    distribution,
    'CFR3',
    'Static files only: the API stage logs every call the console makes (access logs).',
  );
  acknowledge(
    distribution,
    'CFR4',
    "The distribution uses CloudFront's own *.cloudfront.net certificate, whose TLS policy CloudFront sets; a custom domain with its certificate could require TLS 1.2.",
  );
}
