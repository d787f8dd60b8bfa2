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

/** The management API key: from the environment, else `<dataDir>/api-key`. */
export function resolveApiKey(
  dataDir: string,
  fromEnv: string | undefined,
): { key: string; generated: boolean } {
  if (fromEnv) return { key: fromEnv, generated: false };
  return readOrCreateKeyFile(join(dataDir, 'api-key'), () => `hf_${randomBytes(24).toString('base64url')}`);
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
