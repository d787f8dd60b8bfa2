import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { activeBudget } from '../render-budget.ts';
import { TemplateError } from '../template-error.ts';
import { textOf } from '../text-size.ts';

/** Standard or URL-safe base64, with optional padding; whitespace is ignored. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** `b64encode`: the UTF-8 bytes of the text, base64-encoded. */
export function b64encode(value: unknown): string {
  return Buffer.from(textOf(value), 'utf8').toString('base64');
}

/** `b64decode`: base64 (standard or URL-safe) decoded to UTF-8 text. */
export function b64decode(value: unknown): string {
  const text = textOf(value).replace(/\s+/g, '');
  if (!BASE64.test(text)) throw new TemplateError('render', 'b64decode: the value is not base64');
  return Buffer.from(text, 'base64').toString('utf8');
}

function digest(algorithm: 'sha256' | 'md5') {
  return (value: unknown): string => {
    const text = textOf(value);
    activeBudget().tick(1 + (text.length >> 12));
    return createHash(algorithm).update(text, 'utf8').digest('hex');
  };
}

/** `sha256`: hex digest of the text's UTF-8 bytes. */
export const sha256 = digest('sha256');

/** `md5`: hex digest of the text's UTF-8 bytes (for APIs that still ask for it; not for security). */
export const md5 = digest('md5');
