import type { SQLInputValue } from 'node:sqlite';
import type { JobsQueryOptions, JobsSort, RemoveJobsOptions } from 'agenda';

/** A WHERE clause and its parameters. */
export interface SqlFilter {
  where: string;
  params: SQLInputValue[];
}

/**
 * The rows removeJobs / disableJobs / enableJobs act on; null when the options name no criterion,
 * so that, as with Agenda's Mongo backend, an empty filter touches nothing instead of everything.
 */
export function removeFilter(options: RemoveJobsOptions): SqlFilter | null {
  const filter = new FilterBuilder();
  filter.ids(options.id, options.ids);
  filter.names(options.name, options.names);
  filter.notNames(options.notNames);
  filter.data(options.data);
  return filter.terms.length === 0 ? null : filter.build();
}

/** The rows queryJobs reads (before the computed-state filter and pagination). */
export function queryFilter(options: JobsQueryOptions): SqlFilter {
  const filter = new FilterBuilder();
  filter.ids(options.id, options.ids);
  filter.names(options.name, options.names);
  filter.data(options.data);
  if (options.search) filter.add('instr(lower(name), lower(?)) > 0', options.search);
  if (options.includeDisabled === false) filter.add('disabled = 0');
  return filter.build();
}

const SORT_COLUMNS: Record<keyof JobsSort, string> = {
  nextRunAt: 'next_run_at',
  lastRunAt: 'last_run_at',
  lastFinishedAt: 'last_finished_at',
  priority: 'priority',
  name: 'name',
  data: 'data',
};

/** ORDER BY for queryJobs; Mongo's default is the latest nextRunAt, then the latest lastRunAt. */
export function sortClause(sort: JobsSort | undefined): string {
  const keys = Object.entries(sort ?? {}).filter(([key]) => key in SORT_COLUMNS);
  const terms = keys.map(
    ([key, direction]) => `${SORT_COLUMNS[key as keyof JobsSort]} ${direction === 'asc' ? 'ASC' : 'DESC'}`,
  );
  if (terms.length === 0) terms.push('next_run_at DESC', 'last_run_at DESC');
  return [...terms, 'id'].join(', ');
}

class FilterBuilder {
  readonly terms: string[] = [];
  private readonly params: SQLInputValue[] = [];

  add(term: string, ...params: SQLInputValue[]): void {
    this.terms.push(term);
    this.params.push(...params);
  }

  ids(id: unknown, ids: unknown[] | undefined): void {
    // Lists go in as one JSON parameter so the statement text, and its cached plan, stay the same.
    if (id !== undefined && id !== null && id !== '') this.add('id = ?', String(id));
    else if (ids && ids.length > 0)
      this.add('id IN (SELECT value FROM json_each(?))', JSON.stringify(ids.map(String)));
  }

  names(name: string | undefined, names: string[] | undefined): void {
    if (name) this.add('name = ?', name);
    else if (names && names.length > 0)
      this.add('name IN (SELECT value FROM json_each(?))', JSON.stringify(names));
  }

  notNames(notNames: string[] | undefined): void {
    if (notNames && notNames.length > 0)
      this.add('name NOT IN (SELECT value FROM json_each(?))', JSON.stringify(notNames));
  }

  /** Mongo's semantics: an object matches field by field (nested objects by path), else equality. */
  data(data: unknown): void {
    if (data === undefined) return;
    if (!isPlainObject(data)) {
      this.add('data = ?', JSON.stringify(data));
      return;
    }
    for (const [path, value] of flatten(data, [])) {
      // `->` yields the JSON text of the field (strings quoted), comparable with JSON.stringify;
      // a missing field reads as null, which is how Mongo matches `{ field: null }`.
      this.add(`coalesce(data -> ?, 'null') = ?`, path, JSON.stringify(value));
    }
  }

  build(): SqlFilter {
    return { where: this.terms.length === 0 ? '1' : this.terms.join(' AND '), params: this.params };
  }
}

function flatten(value: Record<string, unknown>, prefix: string[]): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]) =>
    isPlainObject(child) ? flatten(child, [...prefix, key]) : [[jsonPath([...prefix, key]), child]],
  );
}

const jsonPath = (keys: string[]) => `$.${keys.map((key) => JSON.stringify(key)).join('.')}`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
