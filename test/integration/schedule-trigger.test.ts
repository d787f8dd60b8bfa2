import { CronExpressionParser } from 'cron-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULE_JOB } from '../../server/triggers/schedule-triggers.ts';
import { equals, receivedIds, scheduleToWebhook, seedCustomers } from './helpers/fan-out-fixtures.ts';
import { HttpSink } from './helpers/http-sink.ts';
import {
  type TestServer,
  activeScenario,
  makeDataDir,
  removeDataDir,
  startTestServer,
} from './helpers/test-server.ts';

type JobRow = {
  data: string;
  next_run_at: number | null;
  repeat_interval: string | null;
  repeat_timezone: string | null;
};

/** The schedule jobs Agenda saved, as rows of its table. */
const scheduleJobs = (server: TestServer) =>
  server.store.db
    .prepare('SELECT data, next_run_at, repeat_interval, repeat_timezone FROM agenda_jobs WHERE name = ?')
    .all(SCHEDULE_JOB) as JobRow[];

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

async function fanOutsOf(server: TestServer, scenarioId: string): Promise<any[]> {
  return (await server.api('GET', `/api/scenarios/${scenarioId}/fan-outs`)).body.items;
}

describe('scheduled triggers', () => {
  let dataDir: string;
  let server: TestServer;
  const sink = new HttpSink();

  beforeEach(async () => {
    sink.received.length = 0;
    await sink.start();
    dataDir = makeDataDir();
    server = await startTestServer(dataDir);
    await seedCustomers(server.store, 4, (n) => ({ plan: n < 3 ? 'pro' : 'free', color: 'red' }));
  });

  afterEach(async () => {
    await server.close();
    await sink.stop();
    removeDataDir(dataDir);
  });

  it('fires a once schedule at its time, once, over its audience', async () => {
    const scenarioId = await activeScenario(
      server,
      scheduleToWebhook(sink.url, {
        schedule: { mode: 'once', at: soon(1000) },
        rules: [equals('plan', 'pro')],
      }),
    );
    expect(scheduleJobs(server)).toHaveLength(1);
    await sink.waitFor(3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receivedIds(sink.received)).toEqual(['c000000', 'c000001', 'c000002']);
    const fanOuts = await fanOutsOf(server, scenarioId);
    expect(fanOuts).toHaveLength(1);
    expect(fanOuts[0]).toMatchObject({
      source: 'schedule',
      status: 'done',
      started: 3,
      triggerNodeId: 'when',
    });
    expect(scheduleJobs(server)).toHaveLength(0);
  });

  it('fires a once schedule that fell due while the server was down when it starts again', async () => {
    const scenarioId = await activeScenario(
      server,
      scheduleToWebhook(sink.url, { schedule: { mode: 'once', at: soon(800) } }),
    );
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(sink.received).toHaveLength(0);
    server = await startTestServer(dataDir);
    await sink.waitFor(4, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received).toHaveLength(4);
    expect(await fanOutsOf(server, scenarioId)).toHaveLength(1);
  });

  it('does not fire a once time already past when the version is activated', async () => {
    await activeScenario(
      server,
      scheduleToWebhook(sink.url, { schedule: { mode: 'once', at: soon(-60_000) } }),
    );
    expect(scheduleJobs(server)).toHaveLength(0);
  });

  it('registers a cron schedule in its time zone, replaces it with a new version and cancels it on deactivation', async () => {
    const tokyo = { mode: 'cron', cron: '0 9 * * 1-5', timezone: 'Asia/Tokyo' };
    const scenarioId = await activeScenario(server, scheduleToWebhook(sink.url, { schedule: tokyo }));
    const [job] = scheduleJobs(server);
    expect(job).toMatchObject({ repeat_interval: '0 9 * * 1-5', repeat_timezone: 'Asia/Tokyo' });
    expect(JSON.parse(job!.data)).toEqual({
      key: `${scenarioId}/when`,
      payload: { scenarioId, nodeId: 'when', fingerprint: JSON.stringify(tokyo) },
    });
    const nextTokyo = CronExpressionParser.parse('0 9 * * 1-5', { tz: 'Asia/Tokyo' }).next().getTime();
    expect(job!.next_run_at).toBe(nextTokyo);

    const paris = { mode: 'cron', cron: '30 8 * * *', timezone: 'Europe/Paris' };
    await server.api('PATCH', `/api/scenarios/${scenarioId}`, {
      definition: scheduleToWebhook(sink.url, { schedule: paris }),
    });
    expect((await server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    const replaced = scheduleJobs(server);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ repeat_interval: '30 8 * * *', repeat_timezone: 'Europe/Paris' });
    expect(replaced[0]!.next_run_at).toBe(
      CronExpressionParser.parse('30 8 * * *', { tz: 'Europe/Paris' }).next().getTime(),
    );

    expect((await server.api('POST', `/api/scenarios/${scenarioId}/deactivate`)).status).toBe(200);
    expect(scheduleJobs(server)).toHaveLength(0);
  });

  it.each([
    [
      'cron',
      { mode: 'cron', cron: '61 * * * *', timezone: 'UTC' },
      /"61 \* \* \* \*" is not a valid cron expression/,
    ],
    ['cron', { mode: 'cron', cron: '5 minutes', timezone: 'UTC' }, /"5 minutes" has 2 fields/],
    ['timezone', { mode: 'cron', cron: '0 9 * * *', timezone: 'Mars/Olympus' }, /IANA time zone/],
    ['at', { mode: 'once', at: 'next tuesday' }, /ISO 8601/],
  ])('refuses an invalid %s with 400 and the field path (%j)', async (field, schedule, message) => {
    const definition = scheduleToWebhook(sink.url, { schedule });
    const validated = await server.api('POST', '/api/scenarios/validate', definition);
    expect(validated.status).toBe(200);
    expect(validated.body.ok).toBe(false);
    expect(validated.body.issues).toEqual([
      { nodeId: 'when', field: `config.schedule.${field}`, message: expect.stringMatching(message) },
    ]);

    const created = await server.api('POST', '/api/scenarios', { name: 'bad schedule', definition });
    const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    expect(activated.status).toBe(400);
    expect(activated.body.error.code).toBe('validation_failed');
    expect(activated.body.error.message).toMatch(`node "when" config.schedule.${field}: `);
    expect(scheduleJobs(server)).toHaveLength(0);
  });
});
