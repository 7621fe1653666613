/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`). No account or region here:
 * the stack stays environment-agnostic, so synth runs offline.
 *
 * Context (`-c name=value`, or cdk.json's "context") picks the variants:
 * `jobCompute=lambda` (jobs in a Lambda function: no Docker to deploy, and what
 * LocalStack Community can run), `auth=sigv4` (the functions check signatures
 * with Tailor-issued keys), `bundleCore=true` (the core in each function's
 * bundle, not a layer: LocalStack Community does not mount layers) and `console=true` (the
 * browser console's site, once `npm run build:console` has built it).
 */
import { App } from 'aws-cdk-lib';
import type { ApiAuth } from '../lib/api';
import type { JobComputeKind } from '../lib/job-compute';
import { TailorStack } from '../lib/tailor-stack';
import { parseQuotas } from '../layers/core/domain/quotas';

const app = new App();
const jobCompute = app.node.tryGetContext('jobCompute') as JobComputeKind | undefined;
const auth = app.node.tryGetContext('auth') as ApiAuth | undefined;
// Subscribed to the topic of alarms and failed jobs (docs/deploy.md, "Notifications").
const notificationEmail = app.node.tryGetContext('notificationEmail') as string | undefined;
const bundleCore = booleanContext('bundleCore');
// The browser console's site (docs/deploy.md, "The console"); build it first.
const withConsole = booleanContext('console');
// `-c quotas=datasetGroups=50,filtersPerDatasetGroup=30` (docs/quotas.md).
const quotasContext: unknown = app.node.tryGetContext('quotas');
const quotas =
  quotasContext === undefined ? undefined : parseQuotas(String(quotasContext), 'Context quotas');
new TailorStack(app, 'Tailor', {
  description: 'Tailor: a self-hosted, wire-compatible Amazon Personalize',
  tailor: {
    ...(jobCompute ? { jobCompute } : {}),
    ...(auth ? { auth } : {}),
    ...(notificationEmail ? { notificationEmail } : {}),
    ...(bundleCore !== undefined ? { bundleCore } : {}),
    ...(withConsole !== undefined ? { console: withConsole } : {}),
    ...(quotas ? { quotas } : {}),
  },
});

/** `-c name=true` arrives as the string "true"; cdk.json may hold the boolean. */
function booleanContext(name: string): boolean | undefined {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context ${name} must be true or false, got ${JSON.stringify(value)}.`);
}
