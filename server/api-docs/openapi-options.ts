import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import { API_TAGS } from './api-tags.ts';
import { ERROR_JSON, openApiTransform } from './openapi-transform.ts';

/** What every operation shares; each operation's own page says only what is particular to it. */
const INTRODUCTION = `
Hookflow runs scenarios: graphs that start on an event, a launch hook or a schedule, wait,
branch on conditions and call webhooks, once per customer.

**Authentication.** Every \`/api\` operation takes \`Authorization: Bearer <key>\`: the management
key (\`HOOKFLOW_API_KEY\`, else \`<data dir>/api-key\`, printed at the first start) or a named key
(\`POST /api/api-keys\`). An \`ingest\` key opens \`POST /api/events\` only; any other operation
answers it 403. \`/health\`, \`/metrics\` (unless \`HOOKFLOW_METRICS_KEY\` is set), \`/sign-in\` and
launch hooks (\`/hooks/<token>\`, the token is the credential) take no key.

**Errors.** Every error answer has the same body, \`{ "error": { "code", "message", "issues"? } }\`,
where \`code\` is one of a closed list (each operation lists those it can answer) and \`issues\`
names every field at fault (\`definition.nodes[2].config.url\` is reported as node and field). A 429,
503 or 507 carries \`Retry-After\`; 503 and 507 pass once the store is reachable or has space again.
Any operation may also answer 500 \`internal\`, whose details are in the server log only.

**Limits.** Request bodies up to 1 MiB (10 MiB for \`POST /api/events\`); free-form JSON (attributes,
properties, node settings) up to 32 levels deep and 64 KiB per value. Lists are paged by \`limit\`
and the cursor the previous page answered (\`next\`).

**Times** are ISO 8601 in UTC; **ids** are prefixed by kind (\`scn_\`, \`run_\`, \`int_\`…) and sort by creation.
`.trim();

/** The OpenAPI document at `/api/docs/json`: its introduction, sections and key scheme. */
export const swaggerOptions: SwaggerOptions = {
  openapi: {
    info: { title: 'Hookflow API', version: '0.1.0', description: INTRODUCTION },
    tags: API_TAGS.map((tag) => ({ ...tag })),
    components: {
      schemas: { Error: ERROR_JSON },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An admin key, or an ingest key for events' },
      },
    },
    security: [{ apiKey: [] }],
  },
  transform: openApiTransform,
};

/** The reference page at `/api/docs`: sections collapsed to their list, deep links to operations. */
export const swaggerUiOptions: FastifySwaggerUiOptions = {
  routePrefix: '/api/docs',
  uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: -1 },
};
