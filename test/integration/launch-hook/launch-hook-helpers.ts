import { edge, webhookNode } from '../helpers/scenarios.ts';
import { activeScenario, type TestServer } from '../helpers/test-server.ts';

/** What each launched run sends: the customer and the variables a launch may have set. */
export const SENT_BODY =
  '{"id":"{{ customer.id }}","color":"{{ customer.favorite_color }}","new_color":"{{ customer.new_favorite_color }}","channel":"{{ customer.bot_channel }}","phone":"{{ customer.user_phone_number }}","note":"{{ customer.other_variable }}"}';

/** trigger.hook → webhook to the sink. `config` adds to the hook node's config (delay 0 unless given). */
export const hookScenario = (sinkUrl: string, config: Record<string, unknown> = {}) => ({
  nodes: [
    { id: 'launch', type: 'trigger.hook', config: { delaySeconds: 0, ...config } },
    webhookNode('send', `${sinkUrl}/send`, { body: SENT_BODY }),
  ],
  edges: [edge('launch', 'send')],
});

/** Activates a hook scenario and returns its id and the hook URL the API lists. */
export async function activeHook(
  server: Pick<TestServer, 'api'>,
  sinkUrl: string,
  config: Record<string, unknown> = {},
) {
  const scenarioId = await activeScenario(server, hookScenario(sinkUrl, config), 'launch hook');
  const { status, body } = await server.api('GET', `/api/scenarios/${scenarioId}/hooks`);
  if (status !== 200) throw new Error(`listing hooks failed: ${JSON.stringify(body)}`);
  return { scenarioId, url: body.hooks[0].url as string };
}

/** Calls a hook URL (no API key); POSTs `body` as JSON when given. */
export async function callHook(url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function putCustomers(server: TestServer, customers: Record<string, Record<string, unknown>>) {
  for (const [id, attributes] of Object.entries(customers)) {
    const { status } = await server.api('PUT', `/api/customers/${encodeURIComponent(id)}`, attributes);
    if (status !== 200 && status !== 201) throw new Error(`customer ${id} not saved (${status})`);
  }
}

/** The sink's received bodies, parsed and sorted by customer id. */
export const sentBodies = (received: { body: string }[]) =>
  received
    .map((request) => JSON.parse(request.body))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
