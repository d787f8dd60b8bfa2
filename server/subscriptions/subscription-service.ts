import { isUnderPrefix } from '../../engine/integrations/index.ts';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import {
  checkPayloadTemplate,
  PayloadTemplateError,
  samplePayload,
  type SubscriptionInput,
} from '../../engine/subscriptions/index.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import { formatIssuePath } from '../../engine/validation/index.ts';
import type { EgressPolicy } from '../../engine/webhook/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { IntegrationStore } from '../store/ports/integration-store.ts';
import {
  HEALTHY,
  type SubscriptionRecord,
  type SubscriptionStore,
} from '../store/ports/subscription-store.ts';

/** `preview`'s answer: the rendered body (also when it is not JSON), and what is wrong with it. */
export interface PayloadPreview {
  body: string | null;
  /** `line`/`column` (1-based) point into the template, given only for errors found there. */
  issue: { message: string; line?: number; column?: number } | null;
}

/** A subscription as the API shows it (without the alert bookkeeping). */
export type PublicSubscription = Omit<SubscriptionRecord, 'lastAlertAt'>;

export interface SubscriptionServiceOptions {
  store: SubscriptionStore;
  integrations: IntegrationStore;
  /** JSON-output template engine the payload templates are checked with. */
  payloads: TemplateEngine;
  /** Decides whether a plain-http URL is acceptable (only to hosts the operator listed). */
  egress: EgressPolicy;
  clock: Clock;
  /** Called after every change, so this process acts on it at once (others follow the stamp). */
  changed?: () => Promise<void>;
}

/**
 * Event subscriptions: what is saved has been checked (URL, integration, templates), and saving
 * one again clears its failures, re-enabling it when it had been disabled automatically.
 */
export class SubscriptionService {
  private readonly options: SubscriptionServiceOptions;

  constructor(options: SubscriptionServiceOptions) {
    this.options = options;
  }

  async list(): Promise<PublicSubscription[]> {
    return (await this.options.store.list()).map(present);
  }

  async get(id: string): Promise<PublicSubscription> {
    return present(await this.record(id));
  }

  /** The stored record, alert bookkeeping included; 404 when missing. */
  async record(id: string): Promise<SubscriptionRecord> {
    return (await this.options.store.get(id)) ?? Promise.reject(notFound('subscription', id));
  }

  async create(input: SubscriptionInput): Promise<PublicSubscription> {
    await this.check(input);
    const now = this.options.clock.now();
    const at = new Date(now).toISOString();
    const record: SubscriptionRecord = {
      id: newId('sub', now),
      ...input,
      health: { ...HEALTHY },
      lastAlertAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.options.store.create(record);
    await this.options.changed?.();
    return present(record);
  }

  async update(id: string, input: SubscriptionInput): Promise<PublicSubscription> {
    await this.check(input);
    const updated = await this.options.store.update(
      id,
      input,
      new Date(this.options.clock.now()).toISOString(),
    );
    if (!updated) throw notFound('subscription', id);
    await this.options.changed?.();
    return present(updated);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.options.store.delete(id))) throw notFound('subscription', id);
    await this.options.changed?.();
  }

  /**
   * What a payload template (the default payload when absent) sends for a sample event and
   * customer, or why it cannot: the editor's preview, the same check a save makes.
   */
  preview(type: string, template: string | undefined): PayloadPreview {
    try {
      return { body: samplePayload(this.options.payloads, type, template), issue: null };
    } catch (error) {
      if (!(error instanceof PayloadTemplateError)) throw error;
      const { line, column } = error;
      const where = line === undefined || error.rendered !== undefined ? {} : { line, column: column ?? 1 };
      return { body: error.rendered ?? null, issue: { message: error.message, ...where } };
    }
  }

  /** Everything the schema cannot judge alone; every problem found, by field. */
  private async check(input: SubscriptionInput): Promise<void> {
    const issues = [...this.urlIssues(input), ...this.templateIssues(input)];
    issues.push(...(await this.integrationIssues(input)));
    if (issues.length === 0) return;
    const first = issues[0]!;
    throw new HookflowError('validation_failed', `${first.field}: ${first.message}`, issues);
  }

  private urlIssues(input: SubscriptionInput): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const plain = (field: string, url: string) => {
      const parsed = new URL(url);
      const refused = this.options.egress.hostRefusal(parsed.hostname);
      if (refused) issues.push({ field, message: `${url} can never be called: ${refused}` });
      else if (parsed.protocol === 'http:' && !this.options.egress.lists(parsed.hostname)) {
        issues.push({
          field,
          message: `${url} is plain http: use https, or have the operator list ${parsed.hostname} in HOOKFLOW_EGRESS_ALLOW`,
        });
      }
    };
    plain('url', input.url);
    if (input.settings.alert) plain('settings.alert.url', input.settings.alert.url);
    return issues;
  }

  private templateIssues(input: SubscriptionInput): ValidationIssue[] {
    return input.events.flatMap((event, index) => {
      if (!event.template) return [];
      const error = checkPayloadTemplate(this.options.payloads, event.type, event.template);
      return error ? [{ field: formatIssuePath(['events', index, 'template']), message: error.message }] : [];
    });
  }

  private async integrationIssues(input: SubscriptionInput): Promise<ValidationIssue[]> {
    if (!input.integrationId) return [];
    const integration = await this.options.integrations.get(input.integrationId);
    if (!integration)
      return [{ field: 'integrationId', message: `integration "${input.integrationId}" does not exist` }];
    if (isUnderPrefix(input.url, integration.endpointPrefix)) return [];
    return [
      {
        field: 'url',
        message: `${input.url} is outside the endpoint prefix ${integration.endpointPrefix} of integration "${integration.name}", so its credentials would never be sent`,
      },
    ];
  }
}

function present(record: SubscriptionRecord): PublicSubscription {
  const { lastAlertAt: _alert, ...rest } = record;
  return rest;
}
