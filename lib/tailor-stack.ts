/** The stack `cdk deploy` creates: one Tailor and what clients and operators need to find it. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ACCESS_KEYS_TABLE, METADATA_TABLE } from '../layers/core/store/tables';
import { Tailor, type TailorProps } from './tailor';

export interface TailorStackProps extends StackProps {
  /** @default - Tailor's own defaults (IAM auth, Fargate jobs) */
  readonly tailor?: TailorProps;
}

export class TailorStack extends Stack {
  readonly tailor: Tailor;

  constructor(scope: Construct, id: string, props: TailorStackProps = {}) {
    super(scope, id, props);
    const tailor = (this.tailor = new Tailor(this, 'Tailor', props.tailor));
    new CfnOutput(this, 'ApiUrl', {
      description:
        tailor.auth === 'iam'
          ? 'Endpoint for the Personalize clients (requests are signed for execute-api)'
          : 'Endpoint for the Personalize clients (signed for personalize with Tailor-issued keys)',
      value: tailor.api.url,
    });
    if (tailor.consoleUrl) {
      new CfnOutput(this, 'ConsoleUrl', {
        description: 'The browser console: sign in with credentials the API accepts',
        value: tailor.consoleUrl,
      });
    }
    new CfnOutput(this, 'Auth', {
      description: 'Who checks signatures: iam (API Gateway) or sigv4 (the functions)',
      value: tailor.auth,
    });
    new CfnOutput(this, 'Prefix', {
      description: "This Tailor's name: of its API and dashboard, and in its job events",
      value: tailor.prefix,
    });
    new CfnOutput(this, 'MetadataTable', {
      description: 'The resource metadata table',
      value: tailor.tables[METADATA_TABLE.id].tableName,
    });
    if (tailor.secretsKey) {
      // What `npm run keys -- --stack <name>` reads to issue keys.
      new CfnOutput(this, 'AccessKeysTable', {
        description: 'The Tailor-issued access keys (npm run keys -- --stack)',
        value: tailor.tables[ACCESS_KEYS_TABLE.id].tableName,
      });
      new CfnOutput(this, 'SecretsKey', {
        description: "The KMS key that seals the access keys' secrets",
        value: tailor.secretsKey.keyArn,
      });
    }
    new CfnOutput(this, 'DataBucket', {
      description: "Tailor's own bucket: imported data, models",
      value: tailor.dataBucket.bucketName,
    });
    new CfnOutput(this, 'JobCompute', {
      description: 'Where jobs run: fargate or lambda',
      value: tailor.jobCompute,
    });
    new CfnOutput(this, 'NotificationTopic', {
      description: 'Where alarms and failed jobs notify: subscribe to it',
      value: tailor.notificationTopic.topicArn,
    });
    new CfnOutput(this, 'Dashboard', {
      description: "Tailor's CloudWatch dashboard",
      value: tailor.dashboard.dashboardName,
    });
    new CfnOutput(this, 'JobRole', {
      description: 'The role jobs run as: grant it read on your import buckets',
      value: roleArnOf(tailor),
    });
  }
}

const roleArnOf = (tailor: Tailor): string => {
  const role = tailor.jobPrincipal.grantPrincipal;
  return 'roleArn' in role ? (role as { roleArn: string }).roleArn : '';
};
