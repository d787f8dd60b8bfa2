import {
  type IntegrationInput,
  type IntegrationType,
  SECRET_FIELDS,
  SECRET_PLACEHOLDER,
} from '../../engine/integrations/index.ts';

/** An integration split into what may be shown and what must be sealed. */
export interface SplitIntegration {
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** Separates secret fields (and secret header values) from the rest. */
export function splitSecrets(input: IntegrationInput): SplitIntegration {
  const { type } = input;
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'name' || key === 'type' || key === 'endpointPrefix') continue;
    if (SECRET_FIELDS[type].includes(key)) secrets[key] = String(value);
    else settings[key] = value;
  }
  if (input.type === 'headers') {
    settings.headers = input.headers.map((header) => (header.secret ? { ...header, value: '' } : header));
    for (const header of input.headers)
      if (header.secret) secrets[`header:${header.key.toLowerCase()}`] = header.value;
  }
  return { settings, secrets };
}

/** The full integration, secrets included, for sending; never serialised to a client. */
export function joinSecrets(options: {
  name: string;
  type: IntegrationType;
  endpointPrefix: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}): IntegrationInput {
  const { secrets } = options;
  const joined: Record<string, unknown> = {
    ...options.settings,
    ...secrets,
    name: options.name,
    type: options.type,
  };
  joined.endpointPrefix = options.endpointPrefix;
  if (options.type === 'headers') {
    const headers = (options.settings.headers ?? []) as { key: string; value: string; secret: boolean }[];
    joined.headers = headers.map((header) =>
      header.secret ? { ...header, value: secrets[`header:${header.key.toLowerCase()}`] ?? '' } : header,
    );
    for (const key of Object.keys(secrets)) delete joined[key];
  }
  return joined as IntegrationInput;
}

/** The client's view: every secret replaced by the placeholder. */
export function maskSecrets(
  settings: Record<string, unknown>,
  type: IntegrationType,
): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...settings };
  for (const field of SECRET_FIELDS[type]) masked[field] = SECRET_PLACEHOLDER;
  if (type === 'headers') {
    const headers = (settings.headers ?? []) as { key: string; value: string; secret: boolean }[];
    masked.headers = headers.map((header) =>
      header.secret ? { ...header, value: SECRET_PLACEHOLDER } : header,
    );
  }
  return masked;
}

/** Keeps stored secrets wherever the client sent the placeholder back. */
export function keepPlaceholders(
  next: Record<string, string>,
  stored: Record<string, string>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value !== SECRET_PLACEHOLDER) kept[key] = value;
    else if (stored[key] !== undefined) kept[key] = stored[key];
  }
  return kept;
}
