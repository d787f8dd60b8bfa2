/**
 * The benchmark's outside world in its own process, so the server under test keeps its core:
 * a recording HTTP sink, and a load client that posts events to the server. Commands arrive
 * over IPC; arrival and send times are measured on this process's clock.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const arrivals = new Map<string, number>();
const sentAt = new Map<string, number>();
/** Every request received, repeats included (a repeat is a duplicate delivery). */
let received = 0;
/** Calls of an event subscription (to `SUBSCRIPTION_PATH`), counted apart from the deliveries. */
let subscriptionCalls = 0;
const SUBSCRIPTION_PATH = '/subscription';

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (request.url === SUBSCRIPTION_PATH) {
      subscriptionCalls += 1;
      response.writeHead(204).end();
      return;
    }
    const match = /"customer":"([^"]+)"/.exec(body);
    received += 1;
    const key = match?.[1] ?? `#${arrivals.size}`;
    if (!arrivals.has(key)) arrivals.set(key, Date.now());
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.url === '/bulk' ? bulkAnswer(body) : '{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;

/** A bulk messaging API's answer: one id per message sent (about 45 bytes each). */
function bulkAnswer(body: string): string {
  const count = body.split('"number"').length - 1;
  return JSON.stringify({
    messages: Array.from({ length: count }, (_, index) => ({ id: `msg-${index}`, status: 'accepted' })),
  });
}
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));

interface LoadCommand {
  type: 'load';
  url: string;
  key: string;
  events: number;
  perRequest: number;
  inFlight: number;
  tag: string;
  /** Also time `GET /health` every 50 ms while posting. */
  health?: boolean;
  /** Properties every event carries. */
  properties?: Record<string, unknown>;
}

/** Posts the events; returns how long each `GET /health` asked meanwhile took (ms), if asked to. */
async function load(command: LoadCommand): Promise<number[]> {
  const pool = new Pool(command.url, { connections: command.inFlight });
  const health: number[] = [];
  let loading = command.health === true;
  const pollHealth = async () => {
    while (loading) {
      const at = performance.now();
      await (await fetch(`${command.url}/health`)).text();
      health.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const polling = pollHealth();
  let next = 0;
  const lane = async () => {
    while (next < command.events) {
      const from = next;
      next = Math.min(command.events, next + command.perRequest);
      const batch = [];
      for (let i = from; i < next; i += 1)
        batch.push({
          customer_id: `${command.tag}${i}`,
          type: 'bench',
          properties: command.properties ?? {},
        });
      const at = Date.now();
      for (const event of batch) sentAt.set(event.customer_id, at);
      const response = await pool.request({
        method: 'POST',
        path: '/api/events',
        headers: { authorization: `Bearer ${command.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(command.perRequest === 1 ? batch[0] : batch),
      });
      const text = await response.body.text();
      if (response.statusCode !== 202) throw new Error(`events: ${response.statusCode} ${text}`);
    }
  };
  await Promise.all(Array.from({ length: command.inFlight }, lane));
  loading = false;
  await polling;
  await pool.close();
  return health;
}

async function bare(count: number, url: string): Promise<number> {
  const pool = new Pool(url, { connections: 128 });
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const response = await pool.request({ method: 'POST', path: '/', body: `{"customer":"bare${i}"}` });
      await response.body.text();
    }
  };
  await Promise.all(Array.from({ length: 128 }, lane));
  const elapsed = Date.now() - started;
  await pool.close();
  return elapsed;
}

/** `GET /health` timed every 50 ms between `probe` and `probeStop` (ms each). */
let probing: { stop: boolean; latencies: number[]; done: Promise<void> } | null = null;

function probe(url: string): void {
  const state = { stop: false, latencies: [] as number[], done: Promise.resolve() };
  state.done = (async () => {
    while (!state.stop) {
      const at = performance.now();
      await (await fetch(`${url}/health`)).text();
      state.latencies.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  probing = state;
}

process.on('message', (message: { type: string } & Record<string, unknown>) => {
  const reply = (value: unknown) => process.send?.(value);
  if (message.type === 'count') reply({ count: arrivals.size });
  if (message.type === 'reset') {
    arrivals.clear();
    sentAt.clear();
    received = 0;
    subscriptionCalls = 0;
    reply({ reset: true });
  }
  if (message.type === 'load') load(message as unknown as LoadCommand).then((health) => reply({ health }));
  if (message.type === 'bare')
    bare(message.count as number, message.url as string).then((ms) => reply({ ms }));
  if (message.type === 'report') {
    const latencies = [...arrivals].map(([customer, at]) => at - (sentAt.get(customer) ?? at));
    const first = Math.min(...sentAt.values());
    const last = Math.max(...arrivals.values());
    reply({ latencies, elapsedMs: last - first });
  }
  if (message.type === 'subscriptionCalls') reply({ count: subscriptionCalls });
  if (message.type === 'arrivals') reply({ times: [...arrivals.values()], received });
  if (message.type === 'probe') {
    probe(message.url as string);
    reply({ probing: true });
  }
  if (message.type === 'probeStop' && probing) {
    const state = probing;
    state.stop = true;
    void state.done.then(() => reply({ latencies: state.latencies }));
  }
  if (message.type === 'stop') server.close(() => process.exit(0));
});
