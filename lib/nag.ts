/**
 * cdk-nag (AwsSolutions) findings Tailor accepts, each with its own reason.
 * Rules about a construct are acknowledged where the construct is made; the
 * wildcard resources of IAM grants (AwsSolutions-IAM5) are acknowledged here,
 * once every grant is made, and only for the patterns listed below: any other
 * wildcard stays a finding.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** Acknowledges one cdk-nag finding on a construct and everything under it. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** The Lambda basic execution role: logs only, to the function's own group. */
export const BASIC_EXECUTION_ROLE =
  'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** Wildcard resources CDK's grants write, by the flattened resource's shape. */
const WILDCARD_RESOURCES: readonly { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^<[A-Za-z0-9]+\.Arn>\/index\/\*$/,
    reason:
      "A table grant covers the table's indexes: the stores query them (byKind, byParent, byRecordedTime).",
  },
  {
    pattern: /^<[A-Za-z0-9]+Function[A-Za-z0-9]*\.Arn>:\*$/,
    reason: "Step Functions' LambdaInvoke grant covers the function's versions and aliases.",
  },
  {
    pattern: /:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\*$/,
    reason:
      "Executions of Tailor's own state machines, named per job at run time: stopping a job stops its execution.",
  },
  {
    pattern: /^arn:<AWS::Partition>:iam::<AWS::AccountId>:role\/\*$/,
    reason:
      "Roles a request names as its roleArn, known only at run time; each role's trust policy decides whether Tailor's jobs may assume it, as it does for Personalize.",
  },
  {
    pattern: /^arn:<AWS::Partition>:iam::<AWS::AccountId>:(role|user)\/\*$/,
    reason:
      "The control plane's iam:PassRole check reads the policies (GetRole, SimulatePrincipalPolicy) of whichever user or role calls the API, known only at run time.",
  },
  {
    pattern: /TaskDefinition|JobTasksTask/,
    reason: "EcsRunTask's grant covers the revisions of Tailor's own job task definition.",
  },
];

/** Actions that take no resource, or whose resources are named at run time, for `Resource::*`. */
const RESOURCELESS_ACTIONS: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray',
  'xray:PutTelemetryRecords': 'X-Ray',
  'xray:GetSamplingRules': 'X-Ray',
  'xray:GetSamplingTargets': 'X-Ray',
  'ecr:GetAuthorizationToken': 'ECR authorization',
  'logs:CreateLogDelivery': 'vended log delivery',
  'logs:GetLogDelivery': 'vended log delivery',
  'logs:UpdateLogDelivery': 'vended log delivery',
  'logs:DeleteLogDelivery': 'vended log delivery',
  'logs:ListLogDeliveries': 'vended log delivery',
  'logs:PutResourcePolicy': 'vended log delivery',
  'logs:DescribeResourcePolicies': 'vended log delivery',
  'logs:DescribeLogGroups': 'vended log delivery',
  'ecs:DescribeTasks': 'the .sync wait on a task whose ARN exists only once it runs',
  'ecs:StopTask': 'the .sync wait on a task whose ARN exists only once it runs',
};

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Acknowledges the known wildcard resources of every IAM policy under `scope`;
 * `objects` are buckets whose objects (`arn/*`) Tailor's parts may be granted.
 */
export function acknowledgeWildcardGrants(scope: IConstruct, objects: readonly IBucket[]): void {
  const objectArns = new Set(
    objects.map((bucket) =>
      flattenCfnReference(Stack.of(scope).resolve(bucket.arnForObjects('*'))),
    ),
  );
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnPolicy)) continue;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Statement[] };
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      for (const resource of list(statement.Resource).map((r) => flattenCfnReference(r))) {
        if (!resource.includes('*')) continue;
        const reason =
          resource === '*'
            ? resourcelessReason(list(statement.Action))
            : objectArns.has(resource)
              ? 'Objects of a bucket the jobs use: keys name datasets, versions and exports created at run time.'
              : wildcardReason(resource);
        if (reason) acknowledge(node, `IAM5[Resource::${resource}]`, reason);
      }
    }
  }
}

/**
 * Acknowledges every wildcard action and resource of the IAM policies under `scope`, for a role
 * whose every grant a CDK construct writes (and changes with aws-cdk-lib), with that reason.
 */
export function acknowledgeConstructGrants(scope: IConstruct, reason: string): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnPolicy)) continue;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Statement[] };
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      const wildcards = [
        ...list(statement.Action).map((action) => `Action::${action}`),
        ...list(statement.Resource).map((resource) => `Resource::${flattenCfnReference(resource)}`),
      ].filter((finding) => finding.includes('*'));
      for (const finding of wildcards) acknowledge(node, `IAM5[${finding}]`, reason);
    }
  }
}

function wildcardReason(resource: string): string | undefined {
  return WILDCARD_RESOURCES.find(({ pattern }) => pattern.test(resource))?.reason;
}

function resourcelessReason(actions: string[]): string | undefined {
  if (!actions.every((action) => action in RESOURCELESS_ACTIONS)) return undefined;
  const services = new Set(actions.map((action) => RESOURCELESS_ACTIONS[action]));
  return `These actions take no resource ARN (${[...services].join('; ')}).`;
}
