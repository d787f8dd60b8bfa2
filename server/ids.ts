import { randomFillSync } from 'node:crypto';

// Refilled 4 KiB at a time: one call into OpenSSL per ~400 ids instead of one per id.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/**
 * Time-ordered, unguessable ids: 48-bit millisecond time then 80 random bits, base32hex so
 * string order is creation order (runs list newest first by id).
 */
export function newId(prefix: string, now = Date.now()): string {
  const time = now.toString(32).padStart(10, '0');
  const random = BigInt(`0x${randomHex(10)}`)
    .toString(32)
    .padStart(16, '0');
  return `${prefix}_${time}${random}`;
}

let lastTime = 0;
let sequence = 0;

/**
 * Like `newId`, but ids made by this process in the same millisecond still sort in the order
 * they were made (a counter follows the time), for queues that must keep arrival order.
 */
export function newOrderedId(prefix: string, now = Date.now()): string {
  if (now > lastTime) {
    lastTime = now;
    sequence = 0;
  } else sequence += 1;
  const time = lastTime.toString(32).padStart(10, '0');
  const random = BigInt(`0x${randomHex(6)}`)
    .toString(32)
    .padStart(10, '0');
  return `${prefix}_${time}${sequence.toString(32).padStart(6, '0')}${random}`;
}

/**
 * The smallest id `newId` or `newOrderedId` makes with `prefix` at `time` or later: ids sort by
 * creation time, so `id >= idFloor(prefix, since)` selects what was created since then by key.
 */
export function idFloor(prefix: string, time: number): string {
  return `${prefix}_${Math.max(0, Math.floor(time)).toString(32).padStart(10, '0')}`;
}
