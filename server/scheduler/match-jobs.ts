import type { JobParameters, JobsQueryOptions, RemoveJobsOptions } from 'agenda';

/** The jobs a query or removal selects, by name(s), id(s), search text, data and disabled state. */
export function matchJobs(
  jobs: JobParameters[],
  options: JobsQueryOptions & RemoveJobsOptions,
): JobParameters[] {
  const ids = new Set([...(options.ids ?? []), ...(options.id ? [options.id] : [])].map(String));
  const names = new Set([...(options.names ?? []), ...(options.name ? [options.name] : [])]);
  const notNames = new Set(options.notNames ?? []);
  const data = options.data === undefined ? undefined : JSON.stringify(options.data);
  const search = options.search?.toLowerCase();
  return jobs.filter(
    (job) =>
      (ids.size === 0 || ids.has(String(job._id))) &&
      (names.size === 0 || names.has(job.name)) &&
      !notNames.has(job.name) &&
      (data === undefined || JSON.stringify(job.data) === data) &&
      (!search ||
        job.name.toLowerCase().includes(search) ||
        JSON.stringify(job.data).toLowerCase().includes(search)) &&
      (options.includeDisabled !== false || !job.disabled),
  );
}
