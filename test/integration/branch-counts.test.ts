import { describe, expect, it } from 'vitest';
import { edge, purchaseEvents, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('branch counts', () => {
  const context = serverWithSink();

  const definition = () => ({
    nodes: [
      triggerNode('start', 'purchase'),
      {
        id: 'big',
        type: 'condition',
        config: { rules: [{ field: 'event.properties.amount', criteria: 'greater_than', value: 100 }] },
      },
      webhookNode('vip', `${context.sink.url}/vip`, {
        body: '{"customer":"{{ customer.id }}"}',
        retry: { maxAttempts: 1 },
      }),
      { id: 'done', type: 'end', config: {} },
    ],
    edges: [
      edge('start', 'big'),
      edge('big', 'vip', 'yes'),
      edge('big', 'done', 'no'),
      edge('vip', 'done', 'success'),
    ],
  });

  async function purchases(scenarioId: string, amounts: Record<string, number>) {
    const sent = await context.server.api('POST', '/api/events', purchaseEvents(amounts));
    expect(sent.status).toBe(202);
    for (const event of sent.body.events)
      await waitForRun(context.server, event.runIds[0], (run) =>
        ['completed', 'failed'].includes(run.status),
      );
    return scenarioId;
  }

  it('counts the customers that took each output of a condition and of a webhook', async () => {
    // The receiver refuses one customer: that run leaves the webhook by its failure output.
    context.sink.respond = (request) =>
      request.body.includes('"ann"') ? { status: 400, body: 'no' } : { status: 200, body: '{}' };
    const scenarioId = await activeScenario(context.server, definition());
    await purchases(scenarioId, { ann: 500, bob: 150, cid: 20, dan: 900, eve: 5 });

    const stats = await context.server.api('GET', `/api/scenarios/${scenarioId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.nodes.start.branches).toEqual({ out: 5 });
    expect(stats.body.nodes.big.branches).toEqual({ yes: 3, no: 2 });
    expect(stats.body.nodes.vip.branches).toEqual({ success: 2, failure: 1 });
    // A node without outputs has no branches.
    expect(stats.body.nodes.done.branches).toBeUndefined();
  });

  it("lists which way each customer went in a condition's recent runs", async () => {
    const scenarioId = await activeScenario(context.server, definition());
    await purchases(scenarioId, { ann: 500, cid: 20 });

    const runs = await context.server.api('GET', `/api/scenarios/${scenarioId}/nodes/big/runs`);
    const ways = Object.fromEntries(runs.body.items.map((item: any) => [item.customerId, item.branch]));
    expect(ways).toEqual({ ann: 'yes', cid: 'no' });
    const hook = await context.server.api('GET', `/api/scenarios/${scenarioId}/nodes/vip/runs`);
    const attempt = hook.body.items.find((item: any) => item.kind === 'webhook');
    expect(attempt).toMatchObject({ customerId: 'ann', branch: 'success' });
  });

  it('keeps counting on the same outputs when a new version is published, and filters by version', async () => {
    const scenarioId = await activeScenario(context.server, definition());
    await purchases(scenarioId, { ann: 500 });
    const changed = definition();
    changed.nodes[1] = {
      ...changed.nodes[1]!,
      config: { rules: [{ field: 'event.properties.amount', criteria: 'greater_than', value: 1000 }] },
    } as never;
    expect(
      (await context.server.api('PATCH', `/api/scenarios/${scenarioId}`, { definition: changed })).status,
    ).toBe(200);
    expect((await context.server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    await purchases(scenarioId, { bob: 500 });

    const all = await context.server.api('GET', `/api/scenarios/${scenarioId}/stats`);
    expect(all.body.nodes.big.branches).toEqual({ yes: 1, no: 1 });
    const second = await context.server.api('GET', `/api/scenarios/${scenarioId}/stats?version=2`);
    expect(second.body.nodes.big.branches).toEqual({ no: 1 });
  });
});
