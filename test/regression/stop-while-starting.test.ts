import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServerProcess } from '../integration/helpers/server-process.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';

// The server listened for SIGTERM only once it had started: a stop that came while it started
// (a supervisor's, or the cluster primary's while it replaced a dead process) killed it on the
// spot, with deliveries it may have leased already held until another process took them over.
// Now the signal is listened for from the start, and the server stops cleanly once started.

describe('a server stopped while it starts', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDataDir));

  it('finishes starting, stops cleanly and exits 0', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const server = spawnServerProcess(dataDir, { LOG_LEVEL: 'info' });
    // The store file exists early in start-up, well before the server listens.
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(dataDir, 'hookflow.db'))) {
      if (Date.now() > deadline) throw new Error(`no store file within 30 s:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(server.output()).not.toContain('Hookflow is running');
    server.child.kill('SIGTERM');
    expect(await server.exitedHow).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('"msg":"shutting down"');
  }, 60_000);
});
