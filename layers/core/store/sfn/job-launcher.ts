/**
 * The JobLauncher of a deployment: each job is an execution of its kind's
 * Step Functions state machine, named after the resource so a stop finds it.
 * The state machines' ARNs come from the environment the stack sets.
 */
import {
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClientConfig,
} from '@aws-sdk/client-sfn';
import { ServiceError } from '../../api/errors';
import { JOB_KINDS, type JobKind, type JobLauncher } from '../job-ports';
import { createHash } from 'node:crypto';

/** `{"training": "arn:aws:states:...:stateMachine:...", ...}`, one entry per job kind. */
export const STATE_MACHINES_VARIABLE = 'TAILOR_JOB_STATE_MACHINES';

/** What a state machine execution receives: the job entry point's two arguments. */
export interface JobInput {
  kind: JobKind;
  arn: string;
}

/** The two calls the launcher makes, so tests can record them. */
export interface StepFunctions {
  start(stateMachineArn: string, name: string, input: JobInput): Promise<void>;
  stop(executionArn: string, cause: string): Promise<void>;
}

/**
 * Without the variable (the handler tests, a function deployed without jobs), job
 * requests say so plainly instead of leaving a resource pending forever.
 */
export const NO_JOB_RUNNER: JobLauncher = {
  stop: () => Promise.resolve(),
  launch: () =>
    Promise.reject(
      new ServiceError(
        'ServiceUnavailableException',
        'This deployment cannot run jobs: it has no job state machines.',
        503,
      ),
    ),
};

export function jobLauncherFromEnv(env: NodeJS.ProcessEnv): JobLauncher {
  const value = env[STATE_MACHINES_VARIABLE];
  if (!value) return NO_JOB_RUNNER;
  const machines = parseStateMachines(value);
  return new StepFunctionsJobLauncher(machines, sdkStepFunctions({}));
}

/** Throws naming every job kind that has no state machine. */
export function parseStateMachines(value: string): Record<JobKind, string> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(value) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${STATE_MACHINES_VARIABLE} is not JSON: ${(error as Error).message}`);
  }
  const missing = JOB_KINDS.filter((kind) => typeof parsed[kind] !== 'string');
  if (missing.length > 0) {
    throw new Error(`${STATE_MACHINES_VARIABLE} names no state machine for ${missing.join(', ')}.`);
  }
  return parsed as Record<JobKind, string>;
}

/**
 * An execution name from the resource ARN alone (1 to 80 of `A-Za-z0-9-_`): the
 * readable tail of the ARN, then a hash of the whole ARN, which keeps it unique.
 */
export function executionName(arn: string): string {
  const hash = createHash('sha256').update(arn).digest('hex').slice(0, 16);
  const readable = arn
    .split(':')
    .slice(5)
    .join('-')
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, 80 - hash.length - 1);
  return `${readable}-${hash}`;
}

/** `arn:…:stateMachine:{machine}` and a name give `arn:…:execution:{machine}:{name}`. */
export const executionArn = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

export class StepFunctionsJobLauncher implements JobLauncher {
  constructor(
    private readonly machines: Readonly<Record<JobKind, string>>,
    private readonly stepFunctions: StepFunctions,
  ) {}

  async launch(kind: JobKind, arn: string): Promise<void> {
    await this.stepFunctions.start(this.machines[kind], executionName(arn), { kind, arn });
  }

  /**
   * Stops the resource's execution, whichever kind it is: the stop port knows only
   * the ARN. An execution that is absent or already over is no error. The execution
   * ending ABORTED starts the recorder that leaves the resource CREATE STOPPED, and
   * the job itself watches its status too.
   */
  async stop(arn: string): Promise<void> {
    const name = executionName(arn);
    await Promise.all(
      Object.values<string>(this.machines).map((machine) =>
        this.stepFunctions.stop(executionArn(machine, name), `Stop requested for ${arn}`),
      ),
    );
  }
}

/** The SDK behind the StepFunctions port; SDK errors are translated here. */
export function sdkStepFunctions(config: SFNClientConfig): StepFunctions {
  const client = new SFNClient(config);
  return {
    async start(stateMachineArn, name, input) {
      try {
        await client.send(
          new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
        );
      } catch (error) {
        if ((error as Error).name === 'ExecutionAlreadyExists') {
          throw new ServiceError(
            'ResourceInUseException',
            `A job for ${input.arn} already ran in the last 90 days under the execution name ${name}; create the resource under another name.`,
            400,
            { cause: error },
          );
        }
        throw error;
      }
    },
    async stop(executionArn, cause) {
      try {
        await client.send(new StopExecutionCommand({ executionArn, cause }));
      } catch (error) {
        if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
      }
    },
  };
}
