/**
 * The core layer's asset is hashed from its content (AssetHashType.OUTPUT), so the same code
 * must give the same bytes wherever it is built: else every synth in a new folder (a CI
 * checkout, another clone) would publish a new layer version and update every function.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import cdkJson from '../../cdk.json';
import { CoreLayer } from '../../lib/core-layer';

/** Every file under `dir`, by its path relative to it. */
const filesOf = (dir: string, root = dir): Record<string, Buffer> =>
  Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory()
        ? Object.entries(filesOf(path, root))
        : [[relative(root, path), readFileSync(path)]];
    }),
  );

/** Synthesizes a layer alone into `outdir`; returns its asset's hash and folder. */
function synthLayer(outdir: string): { hash: string; dir: string } {
  const app = new App({ context: cdkJson.context, outdir });
  const stack = new Stack(app, 'Layer');
  new CoreLayer(stack, 'Core');
  app.synth();
  const [layer] = Object.values(
    Template.fromStack(stack).findResources('AWS::Lambda::LayerVersion'),
  );
  const hash = String(layer!.Properties.Content.S3Key).replace(/\.zip$/, '');
  return { hash, dir: join(outdir, `asset.${hash}`) };
}

it('gives the same layer, byte for byte and by hash, from two output folders', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tailor-layer-'));
  try {
    // At different depths, so any path relative to the output folder would differ.
    const first = synthLayer(join(scratch, 'a'));
    const second = synthLayer(join(scratch, 'b', 'deeper', 'still'));

    expect(second.hash).toBe(first.hash);
    const firstFiles = filesOf(first.dir);
    expect(Object.keys(firstFiles)).toContain(
      join('nodejs', 'node_modules', '@tailor', 'core', 'index.js.map'),
    );
    expect(filesOf(second.dir)).toEqual(firstFiles);
    // Source maps name sources by repository path, which holds nothing of either folder.
    const map = firstFiles[join('nodejs', 'node_modules', '@tailor', 'core', 'index.js.map')]!;
    const { sources } = JSON.parse(map.toString()) as { sources: string[] };
    expect(sources).toContain('layers/core/index.ts');
    expect(sources.filter((source) => !/^(layers|node_modules)\//.test(source))).toEqual([]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}, 120_000);
