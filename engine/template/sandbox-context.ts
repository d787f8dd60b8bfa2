import type { SandboxEnvironment } from './sandbox-environment.ts';

/**
 * What Nunjucks' compiled code calls `context`: the render's variables. Unlike Nunjucks' own
 * Context it sees only own properties of the data it is given (so `constructor`, `toString` and
 * friends are not variables), never copies or mutates that data, and keeps top-level `set`
 * variables in a prototype-less object of its own.
 */
export class SandboxContext {
  readonly env: SandboxEnvironment;
  private readonly data: Readonly<Record<string, unknown>>;
  private variables: Record<string, unknown> | undefined;

  constructor(env: SandboxEnvironment, data: Readonly<Record<string, unknown>>) {
    this.env = env;
    this.data = data;
  }

  lookup(name: string): unknown {
    const variables = this.variables;
    if (variables !== undefined && name in variables) return variables[name];
    if (Object.hasOwn(this.data, name)) return this.data[name];
    return this.env.globals[name];
  }

  setVariable(name: string, value: unknown): void {
    this.variables ??= Object.create(null) as Record<string, unknown>;
    this.variables[name] = value;
  }

  /** Nunjucks records top-level names for `import`; templates cannot import, so nothing to do. */
  addExport(): void {}
}
