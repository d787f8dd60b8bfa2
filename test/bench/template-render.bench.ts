/**
 * Renders per second of a typical customer template through Hookflow's sandboxed engine and
 * through plain Nunjucks, in the same process. Run: `node test/bench/template-render.bench.ts`.
 */
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { createTemplateEngine } from '../../engine/template/index.ts';
import { round } from './stats.ts';

type Render = (context: Record<string, unknown>) => string;

const CASES = {
  customer: '{ "number": "{{ customer.phone }}", "name": {{ customer.name | tojson }} }',
  loop: '{% for tag in customer.tags %}{{ tag | upper }}{% if not loop.last %},{% endif %}{% endfor %}',
  batchRoot: '{ "to": [ {% output customers separated by ",\\n " %} ] }',
} as const;

/** Plain Nunjucks has no output tag: the same join written with a filter. */
const PLAIN_SOURCES: Record<keyof typeof CASES, string> = {
  ...CASES,
  batchRoot: '{ "to": [ {{ customers | join(",\\n ") }} ] }',
};

const customers = Array.from({ length: 1000 }, (_, index) => ({
  id: `c${index}`,
  phone: `+4219000${String(index).padStart(5, '0')}`,
  name: `Customer "${index}"`,
  tags: ['vip', 'sms', `group-${index % 7}`],
}));
const renderedCustomers = customers.map((customer) => JSON.stringify({ number: customer.phone }));

function contextAt(index: number): Record<string, unknown> {
  return { customer: customers[index % customers.length], customers: renderedCustomers };
}

/** Renders for about `ms` milliseconds and returns renders per second. */
function rate(render: Render, ms: number): number {
  let count = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let index = 0; index < 1000; index += 1) {
      // Reading a character flattens a concatenated string, as sending the body would.
      const text = render(contextAt(count + index));
      sink += text.charCodeAt(text.length >> 1);
    }
    count += 1000;
    elapsed = performance.now() - started;
  }
  if (sink === 0) throw new Error('nothing rendered');
  return (count / elapsed) * 1000;
}

/** Alternates the two contenders a few times and keeps each one's best round. */
function compare(sandboxed: Render, plain: Render): { sandboxed: number; plain: number } {
  rate(sandboxed, 300);
  rate(plain, 300);
  const best = { sandboxed: 0, plain: 0 };
  for (let round = 0; round < 5; round += 1) {
    best.sandboxed = Math.max(best.sandboxed, rate(sandboxed, 400));
    best.plain = Math.max(best.plain, rate(plain, 400));
  }
  return best;
}

export async function benchTemplateRender(): Promise<Record<string, unknown>> {
  const engine = createTemplateEngine();
  const env = new nunjucks.Environment([], { autoescape: false });
  env.addFilter('tojson', (value: unknown) => JSON.stringify(value ?? null));
  const figures: Record<string, unknown> = {};
  for (const name of Object.keys(CASES) as (keyof typeof CASES)[]) {
    const sandboxed = engine.compile(CASES[name]);
    const plain = nunjucks.compile(PLAIN_SOURCES[name], env);
    const { sandboxed: ours, plain: theirs } = compare(
      (context) => sandboxed.render(context),
      (context) => plain.render(context),
    );
    figures[name] = {
      sandboxedRendersPerSecond: round(ours),
      plainNunjucksRendersPerSecond: round(theirs),
      sandboxCost: `${round(theirs / ours, 2)}x`,
    };
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchTemplateRender(), null, 2)}\n`);
}
