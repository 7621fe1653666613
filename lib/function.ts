/** A Tailor Lambda function: one bundled TypeScript entry point with the settings all of them share. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface TailorFunctionProps {
  /** The handler module, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** Applies to the log group. */
  readonly removalPolicy: RemovalPolicy;
}

export class TailorFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: TailorFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      // Lambda allots CPU in proportion to memory; at the 128 MB default, cold starts crawl.
      memorySize: 512,
      // Under API Gateway's 29 s integration limit, so a stuck call ends in a logged Lambda timeout.
      timeout: Duration.seconds(20),
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      logGroup,
      bundling: {
        // Local esbuild, so synth needs no Docker and runs offline.
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        // Bundle the AWS SDK too: the code that runs is the code the tests ran, not the runtime's copy.
        externalModules: [],
      },
    });
  }
}
