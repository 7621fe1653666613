/** The stack `cdk deploy` creates: one Tailor and the URL to point clients at. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Tailor } from './tailor';

export class TailorStack extends Stack {
  readonly tailor: Tailor;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.tailor = new Tailor(this, 'Tailor');
    new CfnOutput(this, 'ApiUrl', {
      description: 'Endpoint for the Personalize clients (requests are signed for execute-api)',
      value: this.tailor.api.url,
    });
  }
}
