import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOrCreateKeyFile } from '../../server/api-key.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';

// Processes starting together on a new data folder (HOOKFLOW_PROCESSES=N, or several machines
// sharing one volume) each found no key file and wrote their own: the last write won the file,
// the others kept encrypting secrets with a master key nobody would read again. Now the first
// to put the file in place wins and every other process reads its key.

describe('a key file generated while another process generates it too', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDataDir));

  it("keeps the first process's key and gives it to the other, which does not call it generated", () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const file = join(dataDir, 'master.key');
    // The other process writes the file between this one's look and its write.
    const result = readOrCreateKeyFile(file, () => {
      writeFileSync(file, 'first-process-key\n', { mode: 0o600 });
      return 'second-process-key';
    });
    expect(result).toEqual({ key: 'first-process-key', generated: false });
    expect(readFileSync(file, 'utf8')).toBe('first-process-key\n');
    expect(readdirSync(dataDir)).toEqual(['master.key']);
  });

  it('is written whole, readable by its owner only, when nobody else writes it', () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const file = join(dataDir, 'keys', 'api-key');
    expect(readOrCreateKeyFile(file, () => 'hf_only-key')).toEqual({ key: 'hf_only-key', generated: true });
    expect(readFileSync(file, 'utf8')).toBe('hf_only-key\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dataDir, 'keys'))).toEqual(['api-key']);
    expect(readOrCreateKeyFile(file, () => 'hf_another')).toEqual({ key: 'hf_only-key', generated: false });
  });
});
