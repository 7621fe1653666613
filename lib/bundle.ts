/**
 * Tailor's code as CDK assets: every bundle (a function's handler, the core layer's
 * package, the job image's folder) is built at synth by lib/bundle-entry.ts, on this
 * machine, so synth needs no Docker and runs offline, and all of them are built alike.
 */
import { AssetHashType, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';
import { Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { spawnSync } from 'node:child_process';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { ROOT } from './bundle-entry';

/**
 * Runs lib/bundle-entry.ts in a process of its own: CDK bundles synchronously, and
 * esbuild's plugins (the `__dirname` rewrite) run only in its asynchronous build.
 */
export function bundleAtSynth(entry: string, outdir: string, external: string[] = []): void {
  const path = isAbsolute(entry) ? relative(ROOT, entry) : entry;
  const result = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), join(ROOT, 'lib', 'bundle-entry.ts'), path, outdir, ...external],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(`lib/bundle-entry.ts ${path} failed (exit ${result.status}).`);
  }
}

/** Bundling options that only ever bundle locally, by `local`. */
export const localOnly = (local: ILocalBundling): BundlingOptions => ({
  local,
  // Used only if local bundling were refused; it never is.
  image: Runtime.NODEJS_22_X.bundlingImage,
  command: ['sh', '-c', 'echo "lib/bundle.ts bundles locally" && exit 1'],
});

/**
 * A handler's bundle. The fields are part of CDK's asset cache key (it serializes the
 * bundling options), so two entries never share one cached bundle.
 */
class EntryBundling implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly external: string[],
  ) {}

  tryBundle(outputDir: string): boolean {
    bundleAtSynth(this.entry, outputDir, this.external);
    return true;
  }
}

/**
 * A function's code: `index.js` exporting the entry's `handler`, with `external`
 * left to `require()` at run time.
 */
export const handlerCode = (entry: string, external: string[]): Code =>
  // Hashed from the bundle, so the repository is never fingerprinted and unchanged code
  // keeps its asset. The source folder is only where CDK would mount a Docker build.
  Code.fromAsset(dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: localOnly(new EntryBundling(entry, external)),
  });
