import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HookflowError } from '../errors.ts';

/**
 * Accepts `Authorization: Bearer <key>` with any of `keys`; compares in constant time so a key
 * cannot be timed out, and against every key so the time does not tell which one came close.
 */
export function requireApiKey(keys: string | readonly string[]): (request: FastifyRequest) => Promise<void> {
  const expected = (typeof keys === 'string' ? [keys] : keys).map((key) => Buffer.from(key));
  return async (request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = Buffer.from(match?.[1]?.trim() ?? '');
    const matches = expected.map((key) => given.length === key.length && timingSafeEqual(given, key));
    if (!matches.includes(true)) {
      throw new HookflowError('unauthorized', 'missing or wrong API key: send "Authorization: Bearer <key>"');
    }
  };
}
