import { EVENT_TYPE_NAMES } from '../../../engine/subscriptions/index.ts';
import type { HttpSink, ReceivedRequest } from '../helpers/http-sink.ts';
import type { TestServer } from '../helpers/test-server.ts';

/** Every event type, every channel. */
export const ALL_EVENTS = EVENT_TYPE_NAMES.map((type) => ({ type }));

/** Creates a subscription; fails the test when refused. */
export async function subscribe(server: TestServer, body: Record<string, unknown>): Promise<any> {
  const created = await server.api('POST', '/api/subscriptions', { name: 'test subscription', ...body });
  if (created.status !== 201) throw new Error(`subscription refused: ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The requests the sink received on `path` (subscription calls), parsed. */
export function eventsAt(sink: HttpSink, path: string): (ReceivedRequest & { json: any })[] {
  return sink.received
    .filter((request) => request.url === path)
    .map((request) => ({ ...request, json: JSON.parse(request.body) }));
}

/** Waits until `path` received `count` calls (or fails after `timeoutMs`), then a little more to catch extras. */
export async function waitForEvents(
  sink: HttpSink,
  options: { path: string; count: number; timeoutMs?: number; settleMs?: number },
): Promise<(ReceivedRequest & { json: any })[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (eventsAt(sink, options.path).length < options.count) {
    if (Date.now() > deadline) {
      const got = eventsAt(sink, options.path).map((request) => request.json.event);
      throw new Error(`${options.path} got ${got.length} of ${options.count} events: ${got.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 300));
  return eventsAt(sink, options.path);
}
