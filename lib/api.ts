/**
 * The HTTP front: one REST API serving the three Personalize wire protocols.
 * The control plane's AWS JSON 1.1 posts every operation to `/`; the events and
 * runtime APIs post to one path per operation; anything else reaches the
 * control function, which answers as Personalize's front door does.
 *
 * Request size: API Gateway's own limit is 10 MB and cannot be raised or
 * lowered; the functions answer 413 above the core's limit, as the local
 * service does, so no validator is configured here.
 */
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  ResponseType,
  RestApi,
  type CorsOptions,
} from 'aws-cdk-lib/aws-apigateway';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { corsHeaders, SDK_REQUEST_HEADERS } from '../lambdas/shared/cors';
import { acknowledge } from './nag';

/** Who checks request signatures: API Gateway (`iam`, for execute-api) or the functions (`sigv4`). */
export type ApiAuth = 'iam' | 'sigv4';

export interface ApiProps {
  /** The REST API's name. */
  readonly name: string;
  /** Serves the control plane (AmazonPersonalize.*) at `/` and every path not routed elsewhere. */
  readonly control: IFunction;
  /** The function serving each restJson1 path (`/events`, `/recommendations`, ...). */
  readonly routes: Readonly<Record<`/${string}`, IFunction>>;
  readonly auth: ApiAuth;
  /** Requests per second, steady, for the whole stage. */
  readonly rateLimit: number;
  /** Requests allowed at once above the steady rate. */
  readonly burstLimit: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Whether the stage writes access logs. */
  readonly accessLogs: boolean;
  /**
   * Whether to set the account's API Gateway CloudWatch role, without which a stage with access
   * logs fails to deploy in a fresh account.
   */
  readonly cloudWatchRole: boolean;
  /**
   * The console site's origin (`https://<domain>`), the one browsers may call the API from.
   *
   * @default - none: no CORS, browsers may not call the API from any page
   */
  readonly consoleOrigin?: string;
}

export class Api extends Construct {
  readonly restApi: RestApi;
  readonly accessLogs: LogGroup | undefined;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const accessLogs = (this.accessLogs = props.accessLogs
      ? new LogGroup(this, 'AccessLogs', {
          retention: props.logRetention,
          removalPolicy: props.removalPolicy,
        })
      : undefined);
    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: props.name,
      description: 'Tailor: the Amazon Personalize APIs',
      // Callers are SDKs, not browsers: an edge distribution would add a hop and nothing else.
      endpointTypes: [EndpointType.REGIONAL],
      // sigv4: the functions check signatures for `personalize` themselves (lambdas/shared/sigv4.ts).
      defaultMethodOptions: {
        authorizationType: props.auth === 'iam' ? AuthorizationType.IAM : AuthorizationType.NONE,
      },
      deployOptions: {
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
        tracingEnabled: true,
        ...(accessLogs
          ? {
              accessLogDestination: new LogGroupLogDestination(accessLogs),
              accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
            }
          : {}),
      },
      // The account-wide setting API Gateway logs with: a fresh account has none, and a stage
      // with access logs then fails to create. Retained, so other APIs of the account keep
      // logging after this stack is gone.
      ...(props.cloudWatchRole
        ? { cloudWatchRole: true, cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN }
        : { cloudWatchRole: false }),
      // On every resource, so the preflight of any path a browser posts to is answered.
      ...(props.consoleOrigin
        ? { defaultCorsPreflightOptions: preflightFor(props.consoleOrigin) }
        : {}),
    });
    if (props.cloudWatchRole) {
      acknowledge(
        this.restApi,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        "API Gateway's account role uses AWS's AmazonAPIGatewayPushToCloudWatchLogs, the policy API Gateway documents for it.",
      );
    }
    // Test invocations from the console would bypass IAM: no permission for them.
    const integration = (fn: IFunction) => new LambdaIntegration(fn, { allowTestInvoke: false });
    const control = integration(props.control);
    this.restApi.root.addMethod('POST', control);
    const byFunction = new Map<IFunction, LambdaIntegration>();
    for (const [path, fn] of Object.entries(props.routes)) {
      if (!byFunction.has(fn)) byFunction.set(fn, integration(fn));
      this.restApi.root.resourceForPath(path).addMethod('POST', byFunction.get(fn));
    }
    // Other paths reach the control function too. A plain resource, not addProxy, which
    // would also add ANY on `/`.
    this.restApi.root.addResource('{proxy+}').addMethod('ANY', control);
    if (props.consoleOrigin) allowOriginOnErrors(this.restApi, props.consoleOrigin);
    acknowledgeFindings(this.restApi, props.auth, props.accessLogs);
  }
}

/**
 * Preflights answered by API Gateway itself, unsigned as browsers send them: the SDK's
 * requests from the console's origin, and nothing else.
 */
const preflightFor = (origin: string): CorsOptions => ({
  allowOrigins: [origin],
  allowMethods: ['POST'],
  allowHeaders: [...SDK_REQUEST_HEADERS],
  // Chromium keeps a preflight two hours at most.
  maxAge: Duration.hours(2),
});

/**
 * API Gateway's own refusals (a bad signature, a denied caller, throttling) and failures (a
 * function that crashed) readable by the console too, so it shows the exception, not a CORS
 * error. The functions' answers carry the same headers (lambdas/shared/cors.ts).
 */
function allowOriginOnErrors(restApi: RestApi, origin: string): void {
  // Gateway response headers are literals in quotes, as mapping expressions are not.
  const responseHeaders = Object.fromEntries(
    Object.entries(corsHeaders(origin)).map(([name, value]) => [name, `'${value}'`]),
  );
  restApi.addGatewayResponse('Default4xx', { type: ResponseType.DEFAULT_4XX, responseHeaders });
  restApi.addGatewayResponse('Default5xx', { type: ResponseType.DEFAULT_5XX, responseHeaders });
}

function acknowledgeFindings(restApi: RestApi, auth: ApiAuth, accessLogs: boolean): void {
  acknowledge(
    restApi,
    'APIG2',
    "The functions validate each body against its operation's schema and answer with Personalize's exceptions, which a gateway validator cannot.",
  );
  acknowledge(
    restApi,
    'APIG3',
    'Every request is signed and the stage is throttled; a web ACL can be associated with the stage where wanted, at its own cost.',
  );
  acknowledge(
    restApi,
    'APIG6',
    'Access logs record every request; execution logs would repeat them at length and cost, and each function logs its own requests.',
  );
  if (!accessLogs) {
    acknowledge(restApi, 'APIG1', 'Access logs were turned off (apiAccessLogs false).');
  }
  acknowledge(
    restApi,
    'COG4',
    auth === 'iam'
      ? 'Every method uses IAM authorization: Personalize clients sign requests with SigV4, they carry no Cognito tokens.'
      : 'The functions verify each SigV4 signature against Tailor-issued keys: Personalize clients carry no Cognito tokens.',
  );
  for (const method of restApi.methods.filter((m) => m.httpMethod === 'OPTIONS')) {
    acknowledge(
      method,
      'APIG4',
      "A CORS preflight (the console's), which browsers send unsigned: API Gateway answers it itself with a mock integration, and it reaches no function.",
    );
  }
  if (auth === 'sigv4') {
    acknowledge(
      restApi,
      'APIG4',
      "auth 'sigv4': the functions verify each request's SigV4 signature (service personalize) before any operation runs.",
    );
  }
}
