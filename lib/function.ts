/**
 * A Tailor Lambda function: one bundled TypeScript entry point with the
 * settings all of them share (Node.js 22 on arm64, its own log group, X-Ray).
 *
 * Why each function bundles the core itself rather than loading it from a
 * Lambda layer: the core is TypeScript imported by relative path, so a layer
 * would need its own build and module-resolution scheme, and would ship all of
 * the core to every function. esbuild gives each function only what it
 * imports (the runtime never carries the trainers), one file to cold-start,
 * and the code the tests ran. docs/deploy.md says the same.
 */
import { AssetHashType, Duration, RemovalPolicy, type ILocalBundling } from 'aws-cdk-lib';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { ROOT } from '../training/build';
import { acknowledge, BASIC_EXECUTION_ROLE } from './nag';

export interface TailorFunctionProps {
  /** The handler module, exporting `handler`. */
  readonly entry: string;
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
  /**
   * Bundle with training/build.ts, which keeps the kernels' `.wasm` files and worker
   * scripts beside the bundle, for functions that train.
   *
   * @default false - a plain esbuild bundle (NodejsFunction)
   */
  readonly trains?: boolean;
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
    const common = {
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
    };
    this.function = props.trains
      ? new LambdaFunction(this, 'Function', {
          ...common,
          handler: 'index.handler',
          code: jobCode(props.entry),
        })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: props.entry,
          bundling: {
            // Local esbuild, so synth needs no Docker and runs offline.
            forceDockerBundling: false,
            minify: true,
            sourceMap: true,
            // Bundle the AWS SDK too: the code that runs is the code the tests ran, not the runtime's copy.
            externalModules: [],
          },
        });
    acknowledge(
      this,
      BASIC_EXECUTION_ROLE,
      "AWS's basic execution role allows CloudWatch Logs writes only; the function logs to its own group.",
    );
    acknowledge(
      this,
      'L1',
      'Node.js 22 is the runtime Tailor is built and tested for (DESIGN.md toolchain); a newer one comes with its own test run.',
    );
  }
}

/**
 * training/build.ts run locally at synth, as NodejsFunction runs esbuild: no Docker.
 * The asset is hashed from the bundle, so the repository is never fingerprinted.
 */
function jobCode(entry: string): Code {
  const tsx = require.resolve('tsx/cli');
  const build = join(ROOT, 'training', 'build.ts');
  const local: ILocalBundling = {
    tryBundle(outputDir) {
      const result = spawnSync(process.execPath, [tsx, build, relative(ROOT, entry), outputDir], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      if (result.status !== 0) {
        throw new Error(`training/build.ts ${entry} failed (exit ${result.status}).`);
      }
      return true;
    },
  };
  return Code.fromAsset(join(ROOT, 'training'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local,
      // Used only if local bundling were refused; it never is.
      image: Runtime.NODEJS_22_X.bundlingImage,
      command: ['sh', '-c', 'echo "training/build.ts bundles locally" && exit 1'],
    },
  });
}
