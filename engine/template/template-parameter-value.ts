import type { TemplateParameter, TemplateParameterType } from './template-parameter-schema.ts';

/** A parameter value as a node stores it (`config.parameters`). */
export type ParameterValue = string | number | boolean;

/** JSON's number grammar: a value goes into the template as raw text, often inside JSON. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What `<input type="datetime-local">` gives, optionally with seconds and an offset. */
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A real calendar day: 2024-02-30 is not one. */
function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type Checked = Exclude<TemplateParameterType, 'enum'>;

/** What each type accepts, and how to say so: `"x" is not <what>`. */
const CHECKS: Record<Checked, { fits: (text: string, value: ParameterValue) => boolean; what: string }> = {
  string: { fits: () => true, what: 'text' },
  text: { fits: () => true, what: 'text' },
  number: {
    fits: (text, value) => (typeof value === 'number' ? Number.isFinite(value) : NUMBER.test(text)),
    what: 'a number (such as 42 or -1.5)',
  },
  boolean: { fits: (text) => text === 'true' || text === 'false', what: 'true or false' },
  date: { fits: isCalendarDate, what: 'a date (YYYY-MM-DD)' },
  datetime: {
    fits: (text) => DATETIME.test(text) && isCalendarDate(text.slice(0, 10)),
    what: 'a date and time (YYYY-MM-DDTHH:MM, optionally with seconds and Z or an offset)',
  },
  color: { fits: (text) => COLOR.test(text), what: 'a colour (#rrggbb or #rgb)' },
};

/**
 * Why `value` cannot fill `parameter`, or null when it fits the declared type. Values are
 * substituted as raw text, so each must be exactly what its type promises: `"nine"` is not a
 * number, `"maybe"` is not a boolean, `"fax"` is not an option of `enum(sms, email)`.
 * Shared by scenario validation (validate, activate) and the editor's inline errors.
 */
export function parameterValueProblem(parameter: TemplateParameter, value: ParameterValue): string | null {
  const text = String(value);
  if (parameter.type === 'enum') {
    return parameter.options.includes(text)
      ? null
      : `"${text}" is not one of ${parameter.options.join(', ')}`;
  }
  const check = CHECKS[parameter.type];
  return check.fits(text, value) ? null : `"${text}" is not ${check.what}`;
}
