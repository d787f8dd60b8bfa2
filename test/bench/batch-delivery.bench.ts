/**
 * Customers per second delivered through a batch webhook at batch sizes 1, 100 and 1000, on the
 * embedded store, durable all the way: a fan-out starts one run per stored customer, each run
 * queues its rendered customer template, batches leave as requests to a local sink (in a child
 * process), and every run resumes with its batch's response and completes. Timed from the
 * fan-out's start to the last run completed. Also the per-customer template render time alone,
 * and what was saved: runs, or cohorts (a fan-out page's customers going to the batch together).
 */
import { createTemplateEngine } from '../../engine/template/index.ts';
import { edge, webhookNode } from '../integration/helpers/scenarios.ts';
import { startBenchServer } from './bench-server.ts';
import { BenchSink } from './bench-sink.ts';
import { round } from './stats.ts';

const CUSTOMERS = Number(process.env.BENCH_BATCH_CUSTOMERS ?? 100_000);
const SIZES = (process.env.BENCH_BATCH_SIZES ?? '1,100,1000').split(',').map(Number);
export const CUSTOMER_TEMPLATE =
  '{ "number": {{ customer.user_phone_number | tojson }}, "name": {{ customer.name | tojson }} }';
export const ROOT_TEMPLATE = '{ "messages": [ {% output customers separated by "," %} ] }';

/** A schedule far in the future: the bench starts its fan-outs itself. */
const scenario = (sinkUrl: string, size: number) => ({
  nodes: [
    {
      id: 'start',
      type: 'trigger.schedule',
      config: { audience: { rules: [] }, schedule: { mode: 'once', at: '2099-01-01T00:00:00Z' } },
    },
    webhookNode('bulk', `${sinkUrl}/bulk`, {
      body: ROOT_TEMPLATE,
      batch: { customerTemplate: CUSTOMER_TEMPLATE, size, windowMs: 200 },
    }),
  ],
  edges: [edge('start', 'bulk')],
});

/** The stored customers batch benchmarks fan out to: a phone number and a name each. */
export const benchCustomers = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    id: `c${String(index).padStart(7, '0')}`,
    attributes: { user_phone_number: `+4219${String(index).padStart(8, '0')}`, name: `Customer ${index}` },
  }));

export async function benchBatchDelivery(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  const bench = await startBenchServer();
  const { server } = bench;
  try {
    const customers = benchCustomers(CUSTOMERS);
    await server.store.commit({ customers, now: new Date().toISOString() });
    const results = [];
    for (const size of SIZES) {
      const scenarioId = await bench.activeScenario(`batch ${size}`, scenario(sink.url, size));
      await sink.reset();
      const started = performance.now();
      await server.fanOut.start({
        scenarioId,
        version: 1,
        triggerNodeId: 'start',
        source: 'schedule',
        target: { kind: 'audience', filter: { rules: [] } },
      });
      await completed(
        async () => (await server.store.runs.nodeStats(scenarioId, null))['bulk']?.succeeded ?? 0,
        CUSTOMERS,
      );
      const elapsedMs = performance.now() - started;
      // What was saved for the customers: a run each, or a cohort per batch.
      const count = (table: string) =>
        (
          server.store.db
            .prepare(`SELECT count(*) AS n FROM ${table} WHERE scenario_id = ?`)
            .get(scenarioId) as {
            n: number;
          }
        ).n;
      results.push({
        batchSize: size,
        requests: await sink.count(),
        records: { runs: count('runs'), cohorts: count('cohorts') },
        customersPerSecond: round((CUSTOMERS / elapsedMs) * 1000),
        seconds: round(elapsedMs / 1000, 2),
      });
    }
    return { customers: CUSTOMERS, results, customerTemplateRenderMicros: renderMicros(customers) };
  } finally {
    await bench.close();
    sink.stop();
  }
}

/**
 * Polls until every customer's run completed, as the API counts them (runs and cohort members
 * alike): the batch node's successes, which a run or a cohort records in the step that completes it.
 */
export async function completed(succeeded: () => Promise<number>, expected: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  while ((await succeeded()) < expected) {
    if (Date.now() > deadline) throw new Error('batch bench did not complete in 10 minutes');
    // Often enough to time seconds-long runs, rarely enough not to weigh on the server measured
    // (an open editor polls its counts every few seconds).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The customer template alone, through the sandboxed engine: microseconds per customer. */
function renderMicros(customers: { id: string; attributes: Record<string, unknown> }[]): number {
  const template = createTemplateEngine().compile(CUSTOMER_TEMPLATE);
  const count = Math.min(customers.length, 100_000);
  let length = 0;
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const { id, attributes } = customers[index]!;
    length += template.render({ customer: { id, ...attributes } }).length;
  }
  if (length === 0) throw new Error('nothing rendered');
  return round(((performance.now() - started) * 1000) / count, 2);
}
