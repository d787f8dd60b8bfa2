import { createFilterTable } from './filters/filter-table.ts';
import { TEMPLATE_GLOBALS } from './globals.ts';
import { stockTests, type FilterFunction } from './nunjucks-internals.ts';
import { OutputTag } from './output-tag.ts';
import { TemplateError } from './template-error.ts';

/**
 * What Nunjucks' compiled code calls `env`: filters, tests, tag extensions and options. It is not
 * a nunjucks.Environment: that class brings loaders (a file-system one by default), template
 * caches and `getTemplate`, none of which a sandboxed template may reach. Lookups are by own
 * name only, so `select("constructor")` cannot find Object's constructor on a plain object.
 */
export class SandboxEnvironment {
  readonly opts = Object.freeze({ autoescape: false, throwOnUndefined: false });
  readonly globals: Readonly<Record<string, unknown>> = TEMPLATE_GLOBALS;
  /** Tag extensions, in the form Nunjucks' parser takes them. */
  readonly extensionsList: readonly object[];
  private readonly filters: ReadonlyMap<string, FilterFunction> = createFilterTable();
  private readonly tests: ReadonlyMap<string, FilterFunction> = new Map(Object.entries(stockTests()));
  private readonly extensions: ReadonlyMap<string, object>;

  constructor() {
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
