/** Compiles an AssemblyScript kernel as its asconfig.json says, so a test can compare the bytes checked in. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ASC = require.resolve('assemblyscript/bin/asc.js');

export function compileAssembly(assemblyDir: string): Buffer {
  const out = mkdtempSync(join(tmpdir(), 'kernel-'));
  try {
    execFileSync(process.execPath, [
      ASC,
      '--config',
      join(assemblyDir, 'asconfig.json'),
      '--outFile',
      join(out, 'kernel.wasm'),
    ]);
    return readFileSync(join(out, 'kernel.wasm'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
