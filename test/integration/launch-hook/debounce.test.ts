import { afterEach, describe, expect, it } from 'vitest';
import { HttpSink } from '../helpers/http-sink.ts';
import {
  makeDataDir,
  removeDataDir,
  serverWithSink,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.ts';
import { activeHook, callHook, putCustomers, sentBodies } from './launch-hook-helpers.ts';

const CUSTOMERS = {
  'c-red': { user_id: 'c-red', favorite_color: 'red', bot_channel: 'web' },
  'c-blue': { user_id: 'c-blue', favorite_color: 'blue', bot_channel: 'web' },
};
const byColor = (color: string) => ({ fields: 'favorite_color', values: color });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fanOutsOf(server: TestServer, scenarioId: string): Promise<unknown[]> {
  return (await server.api('GET', `/api/scenarios/${scenarioId}/fan-outs`)).body.items;
}

describe('launch hook debounce', () => {
  const context = serverWithSink();

  it('a second call within the delay resets the timer and replaces the payload: one launch, with the second payload', async () => {
    const { server, sink } = context;
    await putCustomers(server, CUSTOMERS);
    const { scenarioId, url } = await activeHook(server, sink.url, { delaySeconds: 1 });

    const first = await callHook(url, byColor('red'));
    await sleep(400);
    const second = await callHook(url, byColor('blue'));

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(Date.parse(second.body.sendAt)).toBeGreaterThan(Date.parse(first.body.sendAt));
    await sink.waitFor(1);
    // Past the first call's time and the second's: nothing else arrives.
    await sleep(1200);
    expect(sentBodies(sink.received)).toMatchObject([{ id: 'c-blue', color: 'blue' }]);
    expect(await fanOutsOf(server, scenarioId)).toHaveLength(1);
  });

  it('schedules a new launch once the previous one has fired', async () => {
    const { server, sink } = context;
    await putCustomers(server, CUSTOMERS);
    const { scenarioId, url } = await activeHook(server, sink.url, { delaySeconds: 0 });

    await callHook(url, byColor('red'));
    await sink.waitFor(1);
    await callHook(url, byColor('blue'));
    await sink.waitFor(2);

    expect(sentBodies(sink.received).map((body) => body.id)).toEqual(['c-blue', 'c-red']);
    expect(await fanOutsOf(server, scenarioId)).toHaveLength(2);
  });
});

describe('launch hook across a restart', () => {
  const sink = new HttpSink();
  let dataDir = '';
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    await sink.stop();
    removeDataDir(dataDir);
  });

  it('a launch pending when the server stops fires once after it starts again on the same data', async () => {
    await sink.start();
    dataDir = makeDataDir();
    server = await startTestServer(dataDir);
    await putCustomers(server, CUSTOMERS);
    const { scenarioId, url } = await activeHook(server, sink.url, { delaySeconds: 2 });

    expect((await callHook(url, byColor('red'))).status).toBe(200);
    await server.close();
    server = null;
    expect(sink.received).toHaveLength(0);

    server = await startTestServer(dataDir);
    await sink.waitFor(1, 8000);
    await sleep(500);

    expect(sentBodies(sink.received)).toMatchObject([{ id: 'c-red', color: 'red' }]);
    expect(await fanOutsOf(server, scenarioId)).toHaveLength(1);
  });
});
