import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const INDEX = `${ROOT}editor/dist/index.html`;
const LOCK = join(tmpdir(), 'hookflow-e2e-editor-build.lock');

/**
 * Makes sure the editor bundle exists before the server starts (it serves `editor/dist` only
 * if it exists at start). CI runs `npm run build` first; a local `npm test` builds it once here,
 * with a lock folder so parallel test files do not build over each other.
 */
export async function ensureEditorBuilt(): Promise<void> {
  if (existsSync(INDEX)) return;
  let owner = false;
  // A lock left by a crashed run would block every later one.
  if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000)
    rmSync(LOCK, { recursive: true, force: true });
  try {
    mkdirSync(LOCK);
    owner = true;
  } catch {
    // Another test file is building: wait for its result.
  }
  if (!owner) {
    for (let waited = 0; !existsSync(INDEX) && waited < 120_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return;
  }
  try {
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}editor/vite.config.ts`, logLevel: 'warn' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
