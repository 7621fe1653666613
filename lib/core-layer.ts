/**
 * The shared core as a Lambda layer: layers/core/index.ts, bundled with the AWS SDK it
 * uses, as the package `@tailor/core` (`nodejs/node_modules/@tailor/core`, which Lambda's
 * NODE_PATH reaches at /opt/nodejs/node_modules). Every Tailor function loads it and
 * leaves `@tailor/core` out of its own bundle (lib/function.ts).
 *
 * Built at synth by lib/bundle-entry.ts, run locally (lib/bundle.ts): no Docker. That
 * build keeps the iALS and EASE kernels' `.wasm` files and worker script at
 * their repository paths under the package, where the bundled trainers look for them, so
 * the job function trains from the layer as the job image does from its own bundle.
 */
import { AssetHashType, type ILocalBundling } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bundle-entry';
import { bundleAtSynth, localOnly } from './bundle';

/** The package the layer provides and the functions import. */
export const CORE_PACKAGE = '@tailor/core';
const ENTRY = 'layers/core/index.ts';

/** Where the package's `index.js` lies in a layer's content. */
export const corePackageDir = (layerDir: string): string =>
  join(layerDir, 'nodejs', 'node_modules', ...CORE_PACKAGE.split('/'));

/** Writes the layer's content into `outputDir`: the bundled core, its source map and kernels. */
export function buildCoreLayer(outputDir: string): void {
  const packageDir = corePackageDir(outputDir);
  bundleAtSynth(ENTRY, packageDir);
  writeFileSync(
    join(packageDir, 'package.json'),
    `${JSON.stringify({ name: CORE_PACKAGE, private: true, main: 'index.js' }, null, 2)}\n`,
  );
}

/** One per Tailor, shared by all its functions. */
export class CoreLayer extends Construct {
  readonly layerVersion: LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const local: ILocalBundling = {
      tryBundle(outputDir) {
        buildCoreLayer(outputDir);
        return true;
      },
    };
    this.layerVersion = new LayerVersion(this, 'Layer', {
      description: `Tailor core: ${CORE_PACKAGE}, the operations, stores and AWS SDK of its functions`,
      compatibleRuntimes: [Runtime.NODEJS_22_X],
      compatibleArchitectures: [Architecture.ARM_64],
      // Hashed from the bundle, so the repository is never fingerprinted and an unchanged
      // core keeps its layer version.
      code: Code.fromAsset(join(ROOT, 'layers'), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: localOnly(local),
      }),
    });
  }
}
