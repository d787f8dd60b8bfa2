import { afterEach, describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError } from '../../engine/template/index.ts';
import { astNodes, isAstNode, type AstNode } from '../../engine/template/nunjucks-internals.ts';
import { SandboxEnvironment } from '../../engine/template/sandbox-environment.ts';
import { parseTemplate } from '../../engine/template/sandbox-parser.ts';
import { validateAst } from '../../engine/template/validate-ast.ts';

// The validator walked each node's declared fields, and `{% set x %}…{% endset %}` keeps its body
// outside them, so nothing inside was checked: a name with quotes in it ran arbitrary JavaScript.
// The walk now visits every child of every node, and the parser refuses such names outright.

const engine = createTemplateEngine();
const MARK = 'HF_MARK';
afterEach(() => {
  delete (globalThis as Record<string, unknown>)[MARK];
});

/** Every block a statement can sit in; `HOLE` marks where. */
const BLOCKS: readonly string[] = [
  'HOLE',
  '{% if true %}HOLE{% endif %}',
  '{% if false %}{% elif true %}HOLE{% endif %}',
  '{% if false %}{% else %}HOLE{% endif %}',
  '{% for i in [1] %}HOLE{% endfor %}',
  '{% for i in [] %}{% else %}HOLE{% endfor %}',
  '{% for k, v in {"a": 1} %}HOLE{% endfor %}',
  '{% set x %}HOLE{% endset %}',
  '{% macro m() %}HOLE{% endmacro %}',
  '{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}HOLE{% endcall %}',
  '{% filter upper %}HOLE{% endfilter %}',
  '{% switch 1 %}{% case 1 %}HOLE{% endswitch %}',
  '{% switch 1 %}{% case 2 %}{% default %}HOLE{% endswitch %}',
  '{% for i in [1] %}{% set y %}{% if true %}HOLE{% endif %}{% endset %}{% endfor %}',
];

/** What must be refused wherever it stands. */
const FORBIDDEN: readonly string[] = [
  `{{ a"&&Function\`globalThis.${MARK}=42\`\`\`&&" }}`,
  `{{ x | a"&&Function\`globalThis.${MARK}=42\`\`\`&&" }}`,
  `{% if x is a"&&Function\`globalThis.${MARK}=42\`\`\`&&" %}{% endif %}`,
  '{{ process }}',
  '{{ x.constructor }}',
  '{{ x["__proto__"] }}',
  '{{ {"constructor": 1} }}',
  '{{ r/(a+)+$/.test(x) }}',
  '{{ x | no_such_filter }}',
  '{% if x is no_such_test %}{% endif %}',
  '{% include "secret.txt" %}',
  '{% import "x" as y %}',
  '{% set process = 1 %}',
  '{% for constructor in [1] %}{% endfor %}',
  '{{ joiner(sep=process) }}',
  '{% output process %}',
  '{{ 1 if process else 2 }}',
];

describe('the template checks', () => {
  it.each(BLOCKS.flatMap((block) => FORBIDDEN.map((hole) => [block.replace('HOLE', hole)] as const)))(
    'refuse %s when it is saved, and it cannot run',
    (source) => {
      const problem = engine.check(source);
      expect(problem).toBeInstanceOf(TemplateError);
      expect(['forbidden', 'syntax']).toContain(problem!.code);
      expect(() => engine.compile(source).render({ x: 'aaaa' })).toThrow(TemplateError);
      expect((globalThis as Record<string, unknown>)[MARK]).toBeUndefined();
    },
  );

  it('still accept each block with harmless content', () => {
    for (const block of BLOCKS) expect(engine.check(block.replace('HOLE', '{{ x | upper }}'))).toBeNull();
  });
});

type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => AstNode;
const allNodes = astNodes as unknown as Record<string, NodeClass>;
const nodeClasses = Object.entries(allNodes).filter(
  ([name, value]) =>
    typeof value === 'function' && 'typename' in value.prototype && !['Node', 'Value'].includes(name),
);

/** A variable no template may use: wherever the walk meets it, it is refused by name. */
const poison = () => new allNodes.Symbol!(0, 0, 'process');

/** Properties that hold text or flags, never nodes (the names of calls, operators, tags). */
const SCALAR: Readonly<Record<string, readonly string[]>> = {
  Literal: ['value'],
  Symbol: ['value'],
  TemplateData: ['value'],
  CompareOperand: ['type'],
  CallExtension: ['extName', 'prop'],
  Import: ['withContext'],
  FromImport: ['withContext'],
  Include: ['ignoreMissing'],
};

/** Each place of a node where a child can be: its declared fields, and `body` (where `set` keeps it). */
function childSlots(typename: string, node: AstNode): string[] {
  const scalar = SCALAR[typename] ?? [];
  return [...new Set([...node.fields, 'body'])].filter((slot) => !scalar.includes(slot));
}

/** Replaces the `{{ HOLE }}` of a parsed block with `node`. */
function plant(root: AstNode, node: AstNode): void {
  const pending: AstNode[] = [root];
  for (let parent = pending.pop(); parent; parent = pending.pop()) {
    for (const [key, value] of Object.entries(parent)) {
      const children = Array.isArray(value) ? value : [value];
      children.forEach((child, index) => {
        if (!isAstNode(child)) return;
        if (child.typename === 'Symbol' && child.value === 'HOLE') {
          if (Array.isArray(value)) value[index] = node;
          else (parent as Record<string, unknown>)[key] = node;
        } else pending.push(child);
      });
    }
  }
}

describe('the walk over the parsed template', () => {
  const env = new SandboxEnvironment();

  it('knows every node type Nunjucks has', () => {
    expect(nodeClasses.length).toBeGreaterThanOrEqual(50);
  });

  it.each(nodeClasses.map(([name]) => [name] as const))(
    'finds a forbidden name in any child of %s, inside every block type',
    (name) => {
      const Class = nodeClasses.find(([candidate]) => candidate === name)![1];
      for (const block of BLOCKS) {
        const probe = new Class(0, 0);
        for (const slot of childSlots(probe.typename, probe)) {
          const node = new Class(0, 0);
          if (node.typename === 'CallExtension') Object.assign(node, { extName: 'output', prop: 'run' });
          (node as Record<string, unknown>)[slot] = Array.isArray(node[slot]) ? [poison()] : poison();
          const root = parseTemplate(block.replace('HOLE', '{{ HOLE }}'), env.extensionsList);
          plant(root, node);
          expect(() => validateAst(root, env), `${name}.${slot} in ${block}`).toThrow(TemplateError);
        }
      }
    },
  );
});
