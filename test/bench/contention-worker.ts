/**
 * One process of the write-contention benchmark: commits small transactions (a customer and an
 * event, as an ingested event writes them) to the shared file as fast as it can for the time it
 * is told, one at a time, and reports each commit's latency (lock waits included) and how long
 * its event loop stood still at worst.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';

const [file, seconds, name] = process.argv.slice(2) as [string, string, string];
const store = new SqliteStore(file);
const delay = monitorEventLoopDelay({ resolution: 10 });
const latencies: number[] = [];
process.send?.({ ready: true });
await new Promise((resolve) => process.once('message', resolve));
delay.enable();
const end = Date.now() + Number(seconds) * 1000;
for (let n = 0; Date.now() < end; n += 1) {
  const id = `${name}-${n}`;
  const now = new Date().toISOString();
  const started = performance.now();
  await store.commit({
    customers: [{ id, attributes: { plan: 'pro', n } }],
    events: [
      { id: `evt-${id}`, customerId: id, type: 'signup', timestamp: now, properties: { n }, receivedAt: now },
    ],
    now,
  });
  latencies.push(performance.now() - started);
  // A server answers requests between commits; a chain of resolved awaits would never let the
  // event loop turn, and its delay would go unmeasured.
  await new Promise((resolve) => setImmediate(resolve));
}
delay.disable();
await store.close();
process.send?.({ latencies, loopMaxMs: delay.max / 1e6, loopP99Ms: delay.percentile(99) / 1e6 });
