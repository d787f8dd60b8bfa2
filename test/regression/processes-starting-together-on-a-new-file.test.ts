import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// Each process read the schema version before taking the write lock, so two processes starting
// together on a new data folder both ran the first migration and one failed with "table
// scenarios already exists". The version is now read inside the migration's transaction.

const STORE = fileURLToPath(new URL('../../server/store/sqlite/sqlite-store.ts', import.meta.url));

/** Opens the store at `file` once the clock reaches `at`, so the processes start together. */
function opener(file: string, at: number): Promise<{ code: number | null; output: string }> {
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(STORE)});
    while (Date.now() < ${at}) {}
    const store = new SqliteStore(${JSON.stringify(file)});
    console.log((await store.scenarios.list({ limit: 1, offset: 0 })).length === 0 ? 'opened' : 'odd');
    await store.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('processes starting together on a new data folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('all open the store, each migration applied once', { timeout: 90_000 }, async () => {
    for (let round = 0; round < 3; round += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'hookflow-migrate-'));
      dirs.push(dir);
      // Late enough for every process to have loaded the code (seconds on a loaded machine).
      const at = Date.now() + 4000;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => opener(join(dir, 'hookflow.db'), at)),
      );
      for (const result of results) expect(result).toEqual({ code: 0, output: 'opened\n' });
    }
  });
});
