/**
 * What an operator watches (docs/deploy.md, "Notifications" and "Dashboard"):
 *
 * - alarms on what needs an operator: function errors and throttles, API 5xx answers, and job
 *   workflows that failed or timed out. A job that fails for the user's reasons (bad CSV, too
 *   little data) ends CREATE FAILED with a succeeded execution, so these alarms mean Tailor
 *   itself is unwell;
 * - one SNS topic that the alarms and every job ending CREATE FAILED notify, made here unless
 *   one is given, with an optional email subscription;
 * - one CloudWatch dashboard of the API, the functions, the job workflows and Tailor's own
 *   metrics.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
  type IWidget,
  type MetricOptions,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../lambdas/shared/observability';
import { JOB_EVENT_DETAIL_TYPE, JOB_EVENT_SOURCE } from '../layers/core/store/job-events';
import { FAILED } from '../layers/core/domain/jobs';

export interface MonitoringProps {
  /** Tailor's prefix: names the dashboard, and tells this Tailor's job events from others'. */
  readonly prefix: string;
  /** Every function, by a name used in alarms and widgets. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** The API functions' Powertools service names (lambdas/shared/handler.ts): control, ... */
  readonly apiServices: readonly string[];
  readonly api: RestApi;
  readonly stateMachines: Readonly<Record<string, StateMachine>>;
  /** @default - a topic made here, encrypted */
  readonly topic?: ITopic;
  /** @default - no subscription */
  readonly notificationEmail?: string;
  /** The customer-managed key of a topic made here. @default - a key made for the topic */
  readonly encryptionKey?: IKey;
}

/** Occurrences in five minutes. */
const SUM: MetricOptions = { period: Duration.minutes(5), statistic: 'Sum' };
const WIDTH = 8;

export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  /** Where alarms and failed jobs notify. */
  readonly topic: ITopic;
  /** Sends every job that ends CREATE FAILED to the topic. */
  readonly failedJobs: Rule;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const functions = Object.entries(props.functions);
    const machines = Object.entries(props.stateMachines);
    for (const [name, fn] of functions) {
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
    for (const [kind, sm] of machines) {
      this.add(`${kind}Failed`, `A ${kind} job workflow failed`, sm.metricFailed(SUM));
      this.add(`${kind}TimedOut`, `A ${kind} job workflow timed out`, sm.metricTimedOut(SUM));
    }

    const topic = (this.topic = props.topic ?? this.encryptedTopic(props.encryptionKey));
    if (props.notificationEmail) {
      topic.addSubscription(new EmailSubscription(props.notificationEmail));
    }
    const action = new SnsAction(topic);
    for (const alarm of this.alarms) alarm.addAlarmAction(action);

    const detail = (path: string) => EventField.fromPath(`$.detail.${path}`);
    this.failedJobs = new Rule(this, 'FailedJobs', {
      description: `Tailor ${props.prefix}: jobs that ended ${FAILED}, to the notification topic`,
      eventPattern: {
        source: [JOB_EVENT_SOURCE],
        detailType: [JOB_EVENT_DETAIL_TYPE],
        // The account too: a bus may receive other accounts' events.
        account: [Stack.of(this).account],
        detail: { status: [FAILED], prefix: [props.prefix] },
      },
      targets: [
        new SnsTopic(topic, {
          message: RuleTargetInput.fromText(
            `Tailor ${props.prefix}: the ${detail('kind')} job ${detail('resourceArn')} ended ${FAILED}: ${detail('failureReason')}`,
          ),
        }),
      ],
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${props.prefix}-dashboard`,
      widgets: [
        [
          new TextWidget({
            markdown: `# Tailor ${props.prefix}\nThe API, Tailor's own metrics, the functions, the job workflows.`,
            width: 24,
            height: 2,
          }),
        ],
        this.apiWidgets(props.api),
        [this.ownMetricsWidget(props.apiServices)],
        this.functionWidgets(functions),
        this.jobWidgets(machines),
      ],
    });
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

  /**
   * SNS encrypted with a key of Tailor's own: AWS's managed SNS key lets neither CloudWatch nor
   * EventBridge publish. Messages are not kept, so the key goes with the stack.
   */
  private encryptedTopic(customerKey: IKey | undefined): Topic {
    const key =
      customerKey ??
      new Key(this, 'TopicKey', {
        description: 'Encrypts the Tailor notification topic',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.DESTROY,
        pendingWindow: Duration.days(7),
      });
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      key.grant(new ServicePrincipal(service), 'kms:Decrypt', 'kms:GenerateDataKey*');
    }
    return new Topic(this, 'Topic', {
      displayName: 'Tailor notifications',
      masterKey: key,
      enforceSSL: true,
    });
  }

  private apiWidgets(api: RestApi): IWidget[] {
    return [
      new GraphWidget({ title: 'API requests', left: [api.metricCount(SUM)], width: WIDTH }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [
          api.metricLatency({ statistic: 'p50', label: 'p50' }),
          api.metricLatency({ statistic: 'p99', label: 'p99' }),
        ],
        width: WIDTH,
      }),
      new GraphWidget({
        title: 'API 4xx and 5xx',
        left: [
          api.metricClientError({ ...SUM, label: '4xx' }),
          api.metricServerError({ ...SUM, label: '5xx' }),
        ],
        width: WIDTH,
      }),
    ];
  }

  /** The answers each API function counted itself (lambdas/shared/handler.ts). */
  private ownMetricsWidget(services: readonly string[]): IWidget {
    const own = (metricName: string) =>
      services.map(
        (service) =>
          new Metric({
            namespace: METRICS_NAMESPACE,
            metricName,
            // Powertools' default dimension: the handler's service name.
            dimensionsMap: { service },
            label: `${metricName} ${service}`,
            ...SUM,
          }),
      );
    return new GraphWidget({
      title: `Client errors and faults by function (${METRICS_NAMESPACE})`,
      left: [...own('ClientErrors'), ...own('Faults')],
      width: 24,
    });
  }

  private functionWidgets(functions: [string, IFunction][]): IWidget[] {
    const each = (metric: (fn: IFunction, name: string) => IMetric) =>
      functions.map(([name, fn]) => metric(fn, name));
    return [
      new GraphWidget({
        title: 'Function errors',
        left: each((fn, label) => fn.metricErrors({ ...SUM, label })),
        width: WIDTH,
      }),
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: each((fn, label) => fn.metricDuration({ statistic: 'p99', label })),
        width: WIDTH,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: each((fn, label) => fn.metricThrottles({ ...SUM, label })),
        width: WIDTH,
      }),
    ];
  }

  private jobWidgets(machines: [string, StateMachine][]): IWidget[] {
    return [
      new GraphWidget({
        title: 'Job workflow duration (ms)',
        left: machines.map(([kind, sm]) => sm.metricTime({ statistic: 'Maximum', label: kind })),
        width: WIDTH,
      }),
      new GraphWidget({
        title: 'Job workflows failed or timed out',
        left: machines.flatMap(([kind, sm]) => [
          sm.metricFailed({ ...SUM, label: `${kind} failed` }),
          sm.metricTimedOut({ ...SUM, label: `${kind} timed out` }),
        ]),
        width: WIDTH,
      }),
      new GraphWidget({
        title: `Jobs ended ${FAILED}`,
        left: [
          new Metric({
            namespace: 'AWS/Events',
            metricName: 'TriggeredRules',
            dimensionsMap: { RuleName: this.failedJobs.ruleName },
            label: 'all kinds',
            ...SUM,
          }),
        ],
        width: WIDTH,
      }),
    ];
  }
}
