/**
 * What each function costs a cold start before its handler runs: the size of its bundle and the
 * time to `require()` it (with the core: the layer's, or its own with bundleCore) with source
 * maps enabled as the functions have them, the median of fresh node processes. Synthesizes the Lambda-jobs stack with the real esbuild bundles, once
 * with the core layer and once with the core bundled into each function (LocalStack's build).
 *
 *   npm run bench -- bundles [processes=9]
 */
import { App } from 'aws-cdk-lib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cdkJson from '../../cdk.json';
import { corePackageDir } from '../../lib/core-layer';
import type { TailorProps } from '../../lib/tailor';
import { TailorStack } from '../../lib/tailor-stack';
import { tableEnvironment, tableNames } from '../../layers/core/store/tables';

const processes = Number(process.argv[2] ?? 9);

/** What contextFromEnv needs at import; nothing is called, so no store needs to exist. */
const ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ...tableEnvironment(tableNames('bench')),
  TAILOR_ACCOUNT: '123456789012',
  TAILOR_TOKEN_KEY: 'bench',
  TAILOR_DATA_BUCKET: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

interface Asset {
  name: string;
  /** The file `require()` loads. */
  main: string;
  dir: string;
  /** Where `@tailor/core` is found, for a function that takes it from the layer. */
  nodePath: string;
}

function synthesize(outdir: string, tailor: TailorProps): Asset[] {
  const app = new App({ context: cdkJson.context, outdir });
  new TailorStack(app, 'Tailor', { tailor });
  const { Resources } = app.synth().getStackByName('Tailor').template as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const dirOf = (code: unknown) =>
    join(outdir, `asset.${(code as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`);
  const layers = Object.values(Resources).filter((r) => r.Type === 'AWS::Lambda::LayerVersion');
  const layerDir = layers[0] && dirOf(layers[0].Properties.Content);
  const assets: Asset[] = layerDir
    ? [
        {
          name: 'core layer',
          main: join(corePackageDir(layerDir), 'index.js'),
          dir: layerDir,
          nodePath: '',
        },
      ]
    : [];
  for (const [id, resource] of Object.entries(Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    if (!resource.Properties.Code) continue;
    const dir = dirOf(resource.Properties.Code);
    assets.push({
      // TailorControlFunction12AB34CD: Control
      name: id.replace(/^Tailor/, '').replace(/(Run)?Function[0-9A-F]{8}$/, ''),
      main: join(dir, 'index.js'),
      dir,
      nodePath: layerDir ? join(layerDir, 'nodejs', 'node_modules') : '',
    });
  }
  return assets;
}

const bytesIn = (path: string): number =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((sum, entry) => sum + bytesIn(join(path, entry)), 0)
    : statSync(path).size;

/**
 * Milliseconds to require the bundle in a fresh process, elapsed and on the CPU, the medians of
 * `processes`. The CPU time is the steadier figure on a busy machine.
 */
function requireMs(asset: Asset): { wall: number; cpu: number } {
  const script = `const t = process.hrtime.bigint(), c = process.cpuUsage();
    require(${JSON.stringify(asset.main)});
    const { user, system } = process.cpuUsage(c);
    console.log(Number(process.hrtime.bigint() - t) / 1e6, (user + system) / 1e3);`;
  const runs = Array.from({ length: processes }, () => {
    // As the functions run (lib/function.ts): Node reads each bundle's source map as it loads.
    const run = spawnSync(process.execPath, ['--enable-source-maps', '-e', script], {
      env: { ...ENV, NODE_PATH: asset.nodePath },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`${asset.name}: ${run.stderr}`);
    return run.stdout.trim().split(' ').map(Number) as [number, number];
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
  return { wall: median(runs.map(([wall]) => wall)), cpu: median(runs.map(([, cpu]) => cpu)) };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

for (const [variant, tailor] of [
  ['core layer', { jobCompute: 'lambda' }],
  ['bundleCore', { jobCompute: 'lambda', bundleCore: true }],
] as [string, TailorProps][]) {
  const outdir = mkdtempSync(join(tmpdir(), 'tailor-bench-bundles-'));
  try {
    const assets = synthesize(outdir, tailor);
    console.log(`\n${variant} (median of ${processes} processes on node ${process.version})`);
    console.log('| asset | index.js | folder | require(), elapsed | require(), CPU |');
    console.log('| --- | --: | --: | --: | --: |');
    for (const asset of assets) {
      const { wall, cpu } = requireMs(asset);
      console.log(
        `| ${asset.name} | ${kB(readFileSync(asset.main).length)} | ${kB(bytesIn(asset.dir))} | ${wall.toFixed(0)} ms | ${cpu.toFixed(0)} ms |`,
      );
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
