// TEMPORARY STUB (lead engineer, local testing only; will be deleted)
import type { DatabaseSync } from 'node:sqlite';
export interface Scheduler {
  define<T>(name: string, handler: (data: T) => Promise<void>): void;
  scheduleAt<T>(job: { name: string; key: string; at: Date; data: T }): Promise<void>;
  cancel(job: { name: string; key: string }): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
export function createSqliteScheduler(_: { db: DatabaseSync }): Scheduler {
  const handlers = new Map<string, (d: any) => Promise<void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    define: (n, h) => void handlers.set(n, h as any),
    scheduleAt: async (j) => {
      clearTimeout(timers.get(j.key));
      timers.set(
        j.key,
        setTimeout(() => void handlers.get(j.name)?.(j.data), Math.max(0, j.at.getTime() - Date.now())),
      );
    },
    cancel: async () => 0,
    start: async () => {},
    stop: async () => {
      for (const t of timers.values()) clearTimeout(t);
    },
  };
}
