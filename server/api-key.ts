import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A key kept in a file of the data folder: read when present, else generated there with mode
 * 0600. `generated` tells the caller it is new (the API key is then printed once).
 */
export function readOrCreateKeyFile(
  file: string,
  generate: () => string,
): { key: string; generated: boolean } {
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = generate();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}

/**
 * Where the management API key comes from: `HOOKFLOW_API_KEY`, or the data folder's `api-key`
 * file (printed once, when the server generated it). The sign-in page words its hint by it.
 */
export type ApiKeySource = 'environment' | 'data-folder';

/** The management API key: from the environment, else `<dataDir>/api-key`. */
export function resolveApiKey(
  dataDir: string,
  fromEnv: string | undefined,
): { key: string; generated: boolean; source: ApiKeySource } {
  if (fromEnv) return { key: fromEnv, generated: false, source: 'environment' };
  const file = readOrCreateKeyFile(
    join(dataDir, 'api-key'),
    () => `hf_${randomBytes(24).toString('base64url')}`,
  );
  return { ...file, source: 'data-folder' };
}

/** The events ingestion key (`POST /api/events` only): from the environment, else `<dataDir>/ingest-key`. */
export function resolveIngestKey(
  dataDir: string,
  fromEnv: string | undefined,
): { key: string; generated: boolean } {
  if (fromEnv) return { key: fromEnv, generated: false };
  return readOrCreateKeyFile(
    join(dataDir, 'ingest-key'),
    () => `hfi_${randomBytes(24).toString('base64url')}`,
  );
}
