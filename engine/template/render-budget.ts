import { TemplateError } from './template-error.ts';

/** How much one render may use. */
export interface TemplateLimits {
  /** Wall time of one render. */
  timeoutMs: number;
  /** Size of the output and of any string a template builds. */
  maxOutputBytes: number;
  /** Loop iterations, summed over every loop of the render. */
  maxLoopIterations: number;
}

export const DEFAULT_LIMITS: TemplateLimits = {
  timeoutMs: 250,
  maxOutputBytes: 1024 * 1024,
  maxLoopIterations: 100_000,
};

/** Checking the clock costs; count cheap operations and look at the time every so often. */
const CLOCK_EVERY = 256;

/** Renders in progress, innermost last (renders are synchronous, so this is a plain stack). */
const rendering: RenderBudget[] = [];

/**
 * Throws a TemplateError from inside a render, remembering it: Nunjucks re-wraps errors thrown
 * in templates into its own type and drops the original, so the render looks it up here.
 */
export function raise(error: TemplateError): never {
  const active = rendering.at(-1);
  if (active && !active.failure) active.failure = error;
  throw error;
}

/** The running account of one render; the sandboxed runtime charges it. */
export class RenderBudget {
  readonly limits: TemplateLimits;
  /** The first TemplateError raised during the render. */
  failure: TemplateError | null = null;
  private readonly deadline: number;
  private iterations = 0;
  private output = 0;
  private operations = 0;

  constructor(limits: TemplateLimits) {
    this.limits = limits;
    this.deadline = performance.now() + limits.timeoutMs;
  }

  /** Runs `work` as the active render, so `raise` can record into this budget. */
  run<T>(work: () => T): T {
    rendering.push(this);
    try {
      return work();
    } finally {
      rendering.pop();
    }
  }

  /** One runtime operation (a lookup, a call, an output). */
  tick(): void {
    this.operations += 1;
    if (this.operations % CLOCK_EVERY === 0 && performance.now() > this.deadline) {
      raise(
        new TemplateError('limit', `the template took longer than ${this.limits.timeoutMs} ms to render`),
      );
    }
  }

  loop(length: number): void {
    this.iterations += length;
    if (this.iterations > this.limits.maxLoopIterations) {
      raise(
        new TemplateError('limit', `the template loops more than ${this.limits.maxLoopIterations} times`),
      );
    }
    this.tick();
  }

  /** A value written to the output. */
  emit(text: string): void {
    this.output += text.length;
    if (this.output > this.limits.maxOutputBytes) raise(this.tooLarge());
    this.tick();
  }

  /** A string the template built (a variable, a filter result, the whole output). */
  size(text: string): void {
    if (text.length > this.limits.maxOutputBytes) raise(this.tooLarge());
  }

  private tooLarge(): TemplateError {
    return new TemplateError(
      'limit',
      `the template output is larger than ${this.limits.maxOutputBytes} bytes`,
    );
  }
}
