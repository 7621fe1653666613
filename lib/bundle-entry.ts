/**
 * Bundles one of Tailor's entry points (job-image/main.ts for the Fargate job
 * image, layers/core/index.ts for the core Lambda layer, a handler of lambdas/
 * for a function; see lib/bundle.ts) into one JavaScript file, with the files
 * the core reads beside its own modules at run time.
 *
 * The iALS and EASE kernels load `assembly/kernel.wasm` and start
 * `../wasm-worker.js` relative to their module's `__dirname`. In a bundle every
 * module shares the bundle's directory, so two kernels would read one path.
 * The bundle therefore keeps the repository's layout for those files: each
 * `__dirname` in the repository's own modules becomes the bundle's directory
 * joined with the module's folder, and every `.wasm` and plain `.js` file under
 * layers/ is copied to the same folder under the output.
 *
 * A bundle that leaves the core out (`external`, a function that takes it from
 * the layer) gets none of those files: they go with the core.
 *
 * Source maps name the sources by their repository path, not relative to the
 * output folder, so the same code gives the same bytes wherever it is built
 * (CDK hashes the layer and the functions by their output).
 *
 * Used at `cdk synth` (lib/bundle.ts: the layer, the functions, the job image's
 * folder), no Docker: `npx tsx lib/bundle-entry.ts <entry> <outdir> [external...]`.
 */
import { build, type Plugin } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The repository root: this file's parent folder's parent. */
export const ROOT = join(__dirname, '..');
const LAYERS = join(ROOT, 'layers');

export interface EntryBundle {
  /** The entry point, relative to the repository root. */
  entry: string;
  /** Where `index.js` (and its source map) and the copied files go. */
  outdir: string;
  /** Packages left to `require()` at run time: `@tailor/core` for a function on the layer. */
  external?: string[];
}

export async function bundleEntry({ entry, outdir: given, external = [] }: EntryBundle) {
  // From the caller's folder, not esbuild's working directory (ROOT).
  const outdir = resolve(given);
  const { outputFiles, metafile } = await build({
    entryPoints: { index: join(ROOT, entry) },
    outdir,
    // Input paths in the metafile relative to the repository, as the source maps' become.
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Packages' ES module builds first: esbuild drops what is never imported from them, which
    // it cannot do in CommonJS (over a quarter of the core layer, whose every byte each cold
    // start parses; docs/deploy.md, "Assets").
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    // The maps give stack traces (--enable-source-maps) their files and lines; the sources'
    // text would triple each map, which Node reads and parses at every cold start.
    sourcesContent: false,
    external,
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [repositoryDirname],
  });
  for (const file of outputFiles) {
    const folder = dirname(file.path);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      file.path,
      file.path.endsWith('.map') ? repositoryPaths(file.text, folder) : file.contents,
    );
  }
  if (!Object.keys(metafile.inputs).some((input) => input.startsWith('layers/'))) return;
  for (const file of runtimeFiles(LAYERS)) {
    const target = join(outdir, relative(ROOT, file));
    cpSync(file, target, { recursive: false });
  }
}

/** A source map whose sources are relative to its folder, made relative to ROOT. */
function repositoryPaths(text: string, folder: string): string {
  const map = JSON.parse(text) as { sources: string[] };
  map.sources = map.sources.map((source) =>
    relative(ROOT, resolve(folder, source)).split(sep).join('/'),
  );
  return JSON.stringify(map);
}

/** Each `__dirname` of a repository module, as that module's folder under the bundle. */
const repositoryDirname: Plugin = {
  name: 'repository-dirname',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (args.path.includes(`${sep}node_modules${sep}`) || !source.includes('__dirname')) {
        return undefined;
      }
      const folder = relative(ROOT, dirname(args.path)).split(sep).join('/');
      const contents = source.replace(
        /\b__dirname\b/g,
        `require('node:path').join(__dirname, ${JSON.stringify(folder)})`,
      );
      return { contents, loader: 'ts' };
    });
  },
};

/** The files modules read beside themselves: compiled kernels and plain-JS workers. */
function runtimeFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return runtimeFiles(path);
    return /\.(wasm|js)$/.test(entry.name) ? [path] : [];
  });
}

if (require.main === module) {
  const [entry, outdir, ...external] = process.argv.slice(2);
  if (!entry || !outdir) {
    console.error(
      'Usage: tsx lib/bundle-entry.ts <entry, e.g. job-image/main.ts> <outdir> [external package...]',
    );
    process.exit(2);
  }
  bundleEntry({ entry, outdir, external }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
