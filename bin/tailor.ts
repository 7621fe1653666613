/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`). No account or region here:
 * the stack stays environment-agnostic, so synth runs offline.
 *
 * Context (`-c name=value`) picks the variants: `jobCompute=lambda` (jobs in a
 * Lambda function: no Docker to deploy, and what LocalStack Community can run)
 * and `auth=sigv4` (the functions check signatures with Tailor-issued keys).
 */
import { App } from 'aws-cdk-lib';
import type { ApiAuth } from '../lib/api';
import type { JobComputeKind } from '../lib/job-compute';
import { TailorStack } from '../lib/tailor-stack';

const app = new App();
const jobCompute = app.node.tryGetContext('jobCompute') as JobComputeKind | undefined;
const auth = app.node.tryGetContext('auth') as ApiAuth | undefined;
new TailorStack(app, 'Tailor', {
  description: 'Tailor: a self-hosted, wire-compatible Amazon Personalize',
  tailor: { ...(jobCompute ? { jobCompute } : {}), ...(auth ? { auth } : {}) },
});
