import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Drives the sink-and-load child process over IPC. */
export class BenchSink {
  private readonly child: ChildProcess;
  url = '';

  private constructor(child: ChildProcess) {
    this.child = child;
  }

  static async start(): Promise<BenchSink> {
    const child = fork(fileURLToPath(new URL('./sink-process.ts', import.meta.url)), {
      execArgv: ['--disable-warning=ExperimentalWarning', '--experimental-strip-types'],
    });
    const sink = new BenchSink(child);
    const { port } = await sink.ask<{ port: number }>(null);
    sink.url = `http://127.0.0.1:${port}`;
    return sink;
  }

  async count(): Promise<number> {
    return (await this.ask<{ count: number }>({ type: 'count' })).count;
  }

  /** Where an event subscription's calls go: counted apart, never as deliveries. */
  get subscriptionUrl(): string {
    return `${this.url}/subscription`;
  }

  /** Calls received at `subscriptionUrl` since the last reset. */
  async subscriptionCalls(): Promise<number> {
    return (await this.ask<{ count: number }>({ type: 'subscriptionCalls' })).count;
  }

  async reset(): Promise<void> {
    await this.ask({ type: 'reset' });
  }

  /**
   * Posts `events` events to the server from the child process (ids `<tag><n>`); with `health`,
   * resolves to how long each `GET /health` the child asked every 50 ms meanwhile took (ms).
   */
  async load(command: {
    url: string;
    key: string;
    events: number;
    perRequest: number;
    inFlight: number;
    tag: string;
    health?: boolean;
    properties?: Record<string, unknown>;
  }): Promise<number[]> {
    return (await this.ask<{ health: number[] }>({ type: 'load', ...command })).health;
  }

  /** When each customer's first request arrived (this process's clock is the same machine's), and all requests counted. */
  arrivals(): Promise<{ times: number[]; received: number }> {
    return this.ask({ type: 'arrivals' });
  }

  /** Starts timing `GET <url>/health` every 50 ms from the child process. */
  async probe(url: string): Promise<void> {
    await this.ask({ type: 'probe', url });
  }

  /** Stops the probe; how long each `GET /health` took (ms). */
  async probeStop(): Promise<number[]> {
    return (await this.ask<{ latencies: number[] }>({ type: 'probeStop' })).latencies;
  }

  /** Milliseconds a bare undici client takes to post `count` requests to the sink. */
  async bare(count: number): Promise<number> {
    return (await this.ask<{ ms: number }>({ type: 'bare', count, url: this.url })).ms;
  }

  /** Event-to-arrival latencies and the time from the first send to the last arrival. */
  report(): Promise<{ latencies: number[]; elapsedMs: number }> {
    return this.ask({ type: 'report' });
  }

  /** Polls until `expected` requests arrived; throws after `timeoutMs`. */
  async waitFor(expected: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.count()) < expected) {
      if (Date.now() > deadline) throw new Error(`sink received ${await this.count()} of ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stop(): void {
    this.child.send({ type: 'stop' });
  }

  private ask<T>(message: object | null): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (reply) => resolve(reply as T));
      if (message) this.child.send(message);
    });
  }
}
