import type { Agent } from 'undici';
import { request } from 'undici';
import type { EgressPolicy, RenderedRequest } from '../../engine/webhook/index.ts';
import { EgressRefusedError, checkLiteralHost } from './guarded-agent.ts';
import { patientDeadline } from './patient-deadline.ts';

/** What came back from one attempt; `error` is set when no HTTP response was received. */
export interface SendResult {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** True when the body was longer than the cap and was cut. */
  truncated: boolean;
  error: string | null;
  /**
   * Why the request never left the process, never to be retried: `egress` (the address is not
   * allowed) or `credentials` (they could not be attached); null when it was sent or may be again.
   */
  refusal: 'egress' | 'credentials' | null;
  durationMs: number;
}

export const RESPONSE_BODY_CAP = 64 * 1024;

/** An attempt that ended before any request left; refused ones are never retried. */
export function failedAttempt(error: string, refusal: SendResult['refusal']): SendResult {
  return { status: null, headers: {}, body: '', truncated: false, error, refusal, durationMs: 0 };
}

/** Sends rendered requests through one keep-alive agent; never follows redirects. */
export class HttpSender {
  private readonly agent: Agent;
  private readonly policy: EgressPolicy;

  constructor(options: { agent: Agent; policy: EgressPolicy }) {
    this.agent = options.agent;
    this.policy = options.policy;
  }

  async send(rendered: RenderedRequest, timeoutMs: number): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const deadline = patientDeadline(timeoutMs);
    try {
      const url = new URL(rendered.url);
      checkLiteralHost(url, this.policy);
      const response = await request(url, {
        method: rendered.method as 'GET',
        headers: rendered.headers,
        body: rendered.body,
        dispatcher: this.agent,
        // The deadline covers headers and body; undici's own timers would fire before I/O is read.
        headersTimeout: 0,
        bodyTimeout: 0,
        signal: deadline.signal,
      });
      const { text, truncated } = await readCapped(response.body, RESPONSE_BODY_CAP);
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: text,
        truncated,
        error: null,
        refusal: null,
        durationMs: elapsed(),
      };
    } catch (error) {
      return {
        status: null,
        headers: {},
        body: '',
        truncated: false,
        error: describe(error, timeoutMs),
        refusal: isRefusal(error) ? 'egress' : null,
        durationMs: elapsed(),
      };
    } finally {
      deadline.done();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      return { text: Buffer.concat(chunks).subarray(0, cap).toString('utf8'), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describe(error: unknown, timeoutMs: number): string {
  const err = error as Error & { code?: string; cause?: Error & { code?: string } };
  if (
    err.name === 'TimeoutError' ||
    err.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    err.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = err.cause && err.cause !== err ? `: ${err.cause.message}` : '';
  return `${err.code ? `${err.code} ` : ''}${err.message}${cause}`;
}

function isRefusal(error: unknown): boolean {
  const err = error as Error & { cause?: unknown };
  return err instanceof EgressRefusedError || err.cause instanceof EgressRefusedError;
}
