import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { registerApiKeyAuth } from './http/api-key-auth.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { handleError } from './http/error-handler.ts';
import type { AppDeps } from './routes/app-deps.ts';
import { customerRoutes } from './routes/customers.ts';
import { eventRoutes } from './routes/events.ts';
import { fanOutRoutes } from './routes/fan-outs.ts';
import { healthRoutes } from './routes/health.ts';
import { hookRoutes } from './routes/hooks.ts';
import { launchHookRoutes } from './routes/launch-hooks.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { presetRoutes } from './routes/presets.ts';
import { throughputPolicyRoutes } from './routes/throughput-policies.ts';
import { runRoutes } from './routes/runs.ts';
import { scenarioActivityRoutes } from './routes/scenario-activity.ts';
import { templateRoutes } from './routes/templates.ts';
import { webhookTestRoutes } from './routes/webhook-test.ts';
import { scenarioRoutes } from './routes/scenarios.ts';

const EDITOR_DIST = fileURLToPath(new URL('../editor/dist/', import.meta.url));

/** Builds the HTTP app: `/api` (API key), `/api/docs` (OpenAPI), `/health`, and the editor at `/`. */
export async function buildApp(
  deps: AppDeps & { apiKey: string; ingestKey: string; logger: Logger },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Hookflow API', version: '0.1.0', description: 'Scenarios, events, runs.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  // Sending systems may hold an ingest key: it opens event ingestion and nothing else.
  registerApiKeyAuth(app, { adminKey: deps.apiKey, ingestKey: deps.ingestKey, apiKeys: deps.apiKeys });
  for (const routes of [
    healthRoutes,
    scenarioRoutes,
    scenarioActivityRoutes,
    eventRoutes,
    customerRoutes,
    runRoutes,
    webhookTestRoutes,
    templateRoutes,
    integrationRoutes,
    presetRoutes,
    throughputPolicyRoutes,
    fanOutRoutes,
    launchHookRoutes,
    hookRoutes,
    apiKeyRoutes,
  ])
    await app.register(routes(deps));
  const editorBuilt = existsSync(EDITOR_DIST);
  if (editorBuilt) await app.register(fastifyStatic, { root: EDITOR_DIST, wildcard: false });
  // The editor routes on the client: unknown GET pages get its index page, anything else a JSON 404.
  app.setNotFoundHandler((request, reply) =>
    editorBuilt && request.method === 'GET' && !request.url.startsWith('/api/')
      ? reply.sendFile('index.html')
      : reply
          .status(404)
          .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } }),
  );
  return app;
}
