import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { EgressPolicy } from '../engine/webhook/index.ts';
import { createTemplateEngine } from '../engine/template/index.ts';
import { resolveApiKey, resolveIngestKey } from './api-key.ts';
import { ApiKeyService } from './api-keys/api-key-service.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createGuardedAgent } from './http/guarded-agent.ts';
import { IntegrationService } from './integrations/integration-service.ts';
import { OAuthTokenCache } from './integrations/oauth-token-cache.ts';
import { RequestAuthorizer } from './integrations/request-authorizer.ts';
import { loadPresetLibrary } from './presets/preset-library.ts';
import { PresetService } from './presets/preset-service.ts';
import { ThroughputRegistry } from './throughput/throughput-registry.ts';
import { HttpSender } from './http/http-sender.ts';
import { LaunchHookService } from './hooks/launch-hook-service.ts';
import { WorkerMetricsEndpoint } from './metrics/cluster-metrics.ts';
import { PrometheusMetrics } from './metrics/prometheus-metrics.ts';
import { ChangeWatcher } from './runtime/change-watcher.ts';
import { type Clock, systemClock } from './runtime/clock.ts';
import { newProcessId } from './runtime/process-registry.ts';
import { Runtime } from './runtime/runtime.ts';
import { openSecretBox } from './secrets/master-key.ts';
import { type AppStore, openStorage } from './storage.ts';
import { Subscriptions } from './subscriptions/subscriptions.ts';
import { FanOutService } from './triggers/fan-out.ts';
import { ScheduleTriggers } from './triggers/schedule-triggers.ts';

/** Settings key of the sealed value that proves the master key at start. */
const MASTER_KEY_CHECK = 'master-key-check';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  apiKey: string;
  apiKeyGenerated: boolean;
  /** Accepted on `POST /api/events` only (see `Config.ingestKey`). */
  ingestKey: string;
  runtime: Runtime;
  /** Starts scenarios for audiences page by page (launch hooks, schedules). */
  fanOut: FanOutService;
  store: AppStore;
  close(): Promise<void>;
}

export interface ServerOverrides {
  logger?: Logger;
  /**
   * In a worker forked by `HOOKFLOW_PROCESSES`: `/metrics` answers with every worker's figures,
   * summed by the cluster primary, instead of this process's alone.
   */
  clusterWorker?: boolean;
  clock?: Clock;
  /** false leaves deliveries saved but unsent (tests simulate a crash with it). */
  deliveryWorker?: boolean;
  /** false leaves subscription events saved but unsent (the same, for event subscriptions). */
  notifier?: boolean;
}

/** Opens the store, starts timers and workers, and listens. `close()` undoes it in order. */
export async function startServer(config: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const logger = overrides.logger ?? pino({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  const { key: apiKey, generated, source: apiKeySource } = resolveApiKey(config.dataDir, config.apiKey);
  const { key: ingestKey } = resolveIngestKey(config.dataDir, config.ingestKey);
  const metrics = new PrometheusMetrics();
  // Made first: the scheduler's job locks and every other lease name this process.
  const processId = newProcessId(clock.now());
  const { store, scheduler, health } = await openStorage(config, {
    logger,
    commitTimer: metrics,
    owner: processId,
  });
  const templates = createTemplateEngine();
  const policy = new EgressPolicy(config.egressAllow);
  const sender = new HttpSender({ agent: createGuardedAgent(policy), policy });
  const box = await openSecretBox({
    dataDir: config.dataDir,
    fromEnv: config.masterKey,
    check: {
      read: () => store.settings.get(MASTER_KEY_CHECK),
      write: (value) => store.settings.put(MASTER_KEY_CHECK, value),
    },
  });
  const integrations = new IntegrationService({ store: store.integrations, box, clock });
  const tokens = new OAuthTokenCache({ sender, now: () => clock.now() });
  const authorizer = new RequestAuthorizer({ integrations, tokens, now: () => clock.now() });
  // Scenarios and presets are judged by the template engine and egress policy runs use.
  const scenarioChecks = {
    checkTemplate: (source: string) => templates.check(source)?.message ?? null,
    egress: policy,
  };
  const presets = new PresetService({
    checks: scenarioChecks,
    store: store.presets,
    integrations: store.integrations,
    library: loadPresetLibrary(),
    clock,
  });
  const subscriptions = new Subscriptions({
    store,
    sender,
    authorizer,
    egress: policy,
    clock,
    logger,
    health,
  });
  const throughput = new ThroughputRegistry({
    store: store.throughputPolicies,
    scenarios: store.scenarios,
    clock,
  });
  const runtime = new Runtime({
    processId,
    store,
    scheduler,
    sender,
    authorizer,
    templates,
    clock,
    logger,
    health,
    metrics,
    subscriptions: subscriptions.index,
    onNotices: () => subscriptions.nudge(),
    ...(overrides.deliveryWorker === false ? { deliveryWorker: false } : {}),
  });
  const { stepper, dispatcher, catalog } = runtime;
  metrics.watchStore({ store, clock, liveSince: (now) => runtime.registry.liveSince(now), logger });
  const fanOut = new FanOutService({
    store,
    catalog,
    stepper,
    templates,
    dispatcher,
    clock,
    logger,
    health,
    registry: runtime.registry,
    subscriptions: subscriptions.index,
  });
  const scheduleTriggers = new ScheduleTriggers({
    scheduler,
    scenarios: store.scenarios,
    fanOut,
    clock,
    logger,
  });
  scheduleTriggers.define();
  const launchHooks = new LaunchHookService({
    store,
    catalog,
    scheduler,
    fanOut,
    clock,
    logger,
    rate: config.hookRate,
    subscriptions: subscriptions.index,
  });
  launchHooks.define();
  // What this process caches follows changes made through any process sharing the store.
  const changes = new ChangeWatcher({ stamps: store.changes, logger });
  changes.on('catalog', () => runtime.catalog.refresh());
  changes.on('integrations', () => integrations.forgetResolved());
  changes.on('subscriptions', () => subscriptions.index.refresh());
  await subscriptions.load();
  await runtime.start();
  if (overrides.notifier !== false)
    subscriptions.startSending({ registry: runtime.registry, busy: () => runtime.deliveriesBusy() });
  await changes.start();
  await fanOut.recover();
  // Jobs saved by an older version (a macro read as an interval) stand as declared from the start,
  // not from the next activation change. A store error here is logged; that sync catches up.
  await scheduleTriggers
    .sync()
    .catch((error: unknown) => logger.error({ err: error }, 'schedule sync at start failed'));
  const app = await buildApp({
    store,
    storeHealth: health,
    runtime,
    clock,
    scenarioChecks,
    templates,
    sender,
    integrations,
    authorizer,
    presets,
    throughput,
    fanOut,
    scheduleTriggers,
    launchHooks,
    subscriptions,
    apiKeys: new ApiKeyService({ store: store.apiKeys, clock }),
    apiKey,
    apiKeySource,
    ingestKey,
    logger,
    metrics: overrides.clusterWorker ? new WorkerMetricsEndpoint(metrics) : metrics,
    metricsKey: config.metricsKey,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    app,
    url: address,
    apiKey,
    apiKeyGenerated: generated,
    ingestKey,
    runtime,
    fanOut,
    store,
    async close() {
      await app.close();
      await changes.stop();
      await fanOut.stop();
      await subscriptions.stop();
      await runtime.stop();
      await sender.close();
      await store.close();
    },
  };
}
