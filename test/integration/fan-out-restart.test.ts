import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../../engine/template/index.ts';
import { systemClock } from '../../server/runtime/clock.ts';
import { DEAD_AFTER_MS } from '../../server/runtime/process-registry.ts';
import { FanOutService } from '../../server/triggers/fan-out.ts';
import {
  activeVersionOf,
  equals,
  receivedIds,
  scheduleToWebhook,
  seedCustomers,
  waitForFanOut,
} from './helpers/fan-out-fixtures.ts';
import { activeScenario, sinkAndDataDir, startTestServer } from './helpers/test-server.ts';

const CUSTOMERS = 2500;

describe('fan-outs across restarts', () => {
  const context = sinkAndDataDir();
  const { sink } = context;

  /** Starts a fan-out over every customer and stops the server after its first page. */
  async function stopAfterFirstPage() {
    const first = await startTestServer(context.dataDir);
    const ids = await seedCustomers(first.store, CUSTOMERS, () => ({ plan: 'pro' }));
    const scenarioId = await activeScenario(first, scheduleToWebhook(sink.url));
    const record = await first.fanOut.start({
      scenarioId,
      version: await activeVersionOf(first, scenarioId),
      triggerNodeId: 'when',
      source: 'schedule',
      target: { kind: 'audience', filter: { rules: [equals('plan', 'pro')] } as any },
    });
    // stop() lets the page under way finish: the fan-out stays running, one page done.
    await first.fanOut.stop();
    const stopped = await first.api('GET', `/api/fan-outs/${record.id}`);
    expect(stopped.body).toMatchObject({ status: 'running', started: 1000 });
    return { first, ids, id: record.id };
  }

  async function resumeAndCheck(id: string, ids: string[]) {
    const second = await startTestServer(context.dataDir);
    try {
      expect((await waitForFanOut(second, id)).at(-1)).toMatchObject({ status: 'done', started: CUSTOMERS });
      await sink.waitFor(CUSTOMERS, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receivedIds(sink.received)).toEqual(ids);
      const runs = second.store.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
      expect(runs.n).toBe(CUSTOMERS);
    } finally {
      await second.close();
    }
  }

  it('resumes a fan-out from its saved cursor after a restart, each customer once', async () => {
    const { first, ids, id } = await stopAfterFirstPage();
    await first.close();
    await resumeAndCheck(id, ids);
  }, 60_000);

  it('saves each page once when two processes resume the same fan-out at the same time', async () => {
    const { first, ids, id } = await stopAfterFirstPage();
    try {
      // Two more services on the same store, as two processes would recover after a crash.
      const { catalog, stepper, dispatcher } = first.runtime;
      const logger = pino({ level: 'silent' });
      const twins = await Promise.all(
        [1, 2].map(async (n) => {
          const registry = { id: `proc_twin_${n}`, liveSince: () => Date.now() - DEAD_AFTER_MS };
          await first.store.processes.beat({
            id: registry.id,
            host: 'h',
            pid: n,
            startedAt: '',
            heartbeatAt: Date.now(),
          });
          const templates = createTemplateEngine();
          const options = {
            store: first.store,
            catalog,
            stepper,
            templates,
            dispatcher,
            clock: systemClock,
            logger,
          };
          return new FanOutService({ ...options, registry });
        }),
      );
      await Promise.all(twins.map((twin) => twin.recover()));
      expect((await waitForFanOut(first, id)).at(-1)).toMatchObject({ status: 'done', started: CUSTOMERS });
      await Promise.all(twins.map((twin) => twin.stop()));
      await sink.waitFor(CUSTOMERS, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receivedIds(sink.received)).toEqual(ids);
      const runs = first.store.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
      expect(runs.n).toBe(CUSTOMERS);
    } finally {
      await first.close();
    }
  }, 60_000);
});
