import type { Filter } from '../../../engine/audience/index.ts';
import type { NoticeDraft } from './notice-store.ts';

/** Who a fan-out starts runs for: everyone an audience filter selects, or customers by id. */
export type FanOutTarget = { kind: 'audience'; filter: Filter } | { kind: 'customers'; ids: string[] };

export type FanOutStatus = 'running' | 'done' | 'failed';

/** What clients see of a fan-out: its progress. */
export interface FanOutRecord {
  id: string;
  scenarioId: string;
  version: number;
  triggerNodeId: string;
  source: 'hook' | 'schedule';
  status: FanOutStatus;
  /** Runs started so far. */
  started: number;
  /**
   * How many customers the fan-out targets: the ids named, or the customers its audience filter
   * selected when they were counted (in the background, while runs start); null until then.
   */
  audience: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** A fan-out as saved: its progress plus what it needs to go on after a restart. */
export interface FanOutState extends FanOutRecord {
  target: FanOutTarget;
  /** Merged into every targeted customer before its run starts; null when none. */
  setAttributes: Record<string, unknown> | null;
  /** The last customer id a saved page reached (customers are paged in id order); null before the first page. */
  cursor: string | null;
  /**
   * The process that pages through it while it runs (see `ProcessStore`); null when none does
   * (handed back by a clean stop). Others take it over once that process stops beating.
   */
  owner: string | null;
}

/**
 * The progress a page of a fan-out saves, in the transaction of its runs (`CommitBatch.fanOutPage`).
 * Refused unless the fan-out still runs, at `after`, owned by `owner`.
 */
export interface FanOutPage {
  id: string;
  /** The cursor the page started from (null for the first page): the guard against saving a page twice. */
  after: string | null;
  /** The last customer id of the page. */
  cursor: string;
  /** Runs started so far, this page included. */
  started: number;
  updatedAt: string;
  /** The process saving it: a page of a fan-out taken over by another process is refused. */
  owner: string;
}

/**
 * Durable fan-outs (one scenario version started for many customers, page by page). Called by
 * the fan-out service only; every member is required. Progress is not written here but by
 * `Store.commit` with the page's runs (`CommitBatch.fanOutPage`), so a crash never separates
 * the two.
 */
export interface FanOutStore {
  /** Inserts a new fan-out (its id is new). */
  create(state: FanOutState): Promise<void>;
  /** Null when unknown. */
  get(id: string): Promise<FanOutState | null>;
  /** One scenario's fan-outs, newest first. */
  list(scenarioId: string, limit: number): Promise<FanOutState[]>;
  /** The newest fan-out a scenario's trigger node started, or null (the canvas shows its progress). */
  latest(scenarioId: string, triggerNodeId: string): Promise<FanOutState | null>;
  /** Records how many customers the fan-out targets, once counted. */
  setAudience(id: string, audience: number): Promise<void>;
  /**
   * Makes `owner` the owner of up to `limit` running fan-outs that nobody pages through: their
   * owner is null (handed back) or has no heartbeat newer than `liveSince` (died). Oldest first;
   * returns them as now saved. A live owner's fan-outs are never taken.
   */
  takeOver(options: { owner: string; liveSince: number; limit: number }): Promise<FanOutState[]>;
  /** Hands back the running fan-outs `owner` holds (a clean stop), so another takes them at once; returns how many. */
  release(owner: string): Promise<number>;
  /**
   * Closes a running fan-out as done or failed (`error` says why); false when it was not running.
   * `notices` (launch.completed) are saved in the same transaction, only when it closes it.
   */
  finish(
    id: string,
    outcome: { status: 'done' | 'failed'; error: string | null; at: string; notices?: NoticeDraft[] },
  ): Promise<boolean>;
}
