import { Buffer } from 'node:buffer';
import { LruCache } from './lru-cache.ts';
import { nunjucksRuntime, type RootRender } from './nunjucks-internals.ts';
import { RenderBudget, runWithBudget } from './render-budget.ts';
import { compileTemplate } from './sandbox-compiler.ts';
import { SandboxContext } from './sandbox-context.ts';
import { SandboxEnvironment, type TemplateOutput } from './sandbox-environment.ts';
import { sandboxRuntime } from './sandbox-runtime.ts';
import type { TemplateError } from './template-error.ts';
import { DEFAULT_LIMITS, resolveLimits, type TemplateLimits } from './template-limits.ts';
import { toTemplateError } from './to-template-error.ts';

/** A template compiled once and rendered many times. */
export interface CompiledTemplate {
  /**
   * Renders synchronously against `context` (read, never modified) within the engine's limits,
   * or tighter/looser ones for this render. Throws TemplateError ('render', 'limit', 'forbidden').
   */
  render(context: Record<string, unknown>, limits?: Partial<TemplateLimits>): string;
}

export interface TemplateEngine {
  /** Compiles once per source text (a bounded LRU cache); throws TemplateError('syntax' | 'forbidden') with line/column. */
  compile(source: string): CompiledTemplate;
  /** Null when the template compiles, else the error (scenario validation calls this at save time). */
  check(source: string): TemplateError | null;
}

export interface TemplateEngineOptions {
  /** Defaults for every render (see DEFAULT_LIMITS). */
  limits?: Partial<TemplateLimits>;
  /** How many compiled templates to keep (default 1000). */
  cacheSize?: number;
  /**
   * `text` (default) prints `{{ value }}`; `json` writes it as a JSON value, `null` when there
   * is no data (event subscription payloads): `{"id": {{ customer.id }}}` is valid JSON always.
   */
  output?: TemplateOutput;
}

const DEFAULT_CACHE_SIZE = 1000;

/**
 * The one template environment of Hookflow: Nunjucks syntax with autoescape off (payloads are
 * JSON, XML or text), undefined values rendering as nothing, no loaders, Jinja-style filters,
 * the batch `{% output %}` tag, and a sandboxed runtime with a time, size, loop and call-depth
 * budget for every render.
 *
 * @example
 * const engine = createTemplateEngine();
 * engine.compile('{ "name": {{ customer.name | tojson }} }').render({ customer });
 */
export function createTemplateEngine(options: TemplateEngineOptions = {}): TemplateEngine {
  const env = new SandboxEnvironment(options.output);
  const limits = resolveLimits(DEFAULT_LIMITS, options.limits);
  const cache = new LruCache<string, CompiledTemplate>(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const compile = (source: string): CompiledTemplate => {
    const cached = cache.get(source);
    if (cached) return cached;
    const compiled = sandboxedTemplate(compileTemplate(source, env), env, limits);
    cache.set(source, compiled);
    return compiled;
  };
  return {
    compile,
    check(source) {
      try {
        compile(source);
        return null;
      } catch (error) {
        return toTemplateError(error, 'syntax');
      }
    },
  };
}

function sandboxedTemplate(
  root: RootRender,
  env: SandboxEnvironment,
  limits: TemplateLimits,
): CompiledTemplate {
  return {
    render(context, overrides) {
      const budget = new RenderBudget(overrides ? resolveLimits(limits, overrides) : limits);
      const output = runWithBudget(budget, () => renderRoot(root, env, context));
      // The running checks count UTF-16 units; the limit is on the bytes that will be sent.
      if (output.length * 3 > budget.limits.maxOutputBytes) budget.checkLength(Buffer.byteLength(output));
      return output;
    },
  };
}

function renderRoot(root: RootRender, env: SandboxEnvironment, data: Record<string, unknown>): string {
  const context = new SandboxContext(env, data);
  const frame = new nunjucksRuntime.Frame();
  frame.topLevel = true;
  let failure: unknown;
  let output = '';
  try {
    root(env, context, frame, sandboxRuntime, (error, result) => {
      failure = error;
      output = result ?? '';
    });
  } catch (error) {
    failure = error;
  }
  if (failure) throw toTemplateError(failure, 'render');
  return output;
}
