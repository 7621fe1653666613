/**
 * `npm run bench -- <name> [args]` runs scripts/bench/<name>.ts in a process of
 * its own, so one bench's memory (peak RSS is a target) and warm-up never
 * colour another's.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const benches = readdirSync(__dirname)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length));
const [name, ...args] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  console.error(`Usage: npm run bench -- <${benches.join('|')}> [args]`);
  process.exit(2);
}
const { status } = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(__dirname, `${name}.ts`), ...args],
  {
    stdio: 'inherit',
    // The SDK's Node-version notice would sit in the middle of a bench's table.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
);
process.exit(status ?? 1);
