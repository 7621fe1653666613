/**
 * The `bundleCore` option's template and its checks; test/local/bundled-core.test.ts runs the
 * bundles themselves.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import cdkJson from '../../cdk.json';
import { Tailor, type TailorProps } from '../../lib/tailor';

const ROOT = resolve(__dirname, '../..');

/** Without bundling, which the template does not need. */
const synthTailor = (props: TailorProps) => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Scratch');
  const tailor = new Tailor(stack, 'Tailor', props);
  return { tailor, template: Template.fromStack(stack) };
};

it('makes no layer and gives no function one, with Fargate jobs too', () => {
  const { tailor, template } = synthTailor({ bundleCore: true });

  expect(tailor.coreLayer).toBeUndefined();
  template.resourceCountIs('AWS::Lambda::LayerVersion', 0);
  for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
    expect(fn.Properties.Layers ?? []).toEqual([]);
  }
  // The job image carries its own bundle whatever the functions do.
  template.resourceCountIs('AWS::ECS::TaskDefinition', 1);
});

it('fails on a bundleCore that is not a boolean', () => {
  expect(() => synthTailor({ bundleCore: 'yes' as unknown as boolean })).toThrow(
    /bundleCore must be true or false, got "yes"\./,
  );
});

it('refuses a -c bundleCore that is neither true nor false, before building anything', () => {
  const out = mkdtempSync(join(tmpdir(), 'tailor-synth-'));
  const synth = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'cdk'),
    ['synth', '--quiet', '--no-notices', '-c', 'bundleCore=yes', '-o', out],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } },
  );

  rmSync(out, { recursive: true, force: true });

  expect(synth.status).not.toBe(0);
  expect(synth.stderr).toContain('Context bundleCore must be true or false, got "yes".');
  expect(synth.stderr).not.toContain('Bundling asset');
}, 60_000);
