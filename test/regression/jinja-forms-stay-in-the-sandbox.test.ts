import { describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError } from '../../engine/template/index.ts';
import {
  astNodes,
  isAstNode,
  type AstNode,
  type NodeClass,
} from '../../engine/template/nunjucks-internals.ts';
import { SandboxEnvironment } from '../../engine/template/sandbox-environment.ts';
import { LoopItems, Slice } from '../../engine/template/sandbox-nodes.ts';
import { parseTemplate } from '../../engine/template/sandbox-parser.ts';
import { validateAst } from '../../engine/template/validate-ast.ts';

// Slices, one-name loops over dicts, `%` formatting, `format`, namespaces and `loop.cycle` were
// added to the sandbox (issue 12, item 0). The parser builds two node types of its own for them
// and the runtime gained hooks; none of that may open a way past the sandbox's checks.

const engine = createTemplateEngine();

/** Each new form with a forbidden name in each place it can hold an expression. */
const FORBIDDEN_IN_NEW_FORMS: readonly string[] = [
  '{{ x[process:] }}',
  '{{ x[:process] }}',
  '{{ x[::process] }}',
  '{{ process[1:] }}',
  '{{ x[-constructor] }}',
  '{% for k in process %}{% endfor %}',
  '{% for k in x[process:] %}{% endfor %}',
  '{{ "%s" % process }}',
  '{{ process % 2 }}',
  '{{ "%s %s" % (x, process) }}',
  '{{ "%s" | format(process) }}',
  '{{ "%(a)s" | format(a=process) }}',
  '{% set ns = namespace(a=process) %}',
  '{% set ns = namespace() %}{% set ns.a = process %}',
  '{% set ns = namespace() %}{% set ns.a %}{{ process }}{% endset %}',
  '{% set process.a = 1 %}',
  '{% set ns = namespace() %}{% set ns.constructor = 1 %}',
  '{% set ns = namespace() %}{% set ns.__proto__ = 1 %}',
  '{% for i in x %}{{ loop.cycle(process) }}{% endfor %}',
  '{% for i in x %}{{ loop.cycle.constructor }}{% endfor %}',
  '{{ (x | groupby("a"))[0].constructor }}',
];

describe('the Jinja forms added to the sandbox', () => {
  it.each(FORBIDDEN_IN_NEW_FORMS.map((source) => [source] as const))(
    'refuse %s when it is saved',
    (source) => {
      const problem = engine.check(source);
      expect(problem).toBeInstanceOf(TemplateError);
      expect(problem!.code).toBe('forbidden');
    },
  );

  const env = new SandboxEnvironment();
  const poison = () => new (astNodes as unknown as Record<string, NodeClass>).Symbol!(0, 0, 'process');

  it.each([
    ['Slice', Slice, ['start', 'stop', 'step']],
    ['LoopItems', LoopItems, ['value']],
  ] as const)('have every child of a %s node checked', (_name, Class, fields) => {
    for (const field of fields) {
      const root = parseTemplate('{{ HOLE }}', env.extensionsList);
      const node = new Class(0, 0);
      (node as Record<string, unknown>)[field] = poison();
      const output = (root.children as AstNode[])[0]!;
      const children = output.children as unknown[];
      children[children.findIndex(isAstNode)] = node;
      expect(() => validateAst(root, env), `${_name}.${field}`).toThrow(/templates cannot use "process"/);
    }
  });

  it('never writes into the render context: only namespaces can be changed', () => {
    const customer = { name: 'Ada', tags: ['a'] };
    const context = { customer, items: [1, 2] };
    const before = JSON.stringify(context);
    expect(() => engine.compile('{% set customer.name = "Eve" %}').render(context)).toThrow(
      /only a namespace\(\) can have attributes set/,
    );
    // A `loop` replaced by context data must not receive the next iteration's fields.
    const output = engine
      .compile('{% for i in items %}{{ loop.index }}{% set loop = customer %}{% endfor %}')
      .render(context);
    expect(output).toBe('12');
    expect(JSON.stringify(context)).toBe(before);
    expect(Object.keys(customer)).toEqual(['name', 'tags']);
  });

  it('gives functions no text through %-formatting', () => {
    const output = engine
      .compile('[{{ "%s|%r|%a" % (range, cycler, namespace) }}]')
      .render({ customer: { name: 'Ada' } });
    expect(output).toBe('[||]');
  });

  it('refuses forbidden dict keys named at run time in a % format', () => {
    const template = engine.compile('{% set k = "constr" ~ "uctor" %}{{ ("%(" ~ k ~ ")s") % customer }}');
    expect(() => template.render({ customer: { name: 'Ada' } })).toThrow(/cannot read "constructor"/);
  });

  it('refuses a namespace made from data with a __proto__ key', () => {
    const template = engine.compile('{% set ns = namespace(s | from_json) %}{{ ns.polluted }}');
    expect(() => template.render({ s: '{"__proto__": {"polluted": "yes"}}' })).toThrow(TemplateError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
