import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink } from '../integration/helpers/test-server.ts';

// With several processes on one file, a write waited for the lock inside SQLite's busy handler:
// the event loop stood still for up to 5 s, and past that the client got 503 "database is
// locked". The store now waits without blocking and tries again.

describe('a write while another process holds the write lock', () => {
  const context = serverWithSink();

  it('is answered once the lock is free, not with database is locked, and other requests go on meanwhile', async () => {
    const { server, sink } = context;
    await activeScenario(server, triggerToWebhook('signup', sink.url));
    const other = new DatabaseSync(join(server.dataDir, 'hookflow.db'), { timeout: 5000 });
    other.exec('BEGIN IMMEDIATE');
    const answered: string[] = [];
    // Held past the busy timeout the store used to have (5 s).
    const release = new Promise<void>((resolve) =>
      setTimeout(() => {
        answered.push('lock released');
        other.exec('COMMIT');
        resolve();
      }, 6000),
    );
    try {
      const event = server
        .api('POST', '/api/events', { customer_id: 'c-1', type: 'signup' })
        .then((response) => (answered.push('event'), response));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const read = await server.api('GET', '/api/scenarios');
      answered.push('read');
      expect(read.status).toBe(200);
      const accepted = await event;
      expect(accepted.status).toBe(202);
      expect(answered).toEqual(['read', 'lock released', 'event']);
      await sink.waitFor(1);
    } finally {
      await release;
      other.close();
    }
  }, 20_000);
});
