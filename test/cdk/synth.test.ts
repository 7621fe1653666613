/**
 * `npx cdk synth` as a user runs it: cdk.json's app command, the real bundling of the
 * functions and the core layer, and the job image's build context staged (nothing is built).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

it('synthesizes the default stack with the CDK CLI, building no image', () => {
  const out = mkdtempSync(join(tmpdir(), 'tailor-synth-'));
  try {
    const synth = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'cdk'),
      ['synth', '--quiet', '--no-notices', '-o', out],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } },
    );
    expect(synth.stderr).not.toMatch(/Error/);
    expect(synth.status).toBe(0);
    const template = JSON.parse(readFileSync(join(out, 'Tailor.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
    for (const type of [
      'AWS::ApiGateway::RestApi',
      'AWS::Lambda::LayerVersion',
      'AWS::StepFunctions::StateMachine',
      'AWS::ECS::TaskDefinition',
      'AWS::DynamoDB::Table',
    ]) {
      expect(types).toContain(type);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
