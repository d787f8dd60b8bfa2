import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateKeyFile } from '../api-key.ts';
import { SecretBox, SecretKeyMismatchError } from './secret-box.ts';

const CHECK_VALUE = 'hookflow-master-key-check';

/**
 * The secret box for this instance: key from HOOKFLOW_MASTER_KEY (base64 of 32 bytes), else
 * `<dataDir>/master.key`, generated once. A sealed check value in the store proves the key at
 * start: a different key fails start-up clearly instead of corrupting or losing secrets.
 */
export async function openSecretBox(options: {
  dataDir: string;
  fromEnv: string | undefined;
  check: { read(): Promise<string | null>; write(value: string): Promise<void> };
}): Promise<SecretBox> {
  const encoded =
    options.fromEnv ??
    readOrCreateKeyFile(join(options.dataDir, 'master.key'), () => randomBytes(32).toString('base64')).key;
  const box = new SecretBox(Buffer.from(encoded, 'base64'));
  const stored = await options.check.read();
  if (stored === null) {
    await options.check.write(box.seal(CHECK_VALUE));
    return box;
  }
  let opened: string;
  try {
    opened = box.open(stored);
  } catch (error) {
    if (!(error instanceof SecretKeyMismatchError)) throw error;
    throw new SecretKeyMismatchError(
      'the master key (HOOKFLOW_MASTER_KEY or DATA_DIR/master.key) is not the one the stored secrets were encrypted with; restore the original key',
    );
  }
  if (opened !== CHECK_VALUE) throw new SecretKeyMismatchError('the master key check value is wrong');
  return box;
}
