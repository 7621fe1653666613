/** The deployed JobLauncher: one Step Functions execution per job, named after its resource. */
import { JOB_KINDS, type JobKind } from '../../../layers/core/store/job-ports';
import {
  executionArn,
  executionName,
  jobLauncherFromEnv,
  parseStateMachines,
  STATE_MACHINES_VARIABLE,
  StepFunctionsJobLauncher,
  type JobInput,
  type StepFunctions,
} from '../../../layers/core/store/sfn/job-launcher';

const machineArn = (kind: string) =>
  `arn:aws:states:eu-west-1:123456789012:stateMachine:shop-${kind}`;
const MACHINES = Object.fromEntries(JOB_KINDS.map((kind) => [kind, machineArn(kind)])) as Record<
  JobKind,
  string
>;
const VERSION_ARN = 'arn:aws:personalize:eu-west-1:123456789012:solution-version/shop/1a2b3c4d';

/** Records the calls, as Step Functions would receive them. */
function recordingStepFunctions() {
  const started: { stateMachineArn: string; name: string; input: JobInput }[] = [];
  const stopped: string[] = [];
  const port: StepFunctions = {
    start: async (stateMachineArn, name, input) => {
      started.push({ stateMachineArn, name, input });
    },
    stop: async (arn) => {
      stopped.push(arn);
    },
  };
  return { port, started, stopped };
}

describe('StepFunctionsJobLauncher', () => {
  it("starts the kind's state machine with the kind and ARN, named after the ARN", async () => {
    const { port, started } = recordingStepFunctions();

    await new StepFunctionsJobLauncher(MACHINES, port).launch('training', VERSION_ARN);

    expect(started).toEqual([
      {
        stateMachineArn: machineArn('training'),
        name: executionName(VERSION_ARN),
        input: { kind: 'training', arn: VERSION_ARN },
      },
    ]);
  });

  it('stops the execution its launch started, whichever kind it was', async () => {
    const { port, started, stopped } = recordingStepFunctions();
    const launcher = new StepFunctionsJobLauncher(MACHINES, port);
    await launcher.launch('training', VERSION_ARN);

    await launcher.stop(VERSION_ARN);

    const { stateMachineArn, name } = started[0]!;
    expect(stopped).toContain(executionArn(stateMachineArn, name));
    expect(executionArn(stateMachineArn, name)).toBe(
      `arn:aws:states:eu-west-1:123456789012:execution:shop-training:${name}`,
    );
  });
});

describe('executionName', () => {
  it('is the same for the same ARN and differs between ARNs', () => {
    expect(executionName(VERSION_ARN)).toBe(executionName(VERSION_ARN));
    expect(executionName(VERSION_ARN)).not.toBe(executionName(`${VERSION_ARN}0`));
  });

  it('keeps to what Step Functions allows, even for the longest ARN', () => {
    const long = `arn:aws:personalize:eu-west-1:123456789012:dataset-import-job/${'n'.repeat(63)}`;

    for (const arn of [VERSION_ARN, long]) {
      expect(executionName(arn)).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    }
    expect(executionName(VERSION_ARN)).toMatch(/^solution-version-shop-1a2b3c4d-[0-9a-f]{16}$/);
  });
});

describe('jobLauncherFromEnv', () => {
  it('refuses jobs plainly where no state machines are configured', async () => {
    const launcher = jobLauncherFromEnv({});

    await expect(launcher.launch('training', VERSION_ARN)).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
    });
  });

  it('fails naming the kinds that have no state machine', () => {
    expect(() => parseStateMachines(JSON.stringify({ training: machineArn('training') }))).toThrow(
      new RegExp(`${STATE_MACHINES_VARIABLE} names no state machine for dataset-import, `),
    );
    expect(() => parseStateMachines('{')).toThrow(/is not JSON/);
  });
});
