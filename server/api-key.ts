import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A key kept in a file of the data folder: read when present, else generated there with mode
 * 0600. `generated` tells the caller it is new (the API key is then printed once). Processes that
 * start together on a new data folder all end up with the same key: each writes its own to a
 * temporary file and links it to the name, which only the first link gets (the others read it),
 * so nobody ever reads a name whose content is half-written.
 */
export function readOrCreateKeyFile(
  file: string,
  generate: () => string,
): { key: string; generated: boolean } {
  if (existsSync(file)) return { key: readKey(file), generated: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = generate();
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, `${key}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
    return { key, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: readKey(file), generated: false };
  } finally {
    unlinkSync(draft);
  }
}

const readKey = (file: string) => readFileSync(file, 'utf8').trim();

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
