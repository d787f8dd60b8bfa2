import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The management API key: from the environment, else read from `<dataDir>/api-key`, else
 * generated there (mode 0600). `generated` tells the caller to print it once.
 */
export function resolveApiKey(
  dataDir: string,
  fromEnv: string | undefined,
): { key: string; generated: boolean } {
  if (fromEnv) return { key: fromEnv, generated: false };
  const file = join(dataDir, 'api-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(dataDir, { recursive: true });
  const key = `hf_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}
