import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HookflowError } from '../errors.ts';

/** Accepts `Authorization: Bearer <key>`; compares in constant time so the key cannot be timed out. */
export function requireApiKey(apiKey: string): (request: FastifyRequest) => Promise<void> {
  const expected = Buffer.from(apiKey);
  return async (request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = Buffer.from(match?.[1]?.trim() ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HookflowError('unauthorized', 'missing or wrong API key: send "Authorization: Bearer <key>"');
    }
  };
}
