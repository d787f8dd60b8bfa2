import type { TemplateEngine } from '../template/index.ts';
import { eventProperties, eventTypeInfo } from './event-catalog.ts';

/** One of Hookflow's events as the outbox keeps it. */
export interface EventNotice {
  type: string;
  /** When it happened (epoch ms); payloads carry it as UNIX seconds (`time`). */
  at: number;
  /** Its properties; those of the catalogue that are absent are sent as `null`. */
  properties: Record<string, unknown>;
}

/** The default body, as seed 003: `{ "event", "time", "properties": { … } }`, every documented property present. */
export function defaultPayload(notice: EventNotice): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of eventTypeInfo(notice.type).properties)
    properties[name] = notice.properties[name] ?? null;
  return { event: notice.type, time: Math.floor(notice.at / 1000), properties };
}

/**
 * The default payload as a template (rendered with JSON output it gives `defaultPayload`): what
 * the editor shows before a template is customised and what "Reset" puts back.
 */
export function defaultTemplate(type: string): string {
  const lines = eventTypeInfo(type).properties.map((name) => `    "${name}": {{ ${name} }}`);
  return `{\n  "event": {{ event }},\n  "time": {{ time }},\n  "properties": {\n${lines.join(',\n')}\n  }\n}`;
}

/** What a custom template sees: `event`, `time`, every property by name, and `customer` (its attributes). */
export function templateContext(
  notice: EventNotice,
  customer: Record<string, unknown> | null,
): Record<string, unknown> {
  return {
    ...notice.properties,
    event: notice.type,
    time: Math.floor(notice.at / 1000),
    customer: customer ?? undefined,
  };
}

/** The sample event a template is checked against (and the editor previews): every property filled. */
export function sampleNotice(type: string, at = Date.UTC(2026, 0, 15, 9, 30)): EventNotice {
  return {
    type,
    at,
    properties: Object.fromEntries(eventProperties(type).map((property) => [property.name, property.sample])),
  };
}

export const SAMPLE_CUSTOMER = {
  id: 'c-1042',
  email: 'ada@example.com',
  first_name: 'Ada',
  email_opt_in: true,
};

/**
 * Why a template does not give a JSON body. `line`/`column` are 1-based: in the template for
 * syntax and render errors, in the rendered body (`rendered` holds it) when that is not JSON.
 */
export class PayloadTemplateError extends Error {
  override readonly name = 'PayloadTemplateError';
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The rendered text, when it rendered but is not JSON. */
  readonly rendered: string | undefined;

  constructor(message: string, details: { line?: number; column?: number; rendered?: string } = {}) {
    super(message);
    this.line = details.line;
    this.column = details.column;
    this.rendered = details.rendered;
  }
}

/**
 * Renders a body template (with a JSON-output engine) and checks the result is JSON; throws
 * PayloadTemplateError naming what is wrong and where.
 */
export function renderPayload(
  engine: TemplateEngine,
  template: string,
  context: Record<string, unknown>,
): string {
  let text: string;
  try {
    text = engine.compile(template).render(context);
  } catch (error) {
    const { line, column } = error as { line?: number; column?: number };
    return failed(`the template does not render: ${(error as Error).message}`, {
      ...(line === undefined ? {} : { line, column: column ?? 1 }),
    });
  }
  try {
    JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message
      .replace(/ in JSON at .*$/, '')
      .replace(/, ".*" is not valid JSON$/, '');
    const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? text.length);
    const where = lineAndColumn(text, offset);
    const excerpt = text.slice(Math.max(0, offset - 30), offset + 10).replace(/\s+/g, ' ');
    return failed(
      `the rendered body is not valid JSON at line ${where.line}, column ${where.column} of the output (${reason}): …${excerpt}…`,
      { ...where, rendered: text },
    );
  }
  return text;
}

function failed(message: string, details: ConstructorParameters<typeof PayloadTemplateError>[1]): never {
  throw new PayloadTemplateError(message, details);
}

/**
 * The body a sample event of `type` gets, for a sample customer: `template`'s output, or the
 * default payload when there is none. Throws PayloadTemplateError as `renderPayload` does.
 */
export function samplePayload(engine: TemplateEngine, type: string, template?: string): string {
  const notice = sampleNotice(type);
  if (template === undefined) return JSON.stringify(defaultPayload(notice));
  return renderPayload(engine, template, templateContext(notice, SAMPLE_CUSTOMER));
}

/** Null when `template` renders valid JSON for a sample event of `type`, else the error. */
export function checkPayloadTemplate(
  engine: TemplateEngine,
  type: string,
  template: string,
): PayloadTemplateError | null {
  try {
    samplePayload(engine, type, template);
    return null;
  } catch (error) {
    if (error instanceof PayloadTemplateError) return error;
    throw error;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
