/**
 * A Tailor Lambda function: one bundled TypeScript entry point with the
 * settings all of them share (Node.js 22 on arm64, its own log group, X-Ray).
 *
 * With a core layer, the core is not in the bundle: the handler imports it as
 * `@tailor/core`, which the bundle leaves to the layer (lib/core-layer.ts), so
 * each bundle holds the thin handler and its middy and Powertools glue only,
 * and all of a Tailor's functions share one copy of the core and its AWS SDK.
 * Without one (bundleCore, for LocalStack Community, which does not mount
 * layers), the core and its kernels go into each function's own bundle.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Architecture,
  Function as LambdaFunction,
  Runtime,
  Tracing,
  type ILayerVersion,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerCode } from './bundle';
import { CORE_PACKAGE } from './core-layer';
import { acknowledge, BASIC_EXECUTION_ROLE } from './nag';

export interface TailorFunctionProps {
  /** The handler module, exporting `handler`. */
  readonly entry: string;
  /**
   * The core layer (CoreLayer) of the function's Tailor, which provides `@tailor/core`;
   * undefined bundles the core into the function (TailorProps.bundleCore).
   */
  readonly coreLayer: ILayerVersion | undefined;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** Applies to the log group. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Megabytes of memory, and CPU in proportion.
   *
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(20) - under API Gateway's 29 s integration limit
   */
  readonly timeout?: Duration;
}

export class TailorFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TailorFunctionProps) {
    super(scope, id);
    const logGroup = (this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    }));
    this.function = new LambdaFunction(this, 'Function', {
      // The AWS SDK is bundled too (in the layer for the core's clients): the code that runs
      // is the code the tests ran, not the runtime's copy. Only the core may be left out.
      code: handlerCode(props.entry, props.coreLayer ? [CORE_PACKAGE] : []),
      handler: 'index.handler',
      layers: props.coreLayer ? [props.coreLayer] : [],
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      // Lambda allots CPU in proportion to memory; at the 128 MB default, cold starts crawl.
      memorySize: props.memorySize ?? 512,
      // Under API Gateway's 29 s integration limit, so a stuck call ends in a logged Lambda timeout.
      timeout: props.timeout ?? Duration.seconds(20),
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      logGroup,
      tracing: Tracing.ACTIVE,
    });
    acknowledge(
      this,
      BASIC_EXECUTION_ROLE,
      "AWS's basic execution role allows CloudWatch Logs writes only; the function logs to its own group.",
    );
    acknowledge(
      this,
      'L1',
      'Node.js 22 is the runtime Tailor is built and tested for (docs/deploy.md); a newer one comes with its own test run.',
    );
  }
}
