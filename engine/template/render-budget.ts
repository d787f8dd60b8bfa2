import { TemplateError, type TemplateLimitName } from './template-error.ts';
import type { TemplateLimits } from './template-limits.ts';

/**
 * Reading the clock costs about as much as a dozen lookups, so the budget counts work units and
 * looks at the clock only when this many more have been spent.
 */
const CLOCK_EVERY = 128;

/**
 * The running account of one render. The sandboxed runtime, filters and globals charge it; any
 * overdraft throws TemplateError('limit'). Renders are synchronous, so the one in progress is
 * found through `activeBudget()` rather than threaded through Nunjucks' compiled code.
 */
export class RenderBudget {
  readonly limits: TemplateLimits;
  private readonly deadline: number;
  private work = 0;
  private nextClockCheck = CLOCK_EVERY;
  private iterations = 0;
  private depth = 0;

  constructor(limits: TemplateLimits) {
    this.limits = limits;
    this.deadline = performance.now() + limits.timeoutMs;
  }

  /** Charges `units` of work (1 for a call, more for a filter over a long list or text). */
  tick(units = 1): void {
    this.work += units;
    if (this.work < this.nextClockCheck) return;
    this.nextClockCheck = this.work + CLOCK_EVERY;
    if (performance.now() > this.deadline) {
      throw exceeded('timeoutMs', `the template took longer than ${this.limits.timeoutMs} ms to render`);
    }
  }

  /** One iteration of any loop; `outputLength` is the size of the text the loop is writing. */
  loopIteration(outputLength: number): void {
    this.iterations += 1;
    if (this.iterations > this.limits.maxLoopIterations) {
      throw exceeded(
        'maxLoopIterations',
        `the template loops more than ${this.limits.maxLoopIterations} times`,
      );
    }
    this.checkLength(outputLength);
    this.tick();
  }

  /** Refuses a loop or list of `count` items before it is built. */
  checkCount(count: number, what: string): void {
    if (count > this.limits.maxLoopIterations) {
      throw exceeded(
        'maxLoopIterations',
        `${what} would have ${count} items, more than the ${this.limits.maxLoopIterations} a template may loop over`,
      );
    }
  }

  /**
   * Refuses a string (or the projected size of one) longer than the output limit; `cause` names
   * what would have built it, e.g. "center(): a width of 100000000".
   */
  checkLength(length: number, cause?: string): void {
    if (length <= this.limits.maxOutputBytes) return;
    const max = this.limits.maxOutputBytes;
    const reason = cause
      ? `${cause} would make the output larger than ${max} bytes`
      : `the template output is larger than ${max} bytes`;
    throw exceeded('maxOutputBytes', reason);
  }

  /** Runs a macro call one level deeper. */
  call<T>(work: () => T): T {
    if (this.depth >= this.limits.maxCallDepth) {
      throw exceeded(
        'maxCallDepth',
        `the template recurses: macros call macros more than ${this.limits.maxCallDepth} levels deep`,
      );
    }
    this.depth += 1;
    this.tick();
    try {
      return work();
    } finally {
      this.depth -= 1;
    }
  }
}

function exceeded(limit: TemplateLimitName, reason: string): TemplateError {
  return new TemplateError('limit', `${reason} (limit ${limit})`, { limit });
}

let active: RenderBudget | null = null;

/** The budget of the render in progress; runtime hooks, filters and globals charge it. */
export function activeBudget(): RenderBudget {
  if (active === null) throw new Error('template helpers run only inside a render');
  return active;
}

/** Runs `render` with `budget` as the active one (restoring the previous, so renders may nest). */
export function runWithBudget<T>(budget: RenderBudget, render: () => T): T {
  const previous = active;
  active = budget;
  try {
    return render();
  } finally {
    active = previous;
  }
}
