import { randomBytes } from 'node:crypto';

/** Random bits per token: well over the 128 that make a URL unguessable. */
const TOKEN_BYTES = 24;

/** A new launch hook token: 192 random bits as 32 base64url characters, safe in a URL path. */
export const newHookToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** Tokens this server issues look like this; anything else is unknown without a store lookup. */
export const looksLikeHookToken = (token: string): boolean => /^[A-Za-z0-9_-]{22,64}$/.test(token);
