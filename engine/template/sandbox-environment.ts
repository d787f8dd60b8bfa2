import { createFilterTable } from './filters/filter-table.ts';
import { TEMPLATE_GLOBALS } from './globals.ts';
import { nunjucksRuntime, stockTests, type FilterFunction } from './nunjucks-internals.ts';
import { OutputTag } from './output-tag.ts';
import { TemplateError } from './template-error.ts';

/**
 * What `{{ value }}` writes: `text` prints the value (nothing for undefined and null); `json`
 * writes the value as JSON (`null` for undefined and null, strings quoted and escaped), so a
 * JSON template stays valid whatever data is missing. In `json` mode `| safe` (and the JSON
 * filters, whose output already is JSON) write their text as it is.
 */
export type TemplateOutput = 'text' | 'json';

/** Filters whose result is JSON text already: in `json` output it must not be quoted again. */
const JSON_TEXT_FILTERS = new Set(['tojson', 'to_json', 'dump']);

/**
 * What Nunjucks' compiled code calls `env`: filters, tests, tag extensions and options. It is not
 * a nunjucks.Environment: that class brings loaders (a file-system one by default), template
 * caches and `getTemplate`, none of which a sandboxed template may reach. Lookups are by own
 * name only, so `select("constructor")` cannot find Object's constructor on a plain object.
 */
export class SandboxEnvironment {
  /** Nunjucks passes `autoescape` to `suppressValue`; here it means `json` output. */
  readonly opts: Readonly<{ autoescape: boolean; throwOnUndefined: false }>;
  readonly globals: Readonly<Record<string, unknown>> = TEMPLATE_GLOBALS;
  /** Tag extensions, in the form Nunjucks' parser takes them. */
  readonly extensionsList: readonly object[];
  private readonly filters: ReadonlyMap<string, FilterFunction>;
  private readonly tests: ReadonlyMap<string, FilterFunction> = new Map(Object.entries(stockTests()));
  private readonly extensions: ReadonlyMap<string, object>;

  constructor(mode: TemplateOutput = 'text') {
    this.opts = Object.freeze({ autoescape: mode === 'json', throwOnUndefined: false });
    const filters = createFilterTable();
    if (mode === 'json') {
      for (const name of JSON_TEXT_FILTERS) {
        const filter = filters.get(name)!;
        filters.set(name, function jsonText(this: unknown, ...args: unknown[]) {
          return new nunjucksRuntime.SafeString(String(filter.apply(this, args)));
        });
      }
    }
    this.filters = filters;
    const output = new OutputTag();
    this.extensions = new Map([[output.__name, output]]);
    this.extensionsList = [output];
  }

  hasFilter(name: string): boolean {
    return this.filters.has(name);
  }

  hasTest(name: string): boolean {
    return this.tests.has(name);
  }

  getFilter(name: string): FilterFunction {
    const filter = this.filters.get(name);
    if (!filter) throw new TemplateError('render', `unknown filter "${name}"`);
    return filter;
  }

  getTest(name: string): FilterFunction {
    const test = this.tests.get(name);
    if (!test) throw new TemplateError('render', `unknown test "${name}"`);
    return test;
  }

  getExtension(name: string): object | undefined {
    return this.extensions.get(name);
  }
}
