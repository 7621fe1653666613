/**
 * The job workflows (docs/design.md, "A training job"): one Step Functions state machine per
 * job kind, built over JOB_KINDS so a new kind gets its own. Each runs the job
 * on the chosen compute and, whatever ends it early, records the resource
 * CREATE FAILED (or CREATE STOPPED) with why, as the local runner does:
 *
 *   Run job ──ok──▶ Exited cleanly? ──0──▶ Done
 *      │ (retries when the task never started)   └─other──▶ Describe exit ─┐
 *      └─Catch (any error)──────────────────────────────────────────────▶ Record failure ──▶ Failed
 *
 * An execution that is stopped (StopSolutionVersionCreation) or times out passes
 * no Catch; an EventBridge rule sends those to the same recorder.
 */
import { Duration, Fn, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction, ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  JsonPath,
  LogLevel,
  Pass,
  StateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { JOB_KINDS, type JobKind } from '../layers/core/store/job-ports';
import { STATE_MACHINES_VARIABLE } from '../layers/core/store/sfn/job-launcher';
import { ROOT } from './bundle-entry';
import { TailorFunction } from './function';
import { RUN_RESULT_PATH, type JobCompute } from './job-compute';

/** Where a caught error lands in the execution's state. */
const ERROR_PATH = '$.error';

/** The states' names: the ASL contract the state machine tests drive. */
export const STATES = {
  run: 'Run job',
  exited: 'Exited cleanly?',
  describeExit: 'Describe exit',
  record: 'Record failure',
  done: 'Done',
  failed: 'Failed',
} as const;

export interface JobsProps {
  readonly compute: JobCompute;
  /** The Tailor's core layer, for the recorder (lib/core-layer.ts); undefined with bundleCore. */
  readonly coreLayer: ILayerVersion | undefined;
  /** The recorder's environment (FunctionEnvironment). */
  readonly environment: Record<string, string>;
  /** How long one job may run before its execution times out. */
  readonly timeout: Duration;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class Jobs extends Construct {
  /** One per job kind. */
  readonly stateMachines: Readonly<Record<JobKind, StateMachine>>;
  /** Records jobs that ended unfinished (abandonJob). */
  readonly recorder: IFunction;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    this.recorder = new TailorFunction(this, 'Recorder', {
      entry: join(ROOT, 'lambdas', 'jobs', 'abandon.ts'),
      coreLayer: props.coreLayer,
      description: 'Tailor jobs: records a job whose workflow ended unfinished',
      environment: props.environment,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      timeout: Duration.minutes(1),
    }).function;
    const logGroup = new LogGroup(this, 'Logs', {
      // Under /aws/vendedlogs/, as Step Functions asks, so its resource policy stays small. The
      // construct's path tells two Tailors apart, and the stack's own ID makes the name new for
      // each stack created: a retained group of a stack since destroyed never blocks a re-deployment.
      logGroupName: `/aws/vendedlogs/states/${Names.uniqueResourceName(this, { maxLength: 64 })}-${Fn.select(2, Fn.split('/', Stack.of(this).stackId))}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stateMachines = Object.fromEntries(
      JOB_KINDS.map((kind) => [kind, this.workflow(kind, props, logGroup)]),
    ) as Record<JobKind, StateMachine>;

    new Rule(this, 'Unfinished', {
      description: 'Tailor jobs whose execution was stopped or timed out: no Catch sees those',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['ABORTED', 'TIMED_OUT'],
          stateMachineArn: Object.values(this.stateMachines).map((sm) => sm.stateMachineArn),
        },
      },
      targets: [new LambdaTarget(this.recorder, { retryAttempts: 8 })],
    });
  }

  /** `{"training": "arn:…", …}` for the launcher (layers/core/store/sfn/job-launcher.ts). */
  launcherEnvironment(): Record<string, string> {
    const arns = Object.fromEntries(
      Object.entries(this.stateMachines).map(([kind, sm]) => [kind, sm.stateMachineArn]),
    );
    return { [STATE_MACHINES_VARIABLE]: Stack.of(this).toJsonString(arns) };
  }

  /** Start and stop any job: what the control plane's launcher does. */
  grantLaunch(grantee: IGrantable): void {
    for (const sm of Object.values(this.stateMachines)) {
      sm.grantStartExecution(grantee);
      sm.grantExecution(grantee, 'states:StopExecution');
    }
  }

  private workflow(kind: JobKind, props: JobsProps, logGroup: LogGroup): StateMachine {
    const scope = new Construct(this, kind);
    const record = new LambdaInvoke(scope, STATES.record, {
      comment: 'abandonJob: CREATE FAILED with the reason, or CREATE STOPPED if a stop was asked',
      lambdaFunction: this.recorder,
      payload: TaskInput.fromObject({
        kind: JsonPath.stringAt('$.kind'),
        arn: JsonPath.stringAt('$.arn'),
        error: JsonPath.objectAt(ERROR_PATH),
      }),
      resultPath: JsonPath.DISCARD,
      retryOnServiceExceptions: true,
    });
    record.addRetry({
      errors: ['States.TaskFailed'],
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 3,
    });
    const failed = new Fail(scope, STATES.failed, {
      error: 'Tailor.JobFailed',
      causePath: `${ERROR_PATH}.Cause`,
    });
    record.next(failed);

    const run = props.compute.runTask(scope, STATES.run);
    run.addCatch(record, { errors: ['States.ALL'], resultPath: ERROR_PATH });
    const done = new Succeed(scope, STATES.done);
    let definition;
    if (props.compute.reportsExitCode) {
      // ECS reports a task that stopped as a success, whatever its exit code.
      const exitCode = `${RUN_RESULT_PATH}.Containers[0].ExitCode`;
      const describeExit = new Pass(scope, STATES.describeExit, {
        // The stopped task as the cause, as a Catch of an ECS error would have it.
        parameters: {
          Error: 'Tailor.JobExited',
          'Cause.$': `States.JsonToString(${RUN_RESULT_PATH})`,
        },
        resultPath: ERROR_PATH,
      }).next(record);
      definition = run.next(
        new Choice(scope, STATES.exited)
          .when(
            Condition.and(
              Condition.isPresent(exitCode),
              Condition.isNumeric(exitCode),
              Condition.numberEquals(exitCode, 0),
            ),
            done,
          )
          .otherwise(describeExit),
      );
    } else {
      definition = run.next(done);
    }
    return new StateMachine(scope, 'StateMachine', {
      comment: `Tailor ${kind} jobs: input {"kind": "${kind}", "arn": "<resource ARN>"}`,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: props.timeout,
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      // A workflow holds no data (its executions' history is in the logs), and a retained one
      // would point at the roles its stack deleted.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
