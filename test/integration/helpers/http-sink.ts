import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type SinkResponder = (request: ReceivedRequest) => {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** The answer waits for this (a slow receiver); the request counts as received at once. */
  after?: Promise<unknown>;
};

/** 200 with a small JSON body, unless a test says otherwise. */
export const DEFAULT_RESPONDER: SinkResponder = () => ({
  status: 200,
  body: '{"ok":true}',
  headers: { 'content-type': 'application/json' },
});

/** A real HTTP server on 127.0.0.1 that records every request it receives. */
export class HttpSink {
  readonly received: ReceivedRequest[] = [];
  respond: SinkResponder = DEFAULT_RESPONDER;
  private server: Server | null = null;
  private waiters: (() => void)[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      // A client that gave up (its timeout) aborts the request while it is read: like a real
      // receiver, the sink drops it instead of failing the test run with an unhandled rejection.
      this.handle(request, response).catch(() => response.destroy());
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 5000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`sink got ${this.received.length} of ${count} requests in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received: ReceivedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    };
    this.received.push(received);
    const answer = this.respond(received);
    for (const wake of this.waiters.splice(0)) wake();
    if (answer.after) await answer.after;
    response.writeHead(answer.status ?? 200, answer.headers ?? {});
    response.end(answer.body ?? '');
  }
}
