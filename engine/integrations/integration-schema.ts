import { z } from 'zod';
import { HeaderSchema } from '../scenario/webhook-config-schema.ts';

/** Shown instead of a stored secret; sending it back on update keeps the stored value. */
export const SECRET_PLACEHOLDER = '••••••••';

const Secret = z.string().min(1, 'a secret value is required').max(8000);

export const EndpointPrefixSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'endpoint prefix must be an absolute http(s) URL, e.g. https://api.example.com/v1',
  });

const TestSettingsSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']).default('GET'),
    /** Path under the endpoint prefix, e.g. `/me`. */
    path: z.string().max(2000).default(''),
  })
  .optional();

/**
 * A header the integration adds. A value is required (an empty credential is never sent), and
 * the placeholder only ever stands for a stored secret, so a public header cannot carry it.
 */
const IntegrationHeaderSchema = HeaderSchema.extend({
  value: z.string().min(1, 'a header value is required').max(8000),
  secret: z.boolean().default(true),
}).refine((header) => header.secret || header.value !== SECRET_PLACEHOLDER, {
  path: ['value'],
  message: `${SECRET_PLACEHOLDER} stands for a stored secret; a public header needs its real value`,
});

/** Secret headers are stored by name: two headers of one name would share one secret. */
const IntegrationHeadersSchema = z
  .array(IntegrationHeaderSchema)
  .min(1, 'add at least one header')
  .max(50)
  .superRefine((headers, context) => {
    const seen = new Set<string>();
    headers.forEach((header, index) => {
      const name = header.key.toLowerCase();
      if (seen.has(name))
        context.addIssue({
          code: 'custom',
          path: [index, 'key'],
          message: `header ${header.key} appears twice`,
        });
      seen.add(name);
    });
  });

const common = {
  name: z.string().trim().min(1, 'name is required').max(200),
  endpointPrefix: EndpointPrefixSchema,
  test: TestSettingsSchema,
};

/**
 * An authentication integration as a client writes it. Secret fields are write-only: reads
 * return SECRET_PLACEHOLDER, and the placeholder sent back keeps the stored value.
 */
export const IntegrationInputSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('basic'), username: z.string().min(1).max(500), password: Secret }),
  z.object({ ...common, type: z.literal('bearer'), token: Secret }),
  z.object({
    ...common,
    type: z.literal('headers'),
    headers: IntegrationHeadersSchema,
  }),
  z.object({
    ...common,
    type: z.literal('signed'),
    /** Standard Webhooks secret; generated when omitted from a new integration. */
    secret: z
      .string()
      .max(8000)
      .refine((value) => value === SECRET_PLACEHOLDER || /^whsec_[A-Za-z0-9+/=]{16,}$/.test(value), {
        message: 'secret must look like whsec_<base64>',
      })
      .optional(),
  }),
  z.object({
    ...common,
    type: z.literal('oauth2'),
    tokenUrl: z.url({ protocol: /^https?$/, message: 'token URL must be an absolute http(s) URL' }),
    clientId: z.string().min(1).max(500),
    clientSecret: Secret,
    scope: z.string().max(2000).optional(),
    audience: z.string().max(2000).optional(),
  }),
]);
export type IntegrationInput = z.infer<typeof IntegrationInputSchema>;
export type IntegrationType = IntegrationInput['type'];

/** Which fields of each type are secret (encrypted at rest, never returned). */
export const SECRET_FIELDS: Record<IntegrationType, readonly string[]> = {
  basic: ['password'],
  bearer: ['token'],
  headers: [],
  signed: ['secret'],
  oauth2: ['clientSecret'],
};
