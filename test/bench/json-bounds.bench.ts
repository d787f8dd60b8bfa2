/**
 * What bounding free-form JSON costs on the largest request Hookflow takes: a 10 MiB batch of
 * 1,000 events, parsed by `JSON.parse`, then validated by the events schema with and without the
 * bound on `properties`, then walked by the body-depth guard. Two payload shapes: text-heavy
 * properties (one ~10 KB string each) and structure-heavy ones (50 small objects each). Run:
 * `node --experimental-strip-types test/bench/json-bounds.bench.ts`.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EventInputSchema } from '../../engine/run/index.ts';
import { jsonBoundsProblem } from '../../engine/validation/index.ts';
import { MAX_BODY_DEPTH } from '../../server/http/deep-body-guard.ts';
import { round } from './stats.ts';

const SHAPES = {
  text: () => ({ note: 'y'.repeat(9_600), plan: 'pro' }),
  structure: () => ({ items: Array.from({ length: 50 }, (_, k) => ({ sku: `sku-${k}`, qty: k, ok: true })) }),
};

/** Best of a few rounds, in milliseconds per call. */
function best(work: () => unknown): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 12; round += 1) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

export async function benchJsonBounds(): Promise<Record<string, unknown>> {
  const bounded = z.array(EventInputSchema);
  const unbounded = z.array(EventInputSchema.extend({ properties: z.record(z.string(), z.unknown()) }));
  const figures: Record<string, unknown> = {};
  for (const [name, properties] of Object.entries(SHAPES)) {
    const events = Array.from({ length: 1000 }, (_, index) => ({
      customer_id: `c-${index}`,
      type: 'order',
      properties: properties(),
    }));
    const text = JSON.stringify(events);
    const body = JSON.parse(text) as unknown;
    figures[name] = {
      bodyMiB: round(text.length / 1024 / 1024, 1),
      jsonParseMs: round(
        best(() => JSON.parse(text)),
        1,
      ),
      schemaWithoutBoundsMs: round(
        best(() => unbounded.parse(body)),
        1,
      ),
      schemaWithBoundsMs: round(
        best(() => bounded.parse(body)),
        1,
      ),
      bodyDepthGuardMs: round(
        best(() => jsonBoundsProblem(body, { maxDepth: MAX_BODY_DEPTH, maxBytes: Infinity })),
        1,
      ),
    };
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchJsonBounds(), null, 2)}\n`);
}
