/**
 * Automatic training in a deployment: an EventBridge Scheduler schedule invokes one function
 * every 10 minutes, which starts the solution versions and recommender retrainings due
 * (layers/core/operations/scheduled/scheduled-training.ts), the same function the local
 * service's timer runs
 * (docs/deploy.md: Automatic training). The schedule may invoke that function and nothing else;
 * the function may do what the control plane does to start a version, and no more.
 */
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction, ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ROOT } from './bundle-entry';
import { TailorFunction } from './function';
import type { Jobs } from './jobs';
import type { Stores } from './stores';

/**
 * How often the function looks for due trainings: a version starts at most 10 minutes after it
 * falls due, so the first one comes about an hour after its solution, as in Personalize.
 */
export const SCHEDULED_TRAINING_RATE = 'rate(10 minutes)';

export interface ScheduledTrainingProps {
  readonly coreLayer: ILayerVersion | undefined;
  readonly environment: Record<string, string>;
  readonly stores: Stores;
  readonly jobs: Jobs;
  readonly tokenKey: ISecret;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class ScheduledTraining extends Construct {
  readonly function: IFunction;
  readonly schedule: CfnSchedule;

  constructor(scope: Construct, id: string, props: ScheduledTrainingProps) {
    super(scope, id);
    const fn = (this.function = new TailorFunction(this, 'Function', {
      entry: join(ROOT, 'lambdas', 'scheduled', 'index.ts'),
      coreLayer: props.coreLayer,
      description:
        'Tailor automatic training: starts the solution versions and recommender retrainings due',
      environment: { ...props.environment, ...props.jobs.launcherEnvironment() },
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      // Reads every solution; starting a version takes a few calls each.
      timeout: Duration.minutes(5),
    }).function);
    props.stores.grantManageResources(fn);
    props.tokenKey.grantRead(fn);
    props.jobs.grantLaunch(fn);

    const role = new Role(this, 'SchedulerRole', {
      description: 'Lets the automatic training schedule invoke its function, and nothing else',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      inlinePolicies: {
        Invoke: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['lambda:InvokeFunction'],
              resources: [fn.functionArn],
            }),
          ],
        }),
      },
    });
    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: 'Starts the solution versions automatic training has due',
      scheduleExpression: SCHEDULED_TRAINING_RATE,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: role.roleArn,
        // A missed hour is caught up by the next: what fell due stays due.
        retryPolicy: { maximumRetryAttempts: 0 },
      },
    });
  }
}
