import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileAssembly } from '../../helpers/assembly';

const ASSEMBLY = join(__dirname, '../../../layers/core/recipes/ials/assembly');

describe('the checked-in iALS WebAssembly kernel', () => {
  it('is kernel.ts compiled as asconfig.json says, byte for byte', () => {
    const rebuilt = compileAssembly(ASSEMBLY);
    const checkedIn = readFileSync(join(ASSEMBLY, 'kernel.wasm'));
    // On failure: npx asc --config layers/core/recipes/ials/assembly/asconfig.json
    expect(rebuilt.equals(checkedIn)).toBe(true);
  }, 60_000);
});
