import { randomBytes } from 'node:crypto';

/**
 * Time-ordered, unguessable ids: 48-bit millisecond time then 80 random bits, base32hex so
 * string order is creation order (runs list newest first by id).
 */
export function newId(prefix: string, now = Date.now()): string {
  const time = now.toString(32).padStart(10, '0');
  const random = BigInt(`0x${randomBytes(10).toString('hex')}`)
    .toString(32)
    .padStart(16, '0');
  return `${prefix}_${time}${random}`;
}
