// Builds the console after `npm install`, so that `npm start` serves it on a fresh clone
// (docs/console.md). An install without the dev dependencies (a production install) has no
// Vite and no console to build: it says so and goes on.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite/package.json');
} catch {
  process.stdout.write(
    'tailor: Vite is not installed, so the console is not built (npm run build:console).\n',
  );
  process.exit(0);
}
execFileSync('npm', ['run', 'build:console', '--silent'], { stdio: 'inherit' });
