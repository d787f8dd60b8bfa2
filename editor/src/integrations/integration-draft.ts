import { prefixOrigin } from '../../../engine/integrations/endpoint-prefix.ts';
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
 * says which are, by the server's names: `password`, `header:x-api-key`): an empty secret is
 * sent back as the placeholder, so the server keeps it.
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
  /** Scheme, host and port of the saved endpoint prefix: stored secrets are kept only there. */
  storedOrigin: string | null;
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
    storedOrigin: null,
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
  const headers = ((settings.headers ?? []) as HeaderDraft[]).map((header) => {
    if (header.secret && header.value === SECRET_PLACEHOLDER) storedSecrets.add(secretHeaderKey(header));
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
    storedOrigin: prefixOrigin(record.endpointPrefix),
  };
}

/** A secret header is stored under its name: renamed, it has no stored secret. */
const secretHeaderKey = (header: HeaderDraft) => `header:${header.key.trim().toLowerCase()}`;

/**
 * What the form says of a secret left blank: `stored` keeps the saved one, `moved` means the
 * endpoint prefix now points at another scheme, host or port, where the server keeps no secret.
 */
export function storedSecret(draft: IntegrationDraft, key: string): 'stored' | 'moved' | null {
  if (!draft.storedSecrets.has(key)) return null;
  return prefixOrigin(draft.endpointPrefix.trim()) === draft.storedOrigin ? 'stored' : 'moved';
}

/** `storedSecret` of a header row: only a secret header under its saved name has one. */
export const storedHeaderSecret = (draft: IntegrationDraft, header: HeaderDraft) =>
  header.secret ? storedSecret(draft, secretHeaderKey(header)) : null;

/**
 * The body of a create or update: blank stored secrets become the placeholder (kept as they
 * are), also after the prefix moved, so the server's answer names each secret to enter again.
 */
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
    input.headers = draft.headers.map((header) => ({
      ...header,
      value: header.value === '' && storedHeaderSecret(draft, header) ? SECRET_PLACEHOLDER : header.value,
    }));
  return input;
}
