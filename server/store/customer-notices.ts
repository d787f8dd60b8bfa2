import { isDeepStrictEqual } from 'node:util';
import type { CustomerNoticeWatch, CustomerWriteCause, NoticeDraft } from './ports/notice-store.ts';

/** A customer as the store holds it before a write (null: it does not exist yet). */
export interface StoredCustomer {
  attributes: Record<string, unknown>;
  createdAt: string;
  /** When customer.returned last fired for it (epoch ms), if ever. */
  returnedAt: number | null;
}

/** Where a set-attributes node wrote (what customer.attributes_changed reports with it). */
export interface WriteOrigin {
  scenarioId: string;
  runId: string;
  nodeId: string | null;
}

/** customer.returned fires at most once per customer in this long (seed 001). */
export const RETURNED_WINDOW_MS = 24 * 3600 * 1000;

/**
 * The customer events one write causes, decided from the customer as stored and as written,
 * by both store adapters inside the write's transaction (so the 24 h rule of customer.returned
 * holds across processes: its last time is stored on the customer). `returnedAt` is the new
 * value to store when customer.returned fired.
 */
export function customerNotices(options: {
  watch: CustomerNoticeWatch;
  id: string;
  before: StoredCustomer | null;
  after: Record<string, unknown>;
  cause: CustomerWriteCause;
  origin?: WriteOrigin;
}): { notices: NoticeDraft[]; returnedAt: number | null } {
  const { watch, id, before, after, cause } = options;
  const wants = (type: string) => watch.types.includes(type);
  const notices: NoticeDraft[] = [];
  const notice = (type: string, properties: Record<string, unknown>) =>
    notices.push({
      type,
      at: watch.now,
      customerId: id,
      properties: { customer_id: id, source: cause.source ?? null, ...properties },
    });
  const activity = cause.activity
    ? { trigger_id: cause.activity.triggerId, external_message_id: cause.activity.externalMessageId ?? null }
    : {};
  if (!before && wants('customer.created')) notice('customer.created', activity);
  let returnedAt: number | null = null;
  if (before && cause.activity && wants('customer.returned')) {
    const last = before.returnedAt ?? Date.parse(before.createdAt);
    if (watch.now - last >= RETURNED_WINDOW_MS) {
      notice('customer.returned', activity);
      returnedAt = watch.now;
    }
  }
  if (wants('customer.attributes_changed')) {
    const changes = attributeChanges(before?.attributes ?? {}, after);
    if (Object.keys(changes).length > 0) {
      const { origin } = options;
      notice('customer.attributes_changed', {
        changes,
        ...(origin ? { scenario_id: origin.scenarioId, run_id: origin.runId, node_id: origin.nodeId } : {}),
      });
    }
  }
  return { notices, returnedAt };
}

/** Keys whose value differs, with the old and new value (null for a key that was or is absent). */
export function attributeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key] ?? null;
    const value = after[key] ?? null;
    if (!isDeepStrictEqual(old, value)) changes[key] = { old, new: value };
  }
  return changes;
}

/** The set-attributes node a run change wrote from: its last attributes step that set values. */
export function attributesOrigin(change: {
  run: { id: string; scenarioId: string };
  steps: readonly { kind: string; nodeId: string | null; detail: Record<string, unknown> }[];
}): WriteOrigin {
  const step = change.steps.findLast(
    (candidate) => candidate.kind === 'attributes' && 'set' in candidate.detail,
  );
  return { scenarioId: change.run.scenarioId, runId: change.run.id, nodeId: step?.nodeId ?? null };
}

/** True when the batch's writes must look at the stored customers. */
export const watching = (watch: CustomerNoticeWatch | undefined): watch is CustomerNoticeWatch =>
  watch !== undefined && watch.types.length > 0;
