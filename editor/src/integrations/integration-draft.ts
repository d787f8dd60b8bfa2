import {
  type IntegrationType,
  SECRET_FIELDS,
  SECRET_PLACEHOLDER,
} from '../../../engine/integrations/integration-schema.ts';
import type { IntegrationRecord } from '../api/integrations-api.ts';

export interface HeaderDraft {
  key: string;
  value: string;
  secret: boolean;
}

/**
 * The form's state. Secret fields start empty even when a secret is stored (`storedSecrets`
 * says which are): an empty secret is sent back as the placeholder, so the server keeps it.
 */
export interface IntegrationDraft {
  type: IntegrationType;
  name: string;
  endpointPrefix: string;
  fields: Record<string, string>;
  headers: HeaderDraft[];
  testMethod: string;
  testPath: string;
  storedSecrets: ReadonlySet<string>;
}

export const INTEGRATION_TYPES: { type: IntegrationType; title: string; fields: string[] }[] = [
  { type: 'bearer', title: 'Bearer token', fields: ['token'] },
  { type: 'basic', title: 'Basic auth', fields: ['username', 'password'] },
  { type: 'headers', title: 'Custom headers', fields: [] },
  {
    type: 'oauth2',
    title: 'OAuth 2 client credentials',
    fields: ['tokenUrl', 'clientId', 'clientSecret', 'scope', 'audience'],
  },
  { type: 'signed', title: 'Signed (Standard Webhooks)', fields: ['secret'] },
];

export const OPTIONAL_FIELDS = new Set(['scope', 'audience', 'secret']);

export const isSecretField = (type: IntegrationType, field: string) => SECRET_FIELDS[type].includes(field);

export function emptyDraft(type: IntegrationType = 'bearer'): IntegrationDraft {
  return {
    type,
    name: '',
    endpointPrefix: '',
    fields: {},
    headers: [{ key: '', value: '', secret: true }],
    testMethod: 'GET',
    testPath: '',
    storedSecrets: new Set(),
  };
}

/** An integration read from the server as form state, with every secret left blank. */
export function draftOf(record: IntegrationRecord): IntegrationDraft {
  const settings = record.settings;
  const fields: Record<string, string> = {};
  const storedSecrets = new Set<string>();
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value !== 'string') continue;
    if (value === SECRET_PLACEHOLDER) storedSecrets.add(key);
    else fields[key] = value;
  }
  const headers = ((settings.headers ?? []) as HeaderDraft[]).map((header, index) => {
    if (header.secret && header.value === SECRET_PLACEHOLDER) storedSecrets.add(`header:${index}`);
    return { ...header, value: header.value === SECRET_PLACEHOLDER ? '' : header.value };
  });
  const test = record.test ?? (settings.test as { method?: string; path?: string } | undefined);
  return {
    ...emptyDraft(record.type),
    name: record.name,
    endpointPrefix: record.endpointPrefix,
    fields,
    headers: record.type === 'headers' ? headers : [],
    testMethod: test?.method ?? 'GET',
    testPath: test?.path ?? '',
    storedSecrets,
  };
}

/** The body of a create or update: blank stored secrets become the placeholder (kept as they are). */
export function inputOf(draft: IntegrationDraft): Record<string, unknown> {
  const input: Record<string, unknown> = {
    type: draft.type,
    name: draft.name,
    endpointPrefix: draft.endpointPrefix,
    test: { method: draft.testMethod, path: draft.testPath },
  };
  const spec = INTEGRATION_TYPES.find((candidate) => candidate.type === draft.type);
  for (const field of spec?.fields ?? []) {
    const value = draft.fields[field] ?? '';
    if (value === '' && draft.storedSecrets.has(field)) input[field] = SECRET_PLACEHOLDER;
    else if (value !== '' || !OPTIONAL_FIELDS.has(field)) input[field] = value;
  }
  if (draft.type === 'headers')
    input.headers = draft.headers.map((header, index) => ({
      ...header,
      value:
        header.secret && header.value === '' && draft.storedSecrets.has(`header:${index}`)
          ? SECRET_PLACEHOLDER
          : header.value,
    }));
  return input;
}
