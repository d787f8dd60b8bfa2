import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { HookflowError } from '../errors.ts';

/** Why the store cannot be used now: out of space, or not reachable (locked, I/O error, down). */
export type StoreErrorCode = 'storage_full' | 'store_unavailable';

/** How long a client should wait before trying again (the `Retry-After` header), by code. */
const RETRY_AFTER_SECONDS: Record<StoreErrorCode, number> = { storage_full: 30, store_unavailable: 5 };

/**
 * The store failed for a reason that passes once an operator or the network fixes it: routes
 * answer 507 (storage full) or 503 (unavailable), both with `Retry-After`; background loops
 * back off and retry, and `/health` reports it. Anything else the store throws is a defect (500).
 */
export class StoreError extends HookflowError {
  readonly retryAfterSeconds: number;

  constructor(code: StoreErrorCode, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      code,
      code === 'storage_full'
        ? `storage is full (${detail}): the server could not save this request; retry later`
        : `the store is unavailable (${detail}): the server could not complete this request; retry later`,
    );
    this.cause = cause;
    this.retryAfterSeconds = RETRY_AFTER_SECONDS[code];
  }

  get storeCode(): StoreErrorCode {
    return this.code as StoreErrorCode;
  }
}

/** SQLite result codes (the primary code is the low byte of an extended one). */
const SQLITE_FULL = 13;
const SQLITE_UNAVAILABLE = new Set([
  5, // BUSY: another process holds the write lock past the busy timeout
  6, // LOCKED
  8, // READONLY: the file or its folder became read-only
  10, // IOERR
  14, // CANTOPEN
  15, // PROTOCOL: WAL locking race
]);

const MONGO_UNAVAILABLE = [
  MongoNetworkError,
  MongoServerSelectionError,
  MongoNotConnectedError,
  MongoTopologyClosedError,
  MongoServerClosedError,
  MongoClientClosedError,
];

/** The store error `error` (or one of its causes) stands for, or null when it is not one. */
export function asStoreError(error: unknown): StoreError | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth += 1) {
    if (current instanceof StoreError) return current;
    const code = storeErrorCode(current);
    if (code) return new StoreError(code, current);
    current = current.cause;
  }
  return null;
}

function storeErrorCode(error: Error): StoreErrorCode | null {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') {
    if ((errcode & 0xff) === SQLITE_FULL) return 'storage_full';
    if (SQLITE_UNAVAILABLE.has(errcode & 0xff)) return 'store_unavailable';
    return null;
  }
  // Files written beside the database (generated keys).
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'storage_full';
  if (code === 'EROFS' || code === 'EIO') return 'store_unavailable';
  if (MONGO_UNAVAILABLE.some((type) => error instanceof type)) return 'store_unavailable';
  const labels = error as { hasErrorLabel?: (label: string) => boolean };
  if (typeof labels.hasErrorLabel === 'function' && labels.hasErrorLabel('RetryableWriteError'))
    return 'store_unavailable';
  return null;
}
