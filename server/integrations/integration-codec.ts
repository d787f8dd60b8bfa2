import {
  type IntegrationInput,
  type IntegrationType,
  SECRET_FIELDS,
  SECRET_PLACEHOLDER,
} from '../../engine/integrations/index.ts';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import { formatIssuePath } from '../../engine/validation/index.ts';

/** What of an integration may be shown: everything but its secret fields and secret header values. */
export function publicSettings(input: IntegrationInput): Record<string, unknown> {
  const secretFields = SECRET_FIELDS[input.type];
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'name' || key === 'type' || key === 'endpointPrefix' || secretFields.includes(key)) continue;
    settings[key] = value;
  }
  if (input.type === 'headers')
    settings.headers = input.headers.map((header) => (header.secret ? { ...header, value: '' } : header));
  return settings;
}

/** One secret as a client sent it: its storage key, where it sits in the body, and its value. */
interface SentSecret {
  /** `password`, or `header:x-api-key` for a secret header: a name and a kind. */
  key: string;
  /** As the API names it in errors: `password`, `headers[2].value`. */
  field: string;
  label: string;
  value: string | undefined;
}

function sentSecrets(input: IntegrationInput): SentSecret[] {
  if (input.type === 'headers')
    return input.headers.flatMap((header, index) =>
      header.secret
        ? [
            {
              key: `header:${header.key.toLowerCase()}`,
              field: formatIssuePath(['headers', index, 'value']),
              label: `secret header ${header.key}`,
              value: header.value,
            },
          ]
        : [],
    );
  const fields = input as Record<string, unknown>;
  return SECRET_FIELDS[input.type].map((field) => ({
    key: field,
    field,
    label: field,
    value: fields[field] as string | undefined,
  }));
}

/**
 * The secrets to store when a client writes `input` over the `stored` ones (none for a new
 * integration), or the issues that stop it. The placeholder keeps the stored secret of that
 * exact field (same name, same kind) and nothing else: a renamed header, a public header made
 * secret or a new one has no secret to keep. It keeps nothing either once the endpoint prefix
 * moves to another scheme, host or port (`movedFrom` is the old origin then): a stored
 * credential is never pointed at a new host by someone who never knew it.
 */
export function resolveSecrets(options: {
  input: IntegrationInput;
  stored: Readonly<Record<string, string>>;
  movedFrom: string | null;
}): { secrets: Record<string, string>; issues: ValidationIssue[] } {
  const { input, stored, movedFrom } = options;
  const secrets: Record<string, string> = {};
  const issues: ValidationIssue[] = [];
  const refuse = (sent: SentSecret, message: string) => issues.push({ field: sent.field, message });
  for (const sent of sentSecrets(input)) {
    const kept = stored[sent.key];
    if (sent.value === undefined) refuse(sent, 'is required: a new value, or the placeholder to keep it');
    else if (sent.value !== SECRET_PLACEHOLDER) secrets[sent.key] = sent.value;
    else if (!kept)
      refuse(
        sent,
        `no ${sent.label} is stored, so ${SECRET_PLACEHOLDER} has nothing to keep: enter its value`,
      );
    else if (movedFrom)
      refuse(
        sent,
        `the endpoint prefix moved from ${movedFrom} to ${new URL(input.endpointPrefix).origin}, and stored secrets do not follow it to another host: enter ${sent.label} again`,
      );
    else secrets[sent.key] = kept;
  }
  return { secrets, issues };
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
