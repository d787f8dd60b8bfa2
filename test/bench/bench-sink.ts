import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Drives the sink child process over IPC. */
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

  count(): Promise<number> {
    return this.ask<{ count: number }>({ type: 'count' }).then((reply) => reply.count);
  }

  arrivals(): Promise<[string, number][]> {
    return this.ask<{ arrivals: [string, number][] }>({ type: 'report' }).then((reply) => reply.arrivals);
  }

  async reset(): Promise<void> {
    await this.ask({ type: 'reset' });
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
