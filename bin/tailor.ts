/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`). No account or region here:
 * the stack stays environment-agnostic, so synth runs offline.
 */
import { App } from 'aws-cdk-lib';
import { TailorStack } from '../lib/tailor-stack';

const app = new App();
new TailorStack(app, 'Tailor', {
  description: 'Tailor: a self-hosted, wire-compatible Amazon Personalize',
});
