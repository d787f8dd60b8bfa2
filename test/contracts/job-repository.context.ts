import type { JobParameters, JobRepository } from 'agenda';

export const SECOND = 1000;
export const ago = (ms: number) => new Date(Date.now() - ms);
export const later = (ms: number) => new Date(Date.now() + ms);

/** A job as Agenda hands it to the repository; due a second ago unless told otherwise. */
export const job = (overrides: Partial<JobParameters> = {}): JobParameters => ({
  name: 'send',
  priority: 0,
  nextRunAt: ago(SECOND),
  type: 'normal',
  data: {},
  ...overrides,
});

/** What each group of contract tests gets: the repository under test and shorthands over it. */
export interface SuiteContext {
  readonly repository: JobRepository;
  twin(): Promise<JobRepository>;
  save(overrides?: Partial<JobParameters>): Promise<JobParameters>;
  /** Claims as Agenda does: due within 5 s; locks older than `lockLifetime` count as expired. */
  claim(name?: string, lockLifetime?: number, on?: JobRepository): Promise<JobParameters | undefined>;
  byId(saved: JobParameters): Promise<JobParameters | null>;
}
