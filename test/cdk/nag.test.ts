/**
 * cdk-nag's AWS Solutions rules over the default stack: no finding is left
 * unacknowledged, and every acknowledgement states its specific reason.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cdkJson from '../../cdk.json';
import { TailorStack } from '../../lib/tailor-stack';

/** A stand-in for the console's build (`npm run build:console`), which the site deploys. */
const consoleAssetsDir = mkdtempSync(join(tmpdir(), 'tailor-nag-console-'));
writeFileSync(join(consoleAssetsDir, 'index.html'), '<!doctype html>');

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['the default stack', {}],
    ['a stack with Lambda job compute', { jobCompute: 'lambda' as const }],
    ['a stack with the console', { console: true, consoleAssetsDir }],
  ])('finds no unacknowledged error or warning in %s', (_, tailor) => {
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const stack = new TailorStack(app, 'Tailor', { tailor });

    const report = new AwsSolutionsChecks(app).validateScope(stack);

    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.ruleName} at ${resource.resourceLogicalId}`,
      ),
    );
    expect(findings).toEqual([]);
  });
});

describe('cdk-nag acknowledgements', () => {
  it('gives every acknowledged finding a reason of its own', () => {
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const stack = new TailorStack(app, 'Tailor');

    const acknowledged = stack.node
      .findAll()
      .flatMap((node) => node.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>));

    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, value] of acknowledged) {
      const reason = JSON.stringify(value);
      expect({ id, long: reason.length > 40 }).toEqual({ id, long: true });
    }
    const distinctReasons = new Set(acknowledged.map(([, value]) => JSON.stringify(value)));
    const distinctRules = new Set(acknowledged.map(([id]) => id.replace(/\[.*$/, '')));
    expect(distinctReasons.size).toBeGreaterThanOrEqual(distinctRules.size);
  });
});
