import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../server/store/sqlite/migrations.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, sinkAndDataDir, startTestServer, waitForRun } from './helpers/test-server.ts';

describe('per-node counts of a database from before the counters', () => {
  const context = sinkAndDataDir();

  it('are rebuilt from the stored history when the database is upgraded', async () => {
    context.sink.respond = (request) => ({ status: request.body.includes('bad') ? 500 : 200 });
    const first = await startTestServer(context.dataDir);
    let scenarioId: string;
    try {
      scenarioId = await activeScenario(first, {
        nodes: [
          triggerNode('trigger', 'ping'),
          webhookNode('hook', context.sink.url, {
            body: '{"customer":"{{ customer.id }}"}',
            retry: { maxAttempts: 1 },
          }),
        ],
        edges: [edge('trigger', 'hook')],
      });
      const sent = await first.api('POST', '/api/events', [
        { customer_id: 'ok-1', type: 'ping' },
        { customer_id: 'ok-2', type: 'ping' },
        { customer_id: 'bad-1', type: 'ping' },
      ]);
      for (const event of sent.body.events)
        await waitForRun(first, event.runIds[0], (run) => ['completed', 'failed'].includes(run.status));
      // Every version together, the default.
      expect((await first.api('GET', `/api/scenarios/${scenarioId}/stats`)).body).toEqual({
        version: null,
        nodes: {
          trigger: { entered: 3, waiting: 0, succeeded: 3, failed: 0, branches: { out: 3 } },
          hook: { entered: 3, waiting: 0, succeeded: 2, failed: 1, branches: { success: 2, failure: 1 } },
        },
      });
    } finally {
      await first.close();
    }

    // The database as the release before the counters left it, upgraded by the counters' step
    // alone: its backfill rebuilds them from the stored history.
    const db = new DatabaseSync(join(context.dataDir, 'hookflow.db'));
    const counters = STEPS.find((step) => step.includes('CREATE TABLE step_counts'))!;
    db.exec('DROP TABLE step_counts');
    db.exec(counters);
    db.close();

    const upgraded = await startTestServer(context.dataDir);
    try {
      // That release kept no outputs in its history: the edges' counts start from the upgrade.
      expect((await upgraded.api('GET', `/api/scenarios/${scenarioId}/stats`)).body).toEqual({
        version: null,
        nodes: {
          trigger: { entered: 3, waiting: 0, succeeded: 3, failed: 0 },
          hook: { entered: 3, waiting: 0, succeeded: 2, failed: 1 },
        },
      });
    } finally {
      await upgraded.close();
    }
  });
});
