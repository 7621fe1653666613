/**
 * Bundles an entry point that reaches the trainers (training/main.ts for the
 * Fargate job image, layers/core/index.ts for the core Lambda layer, see
 * lib/core-layer.ts) into one JavaScript file, with the files the core reads
 * beside its own modules at run time.
 *
 * The iALS and EASE kernels load `assembly/kernel.wasm` and start
 * `../wasm-worker.js` relative to their module's `__dirname`. In a bundle every
 * module shares the bundle's directory, so two kernels would read one path.
 * The bundle therefore keeps the repository's layout for those files: each
 * `__dirname` in the repository's own modules becomes the bundle's directory
 * joined with the module's folder, and every `.wasm` and plain `.js` file under
 * layers/ is copied to the same folder under the output.
 *
 * Used at `cdk synth` (local bundling of the layer, no Docker) and in the
 * Dockerfile's build stage: `npx tsx training/build.ts <entry> <outdir>`.
 */
import { build, type Plugin } from 'esbuild';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The repository root: this file's parent folder's parent. */
export const ROOT = join(__dirname, '..');
const LAYERS = join(ROOT, 'layers');

export interface JobBundle {
  /** The entry point, relative to the repository root. */
  entry: string;
  /** Where `index.js` (and its source map) and the copied files go. */
  outdir: string;
}

export async function bundleJob({ entry, outdir }: JobBundle): Promise<void> {
  await build({
    entryPoints: { index: join(ROOT, entry) },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [repositoryDirname],
  });
  for (const file of runtimeFiles(LAYERS)) {
    const target = join(outdir, relative(ROOT, file));
    cpSync(file, target, { recursive: false });
  }
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
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) {
    console.error('Usage: tsx training/build.ts <entry, e.g. training/main.ts> <outdir>');
    process.exit(2);
  }
  bundleJob({ entry, outdir }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
