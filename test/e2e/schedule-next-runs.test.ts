import { describe, expect, it } from 'vitest';
import { cronProblem, nextCronRuns } from '../../engine/scenario/index.ts';
import { formatInZone } from '../../editor/src/triggers/zoned-time.ts';
import { SCHEDULE_JOB } from '../../server/triggers/schedule-triggers.ts';
import { selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

const schedule = (cron: string, timezone: string) => ({
  id: 'when',
  type: 'trigger.schedule',
  position: { x: 0, y: 0 },
  config: { schedule: { mode: 'cron', cron, timezone }, audience: { rules: [] } },
});

describe.skipIf(!CHROMIUM)("the schedule form's next runs", () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened));

  it('names the runs the scheduler saves once the scenario is active, also for L and @weekly', async () => {
    const { page, server } = session;
    await openScenario(session, {
      nodes: [schedule('0 9 * * 1-5', 'UTC'), webhook('send', { url: 'https://example.com/x' })],
      edges: [edge('when', 'send')],
    });
    await selectNode(page, 'when');
    const hint = page.getByTestId('cron-next-runs');
    for (const [cron, zone] of [
      ['30 17 L * *', 'Europe/Paris'],
      ['@weekly', 'America/New_York'],
    ] as const) {
      await page.getByLabel('Cron expression').fill(cron);
      await page.getByLabel('Time zone').selectOption(zone);
      const expected = nextCronRuns({ cron, timezone: zone, after: new Date(), count: 3 })
        .map((instant) => formatInZone(instant.getTime(), zone))
        .join(' · ');
      await expect.poll(() => hint.textContent()).toBe(`Next: ${expected}`);
    }
    await screenshot(page, '79-schedule-next-runs');
    const first = (await hint.textContent())!.replace(/^Next: /, '').split(' · ')[0];

    // What the scheduler saved for the job, read from the store: the hint's first run.
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    const job = server.store.db
      .prepare('SELECT next_run_at FROM agenda_jobs WHERE name = ?')
      .get(SCHEDULE_JOB) as { next_run_at: number };
    expect(first).toBe(formatInZone(job.next_run_at, 'America/New_York'));
    expect(first).toMatch(/^Sun, /);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Stopped: runs in flight continue, its schedule starts nothing.').waitFor();
  });

  it('says why an expression is refused, in the words the server refuses it with', async () => {
    const { page, server } = session;
    const cron = '0 0 30 2 *';
    const id = await openScenario(session, {
      nodes: [schedule(cron, 'UTC'), webhook('send', { url: 'https://example.com/x' })],
      edges: [edge('when', 'send')],
    });
    await selectNode(page, 'when');
    const message = cronProblem(cron)!;
    const field = page.locator('[data-field="config.schedule.cron"]');
    await expect.poll(() => field.locator('.field-hint, .field-error').textContent()).toBe(message);
    await screenshot(page, '80-schedule-cron-refused');
    const activated = await server.api('POST', `/api/scenarios/${id}/activate`);
    expect(activated.status).toBe(400);
    expect(JSON.stringify(activated.body)).toContain(JSON.stringify(message).slice(1, -1));
    expect(session.pageErrors).toEqual([]);
  });
});
