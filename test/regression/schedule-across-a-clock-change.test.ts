import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCronRun, nextCronRuns } from '../../engine/scenario/cron-runs.ts';
import { SCHEDULE_JOB } from '../../server/triggers/schedule-triggers.ts';
import { edge, webhookNode } from '../integration/helpers/scenarios.ts';
import {
  capturedLog,
  makeDataDir,
  removeDataDir,
  startTestServer,
  type TestServer,
} from '../integration/helpers/test-server.ts';

// cron-parser gives up ("loop limit exceeded") on some schedules across a clock change. Agenda
// then saved the job with no next run (and removed it once it finished): the schedule never
// fired again. At activation the same failure made the schedule sync throw after the activation
// was saved: 500, and the schedules after it were not synced.

const LORD_HOWE = 'Australia/Lord_Howe';
/** 8:00 on the Sundays of April: the first is the day Lord Howe's clocks go back half an hour. */
const APRIL_SUNDAYS = '0 8 * 4 0';

const scheduled = (cron: string, timezone: string) => ({
  nodes: [
    {
      id: 'when',
      type: 'trigger.schedule',
      config: { schedule: { mode: 'cron', cron, timezone }, audience: { rules: [] } },
    },
    webhookNode('hook', 'https://example.com/hook'),
  ],
  edges: [edge('when', 'hook')],
});

/** What an instant shows in Lord Howe, e.g. "Sunday April 08:00". */
const lordHowe = (instant: Date) => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: LORD_HOWE,
    weekday: 'long',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((found) => found.type === type)?.value;
  return `${part('weekday')} ${part('month')} ${part('hour')}:${part('minute')}`;
};

/** A server (with a log the test reads) for the tests of one describe block. */
function serverWithLog() {
  let dir = '';
  let server: TestServer | undefined;
  const log = capturedLog();
  beforeAll(async () => {
    dir = makeDataDir();
    server = await startTestServer(dir, { logger: log.logger });
  });
  afterAll(async () => {
    await server?.close();
    removeDataDir(dir);
  });
  return { log, server: () => server! };
}

describe('a cron schedule across a clock change cron-parser cannot step past', () => {
  it('has its next runs computed from fixed dates: Sunday 8:00 before and after clocks go back', () => {
    // Clocks go back from 02:00 (UTC+11) to 01:30 (UTC+10:30) on Sunday 5 April 2026.
    for (const after of ['2026-03-29T00:00:00Z', '2026-04-02T00:00:00Z', '2026-04-04T12:00:00Z']) {
      const runs = nextCronRuns({ cron: '0 8 * * 0', timezone: LORD_HOWE, after: new Date(after), count: 2 });
      expect(runs.map((run) => run.toISOString())).toEqual([
        '2026-04-04T21:30:00.000Z',
        '2026-04-11T21:30:00.000Z',
      ]);
    }
    expect(
      nextCronRun({ cron: '0 2 * * *', timezone: LORD_HOWE, after: new Date('2026-04-04T10:00:00Z') }),
    ).toEqual(new Date('2026-04-04T15:30:00Z'));
  });

  describe('on the real scheduler', () => {
    const { log, server } = serverWithLog();
    const job = () =>
      server()
        .store.db.prepare('SELECT next_run_at, last_run_at, locked_at FROM agenda_jobs WHERE name = ?')
        .get(SCHEDULE_JOB) as {
        next_run_at: number | null;
        last_run_at: number | null;
        locked_at: number | null;
      };

    it('is activated with its next run saved, and keeps a next run after it fires', async () => {
      const created = await server().api('POST', '/api/scenarios', {
        name: 'april sundays',
        definition: scheduled(APRIL_SUNDAYS, LORD_HOWE),
      });
      const before = Date.now();
      const activated = await server().api('POST', `/api/scenarios/${created.body.id}/activate`);
      expect(activated.status).toBe(200);
      const first = new Date(job().next_run_at!);
      expect(first).toEqual(
        nextCronRun({ cron: APRIL_SUNDAYS, timezone: LORD_HOWE, after: new Date(before) }),
      );
      expect(lordHowe(first)).toBe('Sunday April 08:00');

      // Due now: Agenda runs it and computes the next run from this run.
      server()
        .store.db.prepare('UPDATE agenda_jobs SET next_run_at = ? WHERE name = ?')
        .run(Date.now(), SCHEDULE_JOB);
      await expect
        .poll(() => job(), { timeout: 20_000, interval: 100 })
        .toMatchObject({ last_run_at: expect.any(Number), locked_at: null });
      const after = job();
      expect(after.next_run_at).not.toBeNull();
      const next = new Date(after.next_run_at!);
      expect(next).toEqual(
        nextCronRun({ cron: APRIL_SUNDAYS, timezone: LORD_HOWE, after: new Date(after.last_run_at!) }),
      );
      expect(lordHowe(next)).toBe('Sunday April 08:00');
      expect(log.text()).toContain('schedule fired');
    });
  });
});

describe('a schedule the scheduler refuses', () => {
  const { log, server } = serverWithLog();

  it('is logged, and the activation and the other schedules go on', async () => {
    const broken = await server().api('POST', '/api/scenarios', {
      name: 'broken',
      definition: scheduled('0 9 * * *', 'UTC'),
    });
    expect((await server().api('POST', `/api/scenarios/${broken.body.id}/activate`)).status).toBe(200);
    // Saved before this runtime knew better (a zone since removed from the time zone database):
    // the scheduler refuses it, and it is the first schedule the sync meets.
    server()
      .store.db.prepare(
        `UPDATE scenario_versions SET definition = replace(definition, '"UTC"', '"Mars/Olympus"')`,
      )
      .run();
    server().store.db.prepare('DELETE FROM agenda_jobs WHERE name = ?').run(SCHEDULE_JOB);

    const other = await server().api('POST', '/api/scenarios', {
      name: 'daily',
      definition: scheduled('0 8 * * *', 'Europe/Paris'),
    });
    const activated = await server().api('POST', `/api/scenarios/${other.body.id}/activate`);
    expect(activated.status).toBe(200);
    const keys = server()
      .store.db.prepare(`SELECT json_extract(data, '$.key') AS key FROM agenda_jobs WHERE name = ?`)
      .all(SCHEDULE_JOB)
      .map((row) => (row as { key: string }).key);
    expect(keys).toEqual([`${other.body.id}/when`]);
    expect(log.text()).toContain('schedule could not be synced');
    expect(log.text()).toContain(`${broken.body.id}/when`);
  });
});
