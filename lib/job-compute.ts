/**
 * Where a job's process runs: a Fargate task of the job-image/ image, or a
 * Lambda function with the same entry point. Each builds the task state that
 * runs one job, with retries for failures that leave the job unstarted.
 */
import { Duration, Stack, Stage, Token, type RemovalPolicy } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { SecurityGroup, SubnetType, Vpc, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  FargatePlatformVersion,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
  type ContainerDefinition,
} from 'aws-cdk-lib/aws-ecs';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction, ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  IntegrationPattern,
  JsonPath,
  TaskInput,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  EcsFargateLaunchTarget,
  EcsRunTask,
  LambdaInvoke,
} from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bundle-entry';
import { bundleAtSynth } from './bundle';
import { TailorFunction } from './function';
import { acknowledge } from './nag';

/** `fargate`: a container per job, hours allowed. `lambda`: a function per job, 15 minutes at most. */
export type JobComputeKind = 'fargate' | 'lambda';

/** Where the task state leaves the run's outcome in the execution's state. */
export const RUN_RESULT_PATH = '$.run';

export interface JobCompute {
  /** Who the job's process runs as: what to grant the stores to. */
  readonly principal: IGrantable;
  /** Whether the task state's result is an ECS task, whose exit code must be checked. */
  readonly reportsExitCode: boolean;
  /** The state that runs the job `{kind, arn}` of the execution input. */
  runTask(scope: Construct, id: string): TaskStateBase;
}

export interface JobComputeProps {
  /** The job's variables (FunctionEnvironment): names only, no secret. */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** ECS errors raised before a task starts: capacity, throttling, service faults. */
const TRANSIENT_ECS_ERRORS = [
  'ECS.AmazonECSException',
  'ECS.ServerException',
  'ECS.ThrottlingException',
  'ECS.LimitExceededException',
];

/**
 * Writes the job image's build context into `dir`: job-image/main.ts bundled
 * (lib/bundle-entry.ts) with the kernels it loads, and job-image/Dockerfile, which only
 * copies them onto Node. Docker gets a few megabytes and installs nothing. Without
 * `bundle` (a synth that skips bundling), the Dockerfile alone.
 */
export function stageJobImage(dir: string, bundle = true): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (bundle) bundleAtSynth('job-image/main.ts', dir);
  copyFileSync(join(ROOT, 'job-image', 'Dockerfile'), join(dir, 'Dockerfile'));
}

export interface FargateComputeProps extends JobComputeProps {
  /** vCPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly memoryMiB: number;
  /** @default - a VPC with public subnets only (no NAT gateway); tasks get a public IP */
  readonly vpc?: IVpc;
}

export class FargateJobCompute extends Construct implements JobCompute {
  readonly principal: IGrantable;
  readonly reportsExitCode = true;
  readonly cluster: Cluster;
  private readonly taskDefinition: FargateTaskDefinition;
  private readonly container: ContainerDefinition;
  private readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: FargateComputeProps) {
    super(scope, id);
    // Public subnets and a public IP reach ECR, S3, DynamoDB and CloudWatch without a NAT
    // gateway (about $33 a month each) or interface endpoints (about $7 each per AZ).
    const vpc = props.vpc ?? this.publicVpc();
    this.cluster = new Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ContainerInsights.ENABLED,
    });
    // Outbound only: nothing connects to a job.
    this.securityGroup = new SecurityGroup(this, 'Tasks', {
      vpc,
      description: 'Tailor job tasks: outbound only',
      allowAllOutbound: true,
    });
    this.taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // In the cloud assembly's folder, from which CDK copies it into the image asset.
    const imageContext = join(Stage.of(this)!.assetOutdir, 'tailor-job-image');
    stageJobImage(imageContext, Stack.of(this).bundlingRequired);
    this.container = this.taskDefinition.addContainer('Job', {
      // Bundled at synth, built and pushed by `cdk deploy` (which needs Docker then).
      image: ContainerImage.fromAsset(imageContext, { platform: Platform.LINUX_ARM64 }),
      logging: LogDrivers.awsLogs({ streamPrefix: 'job', logGroup }),
      // The region explicitly: a task's environment is not Lambda's, which always has AWS_REGION.
      environment: { ...props.environment, TAILOR_REGION: Stack.of(this).region },
    });
    this.principal = this.taskDefinition.taskRole;
    acknowledge(
      this.taskDefinition,
      'ECS2',
      "The variables name tables, the bucket, the account and the token key's secret; the job reads the secret itself from Secrets Manager at run time.",
    );
  }

  private publicVpc(): Vpc {
    const vpc = new Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: SubnetType.PUBLIC }],
    });
    acknowledge(
      vpc,
      'VPC7',
      'Nothing listens in this VPC: job tasks only call AWS APIs out, with no inbound rule, so flow logs would record cost and no insight.',
    );
    return vpc;
  }

  runTask(scope: Construct, id: string): TaskStateBase {
    const task = new EcsRunTask(scope, id, {
      comment: 'Runs job-image/main.ts <kind> <arn> in a Fargate task and waits for it',
      integrationPattern: IntegrationPattern.RUN_JOB,
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      launchTarget: new EcsFargateLaunchTarget({
        platformVersion: FargatePlatformVersion.LATEST,
      }),
      assignPublicIp: true,
      subnets: { subnetType: SubnetType.PUBLIC },
      securityGroups: [this.securityGroup],
      containerOverrides: [
        {
          containerDefinition: this.container,
          command: Token.asList(
            JsonPath.array(JsonPath.stringAt('$.kind'), JsonPath.stringAt('$.arn')),
          ),
        },
      ],
      // The whole stopped task (DescribeTasks): a selector naming ExitCode would fail on a
      // task whose container never started, which has none.
      resultPath: RUN_RESULT_PATH,
    });
    // Only errors of the RunTask call itself: the task never started, so the job is still
    // pending and a second attempt runs it. A task that stopped is never retried: its job
    // may be half done, and runJob would find it no longer pending and do nothing.
    task.addRetry({
      errors: TRANSIENT_ECS_ERRORS,
      interval: Duration.seconds(10),
      backoffRate: 2,
      maxAttempts: 4,
    });
    return task;
  }
}

export interface LambdaComputeProps extends JobComputeProps {
  readonly memoryMiB: number;
  /**
   * The Tailor's core layer, which holds the trainers and their kernels (lib/core-layer.ts);
   * undefined bundles them into the function.
   */
  readonly coreLayer: ILayerVersion | undefined;
}

export class LambdaJobCompute extends Construct implements JobCompute {
  readonly principal: IGrantable;
  readonly reportsExitCode = false;
  readonly function: IFunction;

  constructor(scope: Construct, id: string, props: LambdaComputeProps) {
    super(scope, id);
    this.function = new TailorFunction(this, 'Run', {
      entry: join(ROOT, 'lambdas', 'jobs', 'run.ts'),
      coreLayer: props.coreLayer,
      description: 'Tailor jobs: imports, exports, deletions and training, within 15 minutes',
      environment: props.environment,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      memorySize: props.memoryMiB,
      timeout: Duration.minutes(15),
    }).function;
    this.principal = this.function;
  }

  runTask(scope: Construct, id: string): TaskStateBase {
    // The default retry covers Lambda's service errors (Lambda.ServiceException, ...),
    // raised before the handler runs.
    return new LambdaInvoke(scope, id, {
      comment: 'Runs the job in the job function and waits for it',
      lambdaFunction: this.function,
      payload: TaskInput.fromObject({
        kind: JsonPath.stringAt('$.kind'),
        arn: JsonPath.stringAt('$.arn'),
      }),
      resultPath: RUN_RESULT_PATH,
      retryOnServiceExceptions: true,
    });
  }
}
