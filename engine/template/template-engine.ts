import nunjucks from 'nunjucks';
import { installFilters } from './filters.ts';
import { OutputTag } from './output-tag.ts';
import { DEFAULT_LIMITS, RenderBudget, raise, type TemplateLimits } from './render-budget.ts';
import { sandboxRuntime } from './sandbox-runtime.ts';
import { TemplateError } from './template-error.ts';

export interface CompiledTemplate {
  /** Renders synchronously within the limits; throws TemplateError. */
  render(context: Record<string, unknown>, limits?: Partial<TemplateLimits>): string;
}

export interface TemplateEngine {
  /** Compiles once per source text (bounded cache); throws TemplateError('syntax') with line/column. */
  compile(source: string): CompiledTemplate;
  /** Null when the template compiles, else the error (used by validation at save time). */
  check(source: string): TemplateError | null;
}

type RootRender = (
  ...args: [env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: unknown]
) => void;
type RawTemplate = nunjucks.Template & { rootRenderFunc: RootRender; compile(): void };

/** Templates may not load other templates: there is no file system behind them. */
class NoTemplateLoader {
  getSource(name: string): never {
    throw new TemplateError(
      'forbidden',
      `templates cannot include, import or extend other templates ("${name}")`,
    );
  }
}

const CACHE_SIZE = 2000;

/**
 * The one Nunjucks environment every template goes through: autoescape off (payloads are JSON,
 * XML or text), no loaders, Jinja-like filters, the batch `output` tag, and a sandboxed runtime
 * with time, size and loop budgets for every render.
 */
export function createTemplateEngine(options: { limits?: Partial<TemplateLimits> } = {}): TemplateEngine {
  const defaults = { ...DEFAULT_LIMITS, ...options.limits };
  const env = new nunjucks.Environment(new NoTemplateLoader() as never, {
    autoescape: false,
    throwOnUndefined: false,
  });
  installFilters(env);
  env.addExtension('output', new OutputTag());
  env.addGlobal('range', cappedRange(defaults.maxLoopIterations));
  const cache = new Map<string, CompiledTemplate>();

  const compile = (source: string): CompiledTemplate => {
    const cached = cache.get(source);
    if (cached) return cached;
    const template = new nunjucks.Template(source, env, 'template', false) as RawTemplate;
    try {
      template.compile();
    } catch (error) {
      throw asTemplateError(error, 'syntax');
    }
    const root = template.rootRenderFunc;
    const compiled: CompiledTemplate = {
      render(context, limits) {
        const budget = new RenderBudget({ ...defaults, ...limits });
        const runtime = sandboxRuntime(budget);
        template.rootRenderFunc = (...args) => root(args[0], args[1], args[2], runtime, args[4]);
        try {
          const output = budget.run(() => template.render(Object.assign(Object.create(null), context)));
          // Literal template text is appended without passing the runtime, so check the total too.
          budget.size(output);
          return output;
        } catch (error) {
          throw budget.failure ?? asTemplateError(error, 'render');
        } finally {
          template.rootRenderFunc = root;
        }
      },
    };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
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
        return error as TemplateError;
      }
    },
  };
}

/** `range()` that refuses to build more items than a render may loop over. */
function cappedRange(max: number) {
  return (start: number, stop?: number, step = 1) => {
    const [from, to] = stop === undefined ? [0, Number(start)] : [Number(start), Number(stop)];
    const count = step === 0 ? Infinity : Math.ceil((to - from) / step);
    if (count > max) raise(new TemplateError('limit', `range(): ${count} items is more than ${max}`));
    const items: number[] = [];
    for (let value = from; step > 0 ? value < to : value > to; value += step) items.push(value);
    return items;
  };
}

/** Nunjucks wraps errors as "(template) [Line 3, Column 5]\n  message"; keep the message and position. */
function asTemplateError(error: unknown, fallback: 'syntax' | 'render'): TemplateError {
  if (error instanceof TemplateError) return error;
  const raw = String((error as Error).message ?? error);
  if (raw.includes('Invalid string length')) {
    return new TemplateError('limit', 'the template output is larger than a string can hold');
  }
  if (error instanceof RangeError || raw.includes('Maximum call stack size exceeded')) {
    return new TemplateError('limit', 'the template nests or recurses too deeply');
  }
  const { lineno, colno } = error as { lineno?: number; colno?: number };
  const found = /\[Line (\d+), Column (\d+)\]/.exec(raw);
  const line = lineno ?? (found ? Number(found[1]) : undefined);
  const column = colno ?? (found ? Number(found[2]) : undefined);
  const message = raw
    .replace(/^\(template\)\s*/, '')
    .replace(/\[Line \d+, Column \d+\]/, '')
    .replace(/^\s*(Template render error:|Error:)?\s*/gm, '')
    .replace(/\(unknown path\)/g, '')
    .trim();
  return new TemplateError(
    fallback,
    message || 'the template is invalid',
    line ? { line, column: column ?? 0 } : {},
  );
}
