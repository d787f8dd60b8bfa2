import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { afterAll, describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError, webhookAccessor } from '../../../engine/template/index.ts';
import { ESCAPE_ATTEMPTS } from '../../fixtures/template/escape-attempts.ts';

const ENV_NAME = 'HOOKFLOW_TEMPLATE_CANARY';
const ENV_CANARY = `env-canary-${randomUUID()}`;
const FILE_CANARY = `file-canary-${randomUUID()}`;
process.env[ENV_NAME] = ENV_CANARY;
const directory = mkdtempSync(join(tmpdir(), 'hookflow-sandbox-'));
const file = join(directory, 'secret.txt');
writeFileSync(file, FILE_CANARY);
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
  delete process.env[ENV_NAME];
});

const engine = createTemplateEngine();
const payloadOf = (template: string) => template.replaceAll('$ENV', ENV_NAME).replaceAll('$FILE', file);

const context = () => ({
  customer: { id: 'c1', name: 'Ada', tags: ['a', 'b'] },
  customers: ['{"name":"A"}'],
  event: { type: 'signup', properties: { plan: 'pro' } },
  webhook: webhookAccessor([{ status: 200, headers: {}, data: '{"x":1}', json: { x: 1 } }]),
});

/** What escaped code or a leaked function would print. */
const LEAKS = [ENV_CANARY, FILE_CANARY, 'native code', '=>', 'function', '[object process]', 'root:'];

type Outcome = { output: string } | { error: TemplateError };

function attempt(payload: string): Outcome {
  try {
    return { output: engine.compile(payload).render(context()) };
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return { error: error as TemplateError };
  }
}

describe('the template sandbox', () => {
  it('has a corpus of at least 30 escape attempts', () => {
    expect(ESCAPE_ATTEMPTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ESCAPE_ATTEMPTS.map((entry) => [entry.tries, entry.payload] as const))(
    'holds against %s',
    (_tries, template) => {
      const outcome = attempt(payloadOf(template));
      const text = 'output' in outcome ? outcome.output : outcome.error.message;
      if ('error' in outcome) expect(['forbidden', 'render']).toContain(outcome.error.code);
      for (const leak of LEAKS) expect(text).not.toContain(leak);
    },
  );

  it('leaves no trace in the process after the corpus ran', () => {
    for (const { payload } of ESCAPE_ATTEMPTS) attempt(payloadOf(payload));
    expect((globalThis as Record<string, unknown>).HOOKFLOW_PWNED).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('is what stops the corpus: stock Nunjucks falls to the payloads marked so', () => {
    const stock = new nunjucks.Environment([], { autoescape: false });
    const live = ESCAPE_ATTEMPTS.filter((entry) => entry.escapesStockNunjucks);
    expect(live.length).toBeGreaterThanOrEqual(5);
    for (const { payload } of live)
      expect(stock.renderString(payloadOf(payload), context())).toContain(ENV_CANARY);
  });

  it('refuses names that would be pasted into generated JavaScript, which stock Nunjucks runs', () => {
    const injection = '{{ a"&&Function`globalThis\\x2eHOOKFLOW_STOCK\\x3d1```&&" }}';
    expect(engine.check(injection)).toMatchObject({ code: 'forbidden', line: 1, column: 4 });
    const globals = globalThis as Record<string, unknown>;
    try {
      new nunjucks.Environment([], { autoescape: false }).renderString(injection, {});
      expect(globals.HOOKFLOW_STOCK).toBe(1);
    } finally {
      delete globals.HOOKFLOW_STOCK;
    }
  });

  it('reports forbidden names when the template is saved, with their position', () => {
    expect(engine.check('{\n  "a": {{ customer.constructor }}\n}')).toMatchObject({
      code: 'forbidden',
      line: 2,
    });
    expect(engine.check('{{ process.env.HOME }}')).toMatchObject({ code: 'forbidden' });
    expect(engine.check('{{ r/a+/ }}')).toMatchObject({ code: 'forbidden' });
  });

  it('refuses forbidden keys built at run time', () => {
    const outcome = attempt('{% set k = "__pro" ~ "to__" %}{{ customer[k] }}');
    expect(outcome).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('still reads plain data, allow-listed methods and loop variables', () => {
    const output = engine
      .compile(
        '{{ customer.name.toUpperCase() }} {{ customer.tags.join("-") }} {{ customer.name.length }} {{ webhook.x }}' +
          '{% for t in customer.tags %} {{ loop.index }}/{{ loop.length }}{% endfor %}' +
          '{% set c = cycler("x", "y") %} {{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}' +
          '{% set j = joiner("+") %} {{ j() }}a{{ j() }}b',
      )
      .render(context());
    expect(output).toBe('ADA a-b 3 1 1/2 2/2 xyxx a+b');
  });
});
