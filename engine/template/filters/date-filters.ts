import { isSafeString } from '../nunjucks-internals.ts';
import { TemplateError } from '../template-error.ts';
import { textOf } from '../text-size.ts';
import { strftime } from './strftime.ts';

export const ISO_UTC = '%Y-%m-%dT%H:%M:%SZ';

/** Past this, an epoch number must be milliseconds: in seconds it would be after the year 5000. */
const MILLISECONDS_FROM = 1e11;

/** A date-time without an offset, which JavaScript would read in the server's local time zone. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;

function fromEpoch(epoch: number): Date {
  return new Date(Math.abs(epoch) >= MILLISECONDS_FROM ? epoch : epoch * 1000);
}

/**
 * Reads a date: a Date, epoch seconds (or milliseconds, told apart by size), or text in ISO 8601
 * or another form JavaScript parses. Text without an offset is taken as UTC, never as the
 * server's local time.
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value) : undefined;
  if (typeof value !== 'string' && !isSafeString(value)) return undefined;
  const text = textOf(value).trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  const local = LOCAL_DATE_TIME.exec(text);
  const date = new Date(local ? `${local[1]}T${local[2]}Z` : text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * `datetimeformat(format="%Y-%m-%dT%H:%M:%SZ")`, also named `date`: formats a date in UTC with
 * strftime directives (%Y %m %d %H %M %S %f %j %a %A %b %B %p %I %z %Z %s %F %T %%). A missing
 * value renders as nothing; text that is not a date is an error.
 */
export function datetimeformat(value: unknown, format?: unknown): string {
  if (value === undefined || value === null) return '';
  const date = toDate(value);
  if (date === undefined) {
    const shown = JSON.stringify(textOf(value).slice(0, 40));
    throw new TemplateError('render', `datetimeformat: ${shown} is not a date`);
  }
  return strftime(date, format === undefined || format === null ? ISO_UTC : textOf(format));
}
