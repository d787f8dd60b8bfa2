import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EgressPolicy } from '../../engine/webhook/index.ts';
import { createGuardedAgent } from '../../server/http/guarded-agent.ts';
import { HttpSender } from '../../server/http/http-sender.ts';

// Node runs expired timers before it reads sockets: after the process was busy for longer than a
// webhook's timeout, the timeout fired for an answer already in the socket buffer, and the
// delivery was sent again (128 duplicates after a 10 s stall in the waits-at-scale test).

/** Blocks this process's event loop, as a long synchronous pass of work would. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('a webhook answered while the process was busy', () => {
  let server: Server | null = null;
  const policy = new EgressPolicy(['127.0.0.1']);
  const sender = new HttpSender({ agent: createGuardedAgent(policy), policy });
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`;
  }

  it('is read as answered, not timed out, when the answer came before the busy moment ended', { timeout: 30_000 }, async () => {
    const url = await listen((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      // The answer is on its way to the client; the process then stays busy past the timeout.
      setImmediate(() => busy(5000));
    });
    // A timeout long enough for the request to reach the receiver on a loaded machine, and a busy
    // moment more than twice as long.
    const result = await sender.send({ method: 'POST', url, headers: {}, body: '{}' }, 2000);
    expect(result).toMatchObject({ status: 200, body: '{"ok":true}', error: null });
  });

  it('still times out when no answer comes', async () => {
    const url = await listen((request) => request.resume());
    const result = await sender.send({ method: 'POST', url, headers: {}, body: '{}' }, 200);
    expect(result).toMatchObject({ status: null, error: 'timed out after 200 ms' });
  });
});
