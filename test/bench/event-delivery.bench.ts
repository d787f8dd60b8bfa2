/**
 * Durable deliveries per second, from POST /api/events to a local sink, on the embedded store,
 * next to the ceiling of a bare undici client posting to the same sink in the same run.
 */
import { Pool } from 'undici';
import pino from 'pino';
import { readConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { BenchSink } from './bench-sink.ts';
import { percentile, round } from './stats.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const KEY = 'bench-key-0123456789abcdef';

interface Figures {
  mode: string;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
}

export async function benchEventDelivery(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  const dataDir = makeDataDir();
  const config = readConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    HOOKFLOW_API_KEY: KEY,
    HOOKFLOW_EGRESS_ALLOW: '127.0.0.1',
  });
  const server = await startServer(config, { logger: pino({ level: 'warn' }) });
  try {
    const client = new Pool(server.url, { connections: 32 });
    const post = async (path: string, body: unknown) => {
      const response = await client.request({
        method: 'POST',
        path,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.body.text();
      if (response.statusCode >= 300) throw new Error(`${path}: ${response.statusCode} ${text}`);
      return JSON.parse(text);
    };
    const scenario = await post('/api/scenarios', {
      name: 'bench',
      definition: triggerToWebhook('bench', sink.url),
    });
    await post(`/api/scenarios/${scenario.id}/activate`, {});

    const results: Figures[] = [];
    results.push(await measure({ sink, label: 'batches of 100 events', perRequest: 100, inFlight: 4, post }));
    results.push(await measure({ sink, label: 'one event per request', perRequest: 1, inFlight: 64, post }));
    await client.close();
    const bare = await bareUndici(sink);
    return {
      events: EVENTS,
      results,
      bareUndiciRequestsPerSecond: bare,
      ratios: Object.fromEntries(results.map((r) => [r.mode, round(r.deliveriesPerSecond / bare, 3)])),
    };
  } finally {
    await server.close();
    sink.stop();
    removeDataDir(dataDir);
  }
}

async function measure(options: {
  sink: BenchSink;
  label: string;
  perRequest: number;
  inFlight: number;
  post: (path: string, body: unknown) => Promise<unknown>;
}): Promise<Figures> {
  const { sink, perRequest, inFlight, post } = options;
  await sink.reset();
  const sentAt = new Map<string, number>();
  const tag = options.perRequest === 1 ? 's' : 'b';
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    while (next < EVENTS) {
      const from = next;
      next = Math.min(EVENTS, next + perRequest);
      const batch = [];
      for (let i = from; i < next; i += 1) batch.push({ customer_id: `${tag}${i}`, type: 'bench' });
      const at = Date.now();
      for (const event of batch) sentAt.set(event.customer_id, at);
      await post('/api/events', perRequest === 1 ? batch[0] : batch);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  await sink.waitFor(EVENTS, 120_000);
  const arrivals = await sink.arrivals();
  const finished = Math.max(...arrivals.map(([, at]) => at));
  const latencies = arrivals.map(([customer, at]) => at - (sentAt.get(customer) ?? at));
  return {
    mode: options.label,
    deliveriesPerSecond: round((EVENTS / (finished - started)) * 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function bareUndici(sink: BenchSink): Promise<number> {
  await sink.reset();
  const pool = new Pool(sink.url, { connections: 128 });
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    while (next < EVENTS) {
      const i = next++;
      const response = await pool.request({
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        body: `{"customer":"u${i}"}`,
      });
      await response.body.text();
    }
  };
  await Promise.all(Array.from({ length: 128 }, lane));
  const elapsed = Date.now() - started;
  await pool.close();
  return round((EVENTS / elapsed) * 1000);
}
