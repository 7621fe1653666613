/**
 * CloudWatch alarms on what needs an operator: function errors and throttles,
 * API 5xx answers, and job workflows that failed or timed out. A job that
 * fails for the user's reasons (bad CSV, too little data) ends CREATE FAILED
 * with a succeeded execution, so these alarms mean Tailor itself is unwell.
 */
import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IMetric,
  type MetricOptions,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** The functions, by a name used in the alarm's description. */
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly api: RestApi;
  readonly stateMachines: Readonly<Record<string, StateMachine>>;
  /** @default - no action: the alarms show in the console only */
  readonly topic?: ITopic;
}

/** Occurrences in five minutes. */
const SUM: MetricOptions = { period: Duration.minutes(5), statistic: 'Sum' };

export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(
        `${name}Errors`,
        `The ${name} function failed (errors, timeouts)`,
        fn.metricErrors(SUM),
      );
      this.add(`${name}Throttles`, `The ${name} function was throttled`, fn.metricThrottles(SUM));
    }
    this.add(
      'Api5xx',
      'The API answered with server errors (5xx)',
      props.api.metricServerError(SUM),
    );
    for (const [kind, sm] of Object.entries(props.stateMachines)) {
      this.add(`${kind}Failed`, `A ${kind} job workflow failed`, sm.metricFailed(SUM));
      this.add(`${kind}TimedOut`, `A ${kind} job workflow timed out`, sm.metricTimedOut(SUM));
    }
    if (props.topic) {
      const action = new SnsAction(props.topic);
      for (const alarm of this.alarms) alarm.addAlarmAction(action);
    }
  }

  /** Any occurrence in five minutes; no data (nothing happened) is fine. */
  private add(id: string, description: string, metric: IMetric): void {
    this.alarms.push(
      new Alarm(this, id, {
        alarmDescription: `Tailor: ${description}`,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
