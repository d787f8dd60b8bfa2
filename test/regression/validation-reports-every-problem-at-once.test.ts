import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../engine/scenario/index.ts';
import { createTemplateEngine } from '../../engine/template/index.ts';
import { EgressPolicy } from '../../engine/webhook/index.ts';
import { serverWithSink } from '../integration/helpers/test-server.ts';

const templates = createTemplateEngine();
const checks = {
  checkTemplate: (source: string) => templates.check(source)?.message ?? null,
  egress: new EgressPolicy(),
};

/**
 * A webhook without a URL (a field error), whose body does not compile and whose parameter has
 * no value, plus a node nothing leads to: four problems, which Validate must list together.
 * Field errors used to stop the graph and template checks, so "1 problem" became 3 more.
 */
const definition = {
  nodes: [
    { id: 'start', type: 'trigger.event', config: { eventType: 'signup' } },
    {
      id: 'notify',
      type: 'webhook',
      config: { url: '', body: '{"note": "[[ note ]]", "plan": {{ customer.plan }' },
    },
    { id: 'island', type: 'wait', config: { mode: 'duration', seconds: 60 } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'notify', sourceHandle: 'out' }],
};

describe('validation reports every problem at once', () => {
  it('lists field, parameter, template and graph problems of one definition together', () => {
    const result = validateScenario(definition, checks);
    expect(result.ok).toBe(false);
    const found = result.issues.map((issue) => `${issue.nodeId} ${issue.field ?? '-'}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'notify config.url',
        'notify config.parameters.note',
        'notify config.body',
        'island -',
      ]),
    );
    expect(result.issues).toHaveLength(4);
  });

  it('still checks the graph when a node has an unknown shape of config, without crashing', () => {
    const result = validateScenario(
      {
        nodes: [
          { id: 'start', type: 'trigger.event', config: { eventType: 7, conditions: 'x' } },
          { id: 'w', type: 'webhook', config: { url: 5, headers: 'nope', query: [null, 3], batch: 'x' } },
          { id: 'later', type: 'set-attributes', config: { attributes: [{ key: 'a', value: '{{ ' }] } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'w', sourceHandle: 'out' },
          { id: 'e2', source: 'w', target: 'ghost', sourceHandle: 'success' },
        ],
      },
      checks,
    );
    const messages = result.issues.map((issue) => `${issue.nodeId ?? issue.edgeId} ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'e2 ends at unknown node "ghost"',
        'later is not reachable from any trigger',
        expect.stringMatching(/^later template error/),
      ]),
    );
    expect(result.issues.some((issue) => issue.nodeId === 'w' && issue.field === 'config.url')).toBe(true);
  });

  it('stops at the field problems only when the graph itself cannot be read', () => {
    const result = validateScenario({ nodes: [{ id: 'bad id!', type: 'end' }], edges: 'none' }, checks);
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
  });

  describe('through the API', () => {
    const context = serverWithSink({ shared: true });

    it('POST /api/scenarios/validate and activation answer all four problems', async () => {
      const { server } = context;
      const validated = await server.api('POST', '/api/scenarios/validate', definition);
      expect(validated.status).toBe(200);
      expect(validated.body.ok).toBe(false);
      expect(validated.body.issues).toHaveLength(4);
      const created = await server.api('POST', '/api/scenarios', { name: 'Four problems', definition });
      const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
      expect(activated.status).toBe(400);
      expect(activated.body.error.code).toBe('validation_failed');
      expect(activated.body.error.issues).toHaveLength(4);
    });
  });
});
