/**
 * The synthesized job workflows, run locally by aws-local-stepfunctions with
 * each task state replaced by a local function: success, a retried ECS error,
 * a failed exit, a caught error, and what the recorder makes of each failure.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import cdkJson from '../../cdk.json';
import { JOB_KINDS } from '../../layers/core/store/job-ports';
import { describeFailure, type CaughtFailure } from '../../lambdas/jobs/failure';
import { STATES } from '../../lib/jobs';
import { TailorStack } from '../../lib/tailor-stack';
import type { TailorProps } from '../../lib/tailor';

// aws-local-stepfunctions 3 targets Node 22, which has Promise.withResolvers; Node 20 lacks it.
const promises = Promise as unknown as { withResolvers?: () => unknown };
promises.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
};

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Named by CloudFormation: found by the construct path in the logical ID (`TailorJobstraining…`). */
const machineIdOf = (kind: string): string => `TailorJobs${kind.replace(/-/g, '')}StateMachine`;

/** A template's `Fn::Join` definition as ASL, each reference a readable placeholder. */
function definitionOf(template: Template, kind: string): StateMachineDefinition {
  const [machine] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine'))
    .filter(([id]) => id.startsWith(machineIdOf(kind)))
    .map(([, sm]) => sm);
  const [, parts] = machine!.Properties.DefinitionString['Fn::Join'] as [string, unknown[]];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = (part as { Ref?: string }).Ref;
      if (ref && PSEUDO[ref]) return PSEUDO[ref];
      return `placeholder-${JSON.stringify(part).replace(/[^A-Za-z0-9]+/g, '-')}`;
    })
    .join('');
  return JSON.parse(text) as StateMachineDefinition;
}

const synth = (tailor: TailorProps): Template => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(
    new TailorStack(app, 'Tailor', { tailor: { prefix: 'sm', ...tailor } }),
  );
};

/** An error as a service integration raises it: the name is what Retry and Catch match. */
const serviceError = (name: string, message: string): Error =>
  Object.assign(new Error(message), { name });

const INPUT = {
  kind: 'training',
  arn: 'arn:aws:personalize:eu-west-1:123456789012:solution/shop/abcd1234',
};

/** The stopped task as ECS's DescribeTasks gives it, as much as the workflow reads. */
const stoppedTask = (
  exitCode: number | undefined,
  reason = 'Essential container in task exited',
) => ({
  StoppedReason: reason,
  Containers: [{ Name: 'Job', ...(exitCode === undefined ? {} : { ExitCode: exitCode }) }],
});

interface Run {
  /** The execution's output, or the ExecutionError it failed with. */
  outcome: unknown;
  runCalls: unknown[];
  recorded: CaughtFailure[];
}

async function execute(
  definition: StateMachineDefinition,
  run: (input: unknown, attempt: number) => unknown,
): Promise<Run> {
  const runCalls: unknown[] = [];
  const recorded: CaughtFailure[] = [];
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
  const execution = machine.run(INPUT, {
    overrides: {
      taskResourceLocalHandlers: {
        [STATES.run]: async (input) => {
          runCalls.push(input);
          return run(input, runCalls.length) as never;
        },
        [STATES.record]: async (input) => {
          recorded.push((input as unknown as { Payload: CaughtFailure }).Payload);
          return { Payload: null };
        },
      },
      retryIntervalOverrides: { [STATES.run]: 0, [STATES.record]: 0 },
    },
  });
  const outcome = await execution.result.catch((error: unknown) => error);
  return { outcome, runCalls, recorded };
}

describe('job state machines', () => {
  let fargate: Template;
  let lambda: Template;
  beforeAll(() => {
    fargate = synth({});
    lambda = synth({ jobCompute: 'lambda' });
  });

  it('makes one state machine per job kind, named by CloudFormation and never retained', () => {
    const machines = fargate.findResources('AWS::StepFunctions::StateMachine');
    expect(Object.keys(machines)).toHaveLength(JOB_KINDS.length);
    for (const kind of JOB_KINDS) {
      const [machine] = Object.entries(machines).filter(([id]) => id.startsWith(machineIdOf(kind)));
      expect(machine?.[1]).toMatchObject({ DeletionPolicy: 'Delete' });
      expect(machine?.[1].Properties.StateMachineName).toBeUndefined();
    }
  });

  describe('on Fargate', () => {
    let definition: StateMachineDefinition;
    beforeAll(() => {
      definition = definitionOf(fargate, 'training');
    });

    it('runs the job task with the kind and ARN as its command and succeeds on exit code 0', async () => {
      const { outcome, runCalls, recorded } = await execute(definition, () => stoppedTask(0));

      expect(outcome).not.toBeInstanceOf(Error);
      expect(runCalls).toHaveLength(1);
      expect(runCalls[0]).toMatchObject({
        LaunchType: 'FARGATE',
        Overrides: { ContainerOverrides: [{ Name: 'Job', Command: [INPUT.kind, INPUT.arn] }] },
      });
      expect(recorded).toEqual([]);
    });

    it('retries a RunTask call that failed before the task started', async () => {
      const { outcome, runCalls, recorded } = await execute(definition, (_, attempt) => {
        if (attempt < 3) throw serviceError('ECS.AmazonECSException', 'Capacity is unavailable');
        return stoppedTask(0);
      });

      expect(outcome).not.toBeInstanceOf(Error);
      expect(runCalls).toHaveLength(3);
      expect(recorded).toEqual([]);
    });

    it('records a task that exited with an error, with the stop reason and exit code', async () => {
      const { outcome, runCalls, recorded } = await execute(definition, () =>
        stoppedTask(137, 'OutOfMemoryError: Container killed due to memory usage'),
      );

      expect(outcome).toBeInstanceOf(ExecutionError);
      expect(runCalls).toHaveLength(1);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({ ...INPUT, error: { Error: 'Tailor.JobExited' } });
      expect(describeFailure(recorded[0]!).reason).toBe(
        "The job's task ended before the job finished (Tailor.JobExited): OutOfMemoryError: Container killed due to memory usage (exit code 137)",
      );
    });

    it('records a task whose container never ran', async () => {
      const { recorded } = await execute(definition, () =>
        stoppedTask(undefined, 'CannotPullContainerError: pull access denied'),
      );

      expect(describeFailure(recorded[0]!).reason).toContain(
        'CannotPullContainerError: pull access denied (the job never ran)',
      );
    });

    it('catches a failed task without retrying it, and records the failure', async () => {
      const { outcome, runCalls, recorded } = await execute(definition, () => {
        throw serviceError('States.TaskFailed', JSON.stringify(stoppedTask(1, 'Task failed')));
      });

      expect(outcome).toBeInstanceOf(ExecutionError);
      expect(runCalls).toHaveLength(1);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.error.Error).toBe('States.TaskFailed');
      expect(describeFailure(recorded[0]!)).toMatchObject({
        kind: 'training',
        arn: INPUT.arn,
        reason: expect.stringContaining('Task failed (exit code 1)'),
      });
    });

    it('gives up retrying after four more attempts and records the last error', async () => {
      const { outcome, runCalls, recorded } = await execute(definition, () => {
        throw serviceError('ECS.AmazonECSException', 'Capacity is unavailable');
      });

      expect(outcome).toBeInstanceOf(ExecutionError);
      expect(runCalls).toHaveLength(5);
      expect(describeFailure(recorded[0]!).reason).toBe(
        "The job's task ended before the job finished (ECS.AmazonECSException): Capacity is unavailable",
      );
    });
  });

  describe('on Lambda', () => {
    let definition: StateMachineDefinition;
    beforeAll(() => {
      definition = definitionOf(lambda, 'training');
    });

    it('invokes the job function with the kind and ARN and succeeds when it returns', async () => {
      const { outcome, runCalls, recorded } = await execute(definition, () => ({ Payload: null }));

      expect(outcome).not.toBeInstanceOf(Error);
      expect(runCalls).toEqual([
        { FunctionName: expect.any(String), Payload: { kind: INPUT.kind, arn: INPUT.arn } },
      ]);
      expect(recorded).toEqual([]);
    });

    it('retries Lambda service errors', async () => {
      const { outcome, runCalls } = await execute(definition, (_, attempt) => {
        if (attempt === 1) throw serviceError('Lambda.ServiceException', 'Internal error');
        return { Payload: null };
      });

      expect(outcome).not.toBeInstanceOf(Error);
      expect(runCalls).toHaveLength(2);
    });

    it('records a job function that failed, with its error message', async () => {
      const { outcome, recorded } = await execute(definition, () => {
        throw serviceError(
          'Sandbox.Timedout',
          JSON.stringify({
            errorType: 'Sandbox.Timedout',
            errorMessage: 'Task timed out after 900.00 seconds',
          }),
        );
      });

      expect(outcome).toBeInstanceOf(ExecutionError);
      expect(describeFailure(recorded[0]!).reason).toBe(
        "The job's task ended before the job finished (Sandbox.Timedout): Task timed out after 900.00 seconds",
      );
    });
  });
});

describe('the recorder, on an execution no Catch saw', () => {
  it('explains a stopped execution and a timed-out one', () => {
    const event = (status: string) => ({
      'detail-type': 'Step Functions Execution Status Change' as const,
      detail: {
        status,
        input: JSON.stringify(INPUT),
        executionArn: 'arn:aws:states:::execution:x:y',
      },
    });

    expect(describeFailure(event('ABORTED'))).toEqual({
      ...INPUT,
      reason: "The job's workflow was stopped before the job finished.",
    });
    expect(describeFailure(event('TIMED_OUT')).reason).toMatch(/past its time limit/);
  });

  it('fails on an input that is no job', () => {
    expect(() =>
      describeFailure({ kind: 'cooking', arn: 'x', error: {} } as unknown as CaughtFailure),
    ).toThrow(/Not a job's input/);
  });
});
