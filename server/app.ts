import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { ApiKeySource } from './api-key.ts';
import { swaggerOptions, swaggerUiOptions } from './api-docs/openapi-options.ts';
import { registerApi } from './http/api-key-auth.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { refuseDeepBodies } from './http/deep-body-guard.ts';
import { errorHandler } from './http/error-handler.ts';
import { validatorCompiler } from './http/zod-validator.ts';
import type { AppDeps } from './routes/app-deps.ts';
import { customerRoutes } from './routes/customers.ts';
import { eventRoutes } from './routes/events.ts';
import { fanOutRoutes } from './routes/fan-outs.ts';
import { healthRoutes } from './routes/health.ts';
import { type MetricsEndpoint, metricsRoutes } from './routes/metrics.ts';
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
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { suggestionRoutes } from './routes/suggestions.ts';
import { subscriptionDeliveryRoutes } from './routes/subscription-deliveries.ts';
import { endpointHealthRoutes } from './routes/endpoint-health.ts';
import { sessionRoutes, signInRoutes } from './routes/session.ts';

const EDITOR_DIST = fileURLToPath(new URL('../editor/dist/', import.meta.url));

/**
 * Builds the HTTP app: `/api` (API key), `/api/docs` (OpenAPI), `/health`, `/metrics`, and the
 * editor at `/`.
 */
export async function buildApp(
  deps: AppDeps & {
    apiKey: string;
    apiKeySource: ApiKeySource;
    ingestKey: string;
    logger: Logger;
    /** What `GET /metrics` answers with, and the key it asks for (none: open). */
    metrics: MetricsEndpoint;
    metricsKey: string | undefined;
  },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler(deps.storeHealth));
  app.addHook('preHandler', refuseDeepBodies);
  await app.register(fastifySwagger, swaggerOptions);
  // First, so that its guard sees every route registered after it. Sending systems may hold an
  // ingest key: it opens event ingestion and nothing else.
  await registerApi(app, {
    adminKey: deps.apiKey,
    ingestKey: deps.ingestKey,
    apiKeys: deps.apiKeys,
    routes: [
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
      apiKeyRoutes,
      subscriptionRoutes,
      subscriptionDeliveryRoutes,
      endpointHealthRoutes,
      suggestionRoutes,
      sessionRoutes,
    ].map((routes) => routes(deps)),
  });
  await app.register(fastifySwaggerUi, swaggerUiOptions);
  await app.register(healthRoutes(deps));
  await app.register(metricsRoutes(deps));
  await app.register(signInRoutes(deps));
  await app.register(hookRoutes(deps));
  if (existsSync(EDITOR_DIST)) await app.register(fastifyStatic, { root: EDITOR_DIST, wildcard: false });
  // The editor routes by the URL's hash, so every other path is a JSON 404.
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } }),
  );
  return app;
}
