import type { WebhookConfig } from '../../../engine/scenario/index.ts';
import { api } from './api-client.ts';
import type { TemplateCheckResult } from './api-types.ts';

export interface TemplateCheckRequest {
  /** Template sources by field path. */
  sources: Record<string, string>;
  /** Substituted into the sources before checking, as they will be before rendering. */
  parameters?: WebhookConfig['parameters'];
  /** The payload format of a body that is sent: `config.body` is then judged as JSON or XML too. */
  format?: WebhookConfig['format'];
}

/** Typed calls to the template endpoints. */
export const templatesApi = {
  check: (body: TemplateCheckRequest, signal?: AbortSignal) =>
    api<TemplateCheckResult>('POST', '/api/templates/check', { body, signal }),
};
