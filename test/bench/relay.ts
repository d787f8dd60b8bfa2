/**
 * The event benchmark's baseline: a hand-written relay that does what a non-durable integration
 * script would. It parses the event, validates it with the same schema as `POST /api/events`,
 * renders the webhook node with the same template engine, POSTs it with the same guarded undici
 * agent as the delivery worker, and answers 202 once the sink has answered. Nothing is stored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventInputSchema } from '../../engine/run/index.ts';
import { WebhookNodeSchema } from '../../engine/scenario/node-schemas.ts';
import { createTemplateEngine } from '../../engine/template/index.ts';
import { EgressPolicy, renderRequest } from '../../engine/webhook/index.ts';
import { createGuardedAgent } from '../../server/http/guarded-agent.ts';
import { HttpSender } from '../../server/http/http-sender.ts';
import { renderContext } from '../../server/runtime/render-context.ts';

export interface Relay {
  url: string;
  close(): Promise<void>;
}

/** Starts the relay for one webhook node (the same node the Hookflow scenario uses). */
export async function startRelay(webhook: unknown): Promise<Relay> {
  const node = WebhookNodeSchema.parse(webhook);
  const templates = createTemplateEngine();
  const policy = new EgressPolicy(['127.0.0.1']);
  const sender = new HttpSender({ agent: createGuardedAgent(policy), policy });
  const scenario = { id: 'relay', name: 'relay', version: 1 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: string) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(body);
      const parsed = EventInputSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed.success) return answer(400, '{"error":"bad event"}');
      const event = parsed.data;
      const context = renderContext({
        customer: { id: event.customer_id },
        event: { id: 'e', type: event.type, timestamp: '', properties: event.properties },
        scenario,
        run: { id: 'r', startedAt: '' },
        webhooks: [],
      });
      const rendered = renderRequest({ node, context, templates });
      sender.send(rendered, node.config.timeoutMs).then(
        (result) => answer(202, JSON.stringify({ status: result.status })),
        () => answer(502, '{"error":"send failed"}'),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sender.close();
    },
  };
}
