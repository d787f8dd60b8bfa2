import { Agenda } from 'agenda';
import { describe, expect, it } from 'vitest';
import { createSqliteScheduler, type Scheduler } from '../../server/scheduler/scheduler.ts';
import { sqliteAgendaBackend } from '../../server/scheduler/sqlite-agenda-backend.ts';
import { schedulerDatabase } from './helpers/scheduler-database.ts';

/**
 * Found by running Agenda's own shared backend suite against the SQLite backend: a handler
 * rejecting with a plain object left its job locked (its fail reason could not be bound, and
 * Agenda ignores a failed final save), so the expired-lock claim ran it again; and saving a
 * unique job again gave it a new id, so whoever held the first id held a job that was gone.
 */
describe('the SQLite scheduler backend', () => {
  const { db: database, stops } = schedulerDatabase();

  const row = () =>
    database().prepare(`SELECT locked_at, fail_reason, fail_count FROM agenda_jobs`).get() as
      { locked_at: number | null; fail_reason: string | null; fail_count: number | null } | undefined;

  it('finishes a job whose handler rejects with a non-Error, stores the reason as text, and never runs it again', async () => {
    const logged: string[] = [];
    const scheduler: Scheduler = createSqliteScheduler({
      db: database(),
      // Short enough that an expired lock would be claimed again within the test.
      lockLifetime: 300,
      processEvery: 100,
      logger: { error: (_details, message) => void logged.push(message), warn: () => {} },
    });
    stops.push(() => scheduler.stop());
    let calls = 0;
    scheduler.define('remote', async () => {
      calls += 1;
      throw { code: 'E_REMOTE' };
    });
    await scheduler.start();
    await scheduler.scheduleAt({ name: 'remote', key: 'k', at: new Date(Date.now() + 50), data: {} });
    const deadline = Date.now() + 5000;
    while (row()?.fail_reason == null && Date.now() < deadline) await sleep(20);
    // Several lock lifetimes and polls: a job left locked would have been claimed and run again.
    await sleep(1500);
    expect(row()).toEqual({ locked_at: null, fail_reason: '{"code":"E_REMOTE"}', fail_count: 1 });
    expect(calls).toBe(1);
    expect(logged).toEqual(['scheduled job failed']);
  });

  it('keeps the id of a unique job saved again, as Agenda does on its own backends', async () => {
    const agenda = new Agenda({ backend: sqliteAgendaBackend({ db: database() }) });
    await agenda.ready;
    stops.push(() => agenda.stop());
    const save = (other: boolean) =>
      agenda
        .create('unique-job', { type: 'active', userId: '123', other })
        .unique({ 'data.type': 'active', 'data.userId': '123' })
        .schedule('in 1 hour')
        .save();
    const first = await save(true);
    const second = await save(false);
    expect(second.attrs._id?.toString()).toBe(first.attrs._id?.toString());
    const { jobs } = await agenda.queryJobs({ name: 'unique-job' });
    expect(jobs.map((job) => [job._id.toString(), job.data])).toEqual([
      [first.attrs._id?.toString(), { type: 'active', userId: '123', other: false }],
    ]);
    // The first holder's id still names the job: touching it saves, it does not find it gone.
    await expect(first.touch()).resolves.toBeUndefined();
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
