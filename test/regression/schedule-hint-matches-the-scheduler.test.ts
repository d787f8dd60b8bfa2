import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cronProblem, nextCronRuns } from '../../engine/scenario/index.ts';
import { createSqliteScheduler, type Scheduler } from '../../server/scheduler/scheduler.ts';
import { SCHEDULE_JOB } from '../../server/triggers/schedule-triggers.ts';
import { edge, webhookNode } from '../integration/helpers/scenarios.ts';
import {
  makeDataDir,
  removeDataDir,
  startTestServer,
  type TestServer,
} from '../integration/helpers/test-server.ts';

// The schedule form read cron with a parser of its own while the scheduler (Agenda) reads it with
// cron-parser: the hint could name times that never fire. Both now use the one cron-parser.

/** Expressions whose next runs are easy to get wrong, each from an instant that makes it tricky. */
const TRICKY = (
  [
    // cron, time zone, from, why
    ['0 2 * * *', 'Europe/Paris', '2026-03-28T12:00:00Z', '02:00 skipped by DST'],
    ['30 2 * 3 0L', 'Europe/Paris', '2026-01-01T00:00:00Z', 'last Sunday of March, 02:30 skipped'],
    ['30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '01:30 twice when DST ends'],
    ['0 12 L * *', 'UTC', '2026-01-15T00:00:00Z', 'last day of the month'],
    ['0 9 * * 5L', 'Asia/Tokyo', '2026-01-01T00:00:00Z', 'last Friday'],
    ['10-50/20 */6 * * *', 'UTC', '2026-06-01T05:55:00Z', 'step ranges'],
    ['0 9 13 * 5', 'UTC', '2026-02-01T00:00:00Z', 'day of month and day of week'],
    ['0 0 29 2 *', 'UTC', '2026-01-01T00:00:00Z', 'leap days only'],
    ['0 9 * * MON-FRI', 'Asia/Kolkata', '2026-05-01T00:00:00Z', 'names, half-hour zone'],
    ['15 2 * * *', 'Australia/Lord_Howe', '2026-10-02T00:00:00Z', 'half-hour DST jump'],
    // Agenda read these as human intervals (7 days, 30 days, 1 hour after the previous run).
    ['@weekly', 'Europe/London', '2026-10-20T00:00:00Z', 'a macro across DST'],
    ['@monthly', 'UTC', '2026-01-20T00:00:00Z', 'a macro, months of 28 to 31 days'],
    ['@hourly', 'UTC', '2026-01-20T00:20:00Z', 'a macro, on the hour'],
    ['@weekends', 'UTC', '2026-01-20T00:00:00Z', 'a macro of cron-parser'],
    ['*/20 * * * * *', 'UTC', '2026-06-01T00:00:00Z', 'six fields, seconds'],
    ['0 8 * * 0', 'Australia/Lord_Howe', '2026-03-29T00:00:00Z', 'cron-parser gives up across the change'],
  ] as const
).map(([cron, timezone, from, why]) => ({ cron, timezone, from, why }));

const RUNS = 5;

describe('the schedule hint and the scheduler read cron the same way', () => {
  let dir = '';
  let db: DatabaseSync;
  let scheduler: Scheduler;

  beforeAll(() => {
    dir = makeDataDir();
    db = new DatabaseSync(join(dir, 'jobs.db'));
    scheduler = createSqliteScheduler({ db });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(() => {
    db?.close();
    removeDataDir(dir);
  });

  it('with the one copy of cron-parser that Agenda loads', () => {
    const root = createRequire(join(process.cwd(), 'package.json'));
    const agenda = createRequire(root.resolve('agenda'));
    expect(realpathSync(agenda.resolve('cron-parser'))).toBe(realpathSync(root.resolve('cron-parser')));
  });

  it.each(TRICKY)('gives the runs the scheduler saves for $cron in $timezone ($why)', async (tricky) => {
    // What the scheduler saves as the next run when it is defined, or has just run, at each instant.
    const saved: string[] = [];
    let now = new Date(tricky.from);
    for (let run = 0; run < RUNS; run += 1) {
      vi.useFakeTimers({ now, toFake: ['Date'] });
      const key = `${tricky.cron}|${tricky.timezone}|${run}`;
      await scheduler.scheduleCron({
        name: 'hint',
        key,
        cron: tricky.cron,
        timezone: tricky.timezone,
        data: {},
      });
      vi.useRealTimers();
      now = (await scheduler.pendingAt({ name: 'hint', key }))!;
      saved.push(now.toISOString());
    }
    const hinted = nextCronRuns({ ...tricky, after: new Date(tricky.from), count: RUNS });
    expect(hinted.map((instant) => instant.toISOString())).toEqual(saved);
  });
});

describe('an expression that is not cron', () => {
  let dir = '';
  let server: TestServer;
  beforeAll(async () => {
    dir = makeDataDir();
    server = await startTestServer(dir);
  });
  afterAll(async () => {
    await server?.close();
    removeDataDir(dir);
  });

  it.each(['61 * * * *', '5-1 * * * *', 'every day', '0 0 30 2 *', '0 9 * *', '0 0 LW * *'])(
    'is refused by the server with the message the form shows: %s',
    async (cron) => {
      const problem = cronProblem(cron);
      expect(problem).toContain(`"${cron}"`);
      const created = await server.api('POST', '/api/scenarios', {
        name: 'bad cron',
        definition: {
          nodes: [
            {
              id: 'when',
              type: 'trigger.schedule',
              config: { schedule: { mode: 'cron', cron, timezone: 'UTC' }, audience: { rules: [] } },
            },
            webhookNode('hook', 'https://example.com/hook'),
          ],
          edges: [edge('when', 'hook')],
        },
      });
      const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
      expect(activated.status).toBe(400);
      expect(JSON.stringify(activated.body)).toContain(JSON.stringify(problem).slice(1, -1));
    },
  );
});

describe('a macro schedule saved before macros were written out', () => {
  let dir = '';
  let server: TestServer;
  beforeAll(async () => {
    dir = makeDataDir();
    server = await startTestServer(dir);
  });
  afterAll(async () => {
    await server?.close();
    removeDataDir(dir);
  });

  const scheduled = (cron: string) => ({
    nodes: [
      {
        id: 'when',
        type: 'trigger.schedule',
        config: { schedule: { mode: 'cron', cron, timezone: 'UTC' }, audience: { rules: [] } },
      },
      webhookNode('hook', 'https://example.com/hook'),
    ],
    edges: [edge('when', 'hook')],
  });
  const intervals = () =>
    (
      server.store.db
        .prepare('SELECT repeat_interval FROM agenda_jobs WHERE name = ? ORDER BY id')
        .all(SCHEDULE_JOB) as { repeat_interval: string }[]
    ).map((row) => row.repeat_interval);

  it('is saved again field by field at the next activation', async () => {
    const weekly = await server.api('POST', '/api/scenarios', {
      name: 'weekly',
      definition: scheduled('@weekly'),
    });
    expect((await server.api('POST', `/api/scenarios/${weekly.body.id}/activate`)).status).toBe(200);
    expect(intervals()).toEqual(['0 0 0 * * 0']);
    // As the job stood before: the macro as written, with the fingerprint of the schedule alone.
    const before = JSON.stringify({ mode: 'cron', cron: '@weekly', timezone: 'UTC' });
    server.store.db
      .prepare(
        `UPDATE agenda_jobs SET repeat_interval = '@weekly',
           data = json_set(data, '$.payload.fingerprint', ?) WHERE name = ?`,
      )
      .run(before, SCHEDULE_JOB);
    expect(intervals()).toEqual(['@weekly']);

    const other = await server.api('POST', '/api/scenarios', {
      name: 'daily',
      definition: scheduled('0 8 * * *'),
    });
    expect((await server.api('POST', `/api/scenarios/${other.body.id}/activate`)).status).toBe(200);
    expect(intervals().sort()).toEqual(['0 0 0 * * 0', '0 8 * * *']);
  });

  it('is saved again field by field when the server starts, with no activation change', async () => {
    const weekly = await server.api('POST', '/api/scenarios', {
      name: 'weekly at start',
      definition: scheduled('@weekly'),
    });
    expect((await server.api('POST', `/api/scenarios/${weekly.body.id}/activate`)).status).toBe(200);
    const before = JSON.stringify({ mode: 'cron', cron: '@weekly', timezone: 'UTC' });
    server.store.db
      .prepare(
        `UPDATE agenda_jobs SET repeat_interval = '@weekly',
           data = json_set(data, '$.payload.fingerprint', ?) WHERE name = ?`,
      )
      .run(before, SCHEDULE_JOB);
    expect(intervals()).toContain('@weekly');
    await server.close();
    server = await startTestServer(dir);
    expect(intervals()).not.toContain('@weekly');
    expect(intervals()).toContain('0 0 0 * * 0');
  });
});
