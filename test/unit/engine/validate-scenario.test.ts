import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../engine/scenario/index.ts';
import { EgressPolicy } from '../../../engine/webhook/index.ts';

const egress = new EgressPolicy();
const noTemplateErrors = { checkTemplate: () => null, egress };
const trigger = { id: 't', type: 'trigger.event', config: { eventType: 'signup' } };
const hook = (id: string, url = 'https://example.com') => ({ id, type: 'webhook', config: { url } });
const wait = (id: string) => ({ id, type: 'wait', config: { mode: 'duration', seconds: 60 } });
const edge = (source: string, target: string, sourceHandle = 'out') => ({
  id: `${source}-${target}`,
  source,
  target,
  sourceHandle,
});

describe('scenario validation', () => {
  it('accepts a well-formed graph', () => {
    const result = validateScenario(
      { nodes: [trigger, hook('h')], edges: [edge('t', 'h')] },
      noTemplateErrors,
    );
    expect(result).toMatchObject({ ok: true, issues: [] });
  });

  it('requires a trigger', () => {
    const result = validateScenario({ nodes: [hook('h')], edges: [] }, noTemplateErrors);
    expect(result.issues.map((issue) => issue.message)).toContain(
      'a scenario needs at least one trigger node',
    );
  });

  it('names the node and field of a schema error', () => {
    const result = validateScenario(
      { nodes: [trigger, hook('h', '')], edges: [edge('t', 'h')] },
      noTemplateErrors,
    );
    expect(result.issues).toEqual([{ nodeId: 'h', field: 'config.url', message: 'url is required' }]);
  });

  it('reports dangling edges, unknown outputs and unreachable nodes', () => {
    const dangling = validateScenario({ nodes: [trigger], edges: [edge('t', 'ghost')] }, noTemplateErrors);
    expect(dangling.issues).toEqual([{ edgeId: 't-ghost', message: 'ends at unknown node "ghost"' }]);
    const badHandle = validateScenario(
      { nodes: [trigger, hook('h')], edges: [edge('t', 'h', 'yes')] },
      noTemplateErrors,
    );
    expect(badHandle.issues[0]).toMatchObject({ nodeId: 't', message: 'has no output "yes" (outputs: out)' });
    const island = validateScenario({ nodes: [trigger, hook('h')], edges: [] }, noTemplateErrors);
    expect(island.issues).toEqual([{ nodeId: 'h', message: 'is not reachable from any trigger' }]);
  });

  it('refuses a loop without a wait but allows one through a wait', () => {
    const spin = validateScenario(
      {
        nodes: [trigger, hook('a'), hook('b')],
        edges: [edge('t', 'a'), edge('a', 'b', 'success'), edge('b', 'a', 'success')],
      },
      noTemplateErrors,
    );
    expect(spin.issues[0]?.message).toMatch(/loop without a wait node: a → b → a/);
    // The ids in order, so a client can name the nodes its own way.
    expect(spin.issues[0]?.loop).toEqual(['a', 'b', 'a']);
    const paced = validateScenario(
      {
        nodes: [trigger, hook('a'), wait('w')],
        edges: [edge('t', 'a'), edge('a', 'w', 'success'), edge('w', 'a')],
      },
      noTemplateErrors,
    );
    expect(paced.ok).toBe(true);
  });

  it('refuses an output connected twice (one path per customer)', () => {
    const result = validateScenario(
      {
        nodes: [trigger, hook('a'), hook('b')],
        edges: [edge('t', 'a'), { ...edge('t', 'b'), id: 'second' }],
      },
      noTemplateErrors,
    );
    expect(result.issues).toEqual([
      { nodeId: 't', edgeId: 'second', message: 'output "out" is connected more than once' },
    ]);
  });

  it('reports templates that do not compile with the field', () => {
    const checker = (source: string) =>
      source.includes('{{ oops') ? 'unexpected end of file (line 1, column 8)' : null;
    const result = validateScenario(
      {
        nodes: [trigger, { ...hook('h'), config: { url: 'https://x', body: '{"a": {{ oops' } }],
        edges: [edge('t', 'h')],
      },
      { checkTemplate: checker, egress },
    );
    expect(result.issues).toEqual([
      {
        nodeId: 'h',
        field: 'config.body',
        message: 'template error: unexpected end of file (line 1, column 8)',
      },
    ]);
  });
});
