import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ASSEMBLY = join(__dirname, '../../../layers/core/recipes/ials/assembly');
const ASC = require.resolve('assemblyscript/bin/asc.js');

describe('the checked-in iALS WebAssembly kernel', () => {
  it('is kernel.ts compiled as asconfig.json says, byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'ials-kernel-'));
    try {
      execFileSync(process.execPath, [
        ASC,
        '--config',
        join(ASSEMBLY, 'asconfig.json'),
        '--outFile',
        join(out, 'kernel.wasm'),
      ]);

      const rebuilt = readFileSync(join(out, 'kernel.wasm'));
      const checkedIn = readFileSync(join(ASSEMBLY, 'kernel.wasm'));
      // On failure: npx asc --config layers/core/recipes/ials/assembly/asconfig.json
      expect(rebuilt.equals(checkedIn)).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
