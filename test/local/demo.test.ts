/**
 * `npm run demo` as a user runs it: a process of its own against the running service, with the
 * generated catalogue, and with MovieLens 100K when ../shared/datasets is beside the repository.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestService, type TestService } from '../helpers/local-service';

const ROOT = resolve(__dirname, '../..');
const ML_100K = join(ROOT, '..', 'shared', 'datasets', 'ml-100k');
const present = existsSync(join(ML_100K, 'u.data'));
if (!present) {
  console.warn(`Skipping the MovieLens 100K demo: ${ML_100K} is absent (see README).`);
}

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

function demo(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/demo.ts',
        '--endpoint',
        service.endpoint,
        '--s3-endpoint',
        service.s3Endpoint,
        ...args,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, output }));
  });
}

/** The genres of the list printed under the heading that contains `heading`. */
function genresUnder(output: string, heading: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex(
    (line) => line.startsWith('Recommendations') && line.includes(heading),
  );
  if (start < 0) return [];
  const list: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+\d+\. .* \[(.*)\]/.exec(line);
    if (!match) break;
    list.push(match[1]!);
  }
  return list;
}

it('loads, trains, deploys and shows a visitor’s events change their list', async () => {
  const { code, output } = await demo();
  expect(output).not.toMatch(/The demo stopped/);
  expect(code).toBe(0);
  for (const progress of [
    'import of interactions: ACTIVE',
    'training: ACTIVE',
    'campaign: ACTIVE',
  ]) {
    expect(output).toContain(progress);
  }
  expect(genresUnder(output, 'for user user-1')).toHaveLength(5);
  // Without events, the visitor gets popular items of every genre.
  expect(new Set(genresUnder(output, 'who has no events yet')).size).toBeGreaterThan(1);
  // Having taken three horror items, the visitor's next list is horror.
  expect(genresUnder(output, 'a moment later')).toEqual(Array(5).fill('Horror'));
}, 60_000);

(present ? it : it.skip)(
  'runs on MovieLens 100K given its folder',
  async () => {
    const { code, output } = await demo(ML_100K);
    expect(code).toBe(0);
    expect(output).toContain('MovieLens 100K');
    expect(genresUnder(output, 'a moment later')).toHaveLength(5);
  },
  120_000,
);
