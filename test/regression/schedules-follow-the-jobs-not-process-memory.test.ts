import { afterEach, describe, expect, it } from 'vitest';
import { SCHEDULE_JOB } from '../../server/triggers/schedule-triggers.ts';
import { edge, webhookNode } from '../integration/helpers/scenarios.ts';
import { sinkAndDataDir, startTestServer, type TestServer } from '../integration/helpers/test-server.ts';

// Each process remembered which schedules it had registered: a deactivation through another
// process left the schedule standing, and a schedule changed back through the first process
// after a change through the other kept the other's. Both now compare with the jobs themselves.

const withCron = (cron: string, url: string) => ({
  nodes: [
    {
      id: 'when',
      type: 'trigger.schedule',
      config: {
        schedule: { mode: 'cron', cron, timezone: 'UTC' },
        audience: { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }] },
      },
    },
    webhookNode('hook', url),
  ],
  edges: [edge('when', 'hook')],
});

/** The cron expressions of the schedule jobs saved in the shared file. */
const savedCrons = (server: TestServer) =>
  (
    server.store.db.prepare('SELECT repeat_interval FROM agenda_jobs WHERE name = ?').all(SCHEDULE_JOB) as {
      repeat_interval: string;
    }[]
  ).map((row) => row.repeat_interval);

describe('schedules changed through two servers on one data folder', () => {
  const context = sinkAndDataDir();
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('stand as last activated, through whichever server, and go with a deactivation through either', async () => {
    const first = await startTestServer(context.dataDir);
    const second = await startTestServer(context.dataDir);
    servers.push(first, second);
    const activate = async (server: TestServer, id: string, cron: string) => {
      const saved = await server.api('PATCH', `/api/scenarios/${id}`, {
        definition: withCron(cron, context.sink.url),
      });
      expect(saved.status).toBe(200);
      expect((await server.api('POST', `/api/scenarios/${id}/activate`)).status).toBe(200);
    };
    const created = await first.api('POST', '/api/scenarios', {
      name: 'every morning',
      definition: withCron('0 9 * * *', context.sink.url),
    });
    const id: string = created.body.id;
    await activate(first, id, '0 9 * * *');
    await activate(second, id, '0 18 * * *');
    await activate(first, id, '0 9 * * *');
    expect(savedCrons(first)).toEqual(['0 9 * * *']);

    expect((await second.api('POST', `/api/scenarios/${id}/deactivate`)).status).toBe(200);
    expect(savedCrons(first)).toEqual([]);
  });
});
