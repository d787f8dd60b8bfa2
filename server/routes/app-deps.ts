import type { ApiKeyService } from '../api-keys/api-key-service.ts';
import type { ScenarioChecks } from '../../engine/scenario/index.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import type { HttpSender } from '../http/http-sender.ts';
import type { LaunchHookService } from '../hooks/launch-hook-service.ts';
import type { IntegrationService } from '../integrations/integration-service.ts';
import type { RequestAuthorizer } from '../integrations/request-authorizer.ts';
import type { PresetService } from '../presets/preset-service.ts';
import type { Subscriptions } from '../subscriptions/subscriptions.ts';
import type { ThroughputRegistry } from '../throughput/throughput-registry.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { Store } from '../store/ports/store.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { FanOutService } from '../triggers/fan-out.ts';
import type { ScheduleTriggers } from '../triggers/schedule-triggers.ts';

/** What the routes need from the process. */
export interface AppDeps {
  store: Store;
  /** Store errors routes meet are reported here; `/health` answers from it. */
  storeHealth: StoreHealth;
  runtime: Runtime;
  clock: Clock;
  /** What scenario validation runs with: the template engine and the egress policy of runs. */
  scenarioChecks: ScenarioChecks;
  templates: TemplateEngine;
  sender: HttpSender;
  integrations: IntegrationService;
  authorizer: RequestAuthorizer;
  presets: PresetService;
  throughput: ThroughputRegistry;
  fanOut: FanOutService;
  /** Re-synced after every activation change (schedule jobs follow the active versions). */
  scheduleTriggers: ScheduleTriggers;
  apiKeys: ApiKeyService;
  launchHooks: LaunchHookService;
  /** Event subscriptions: the service, the index of wanted events (writes outside run steps ask it too), the notifier. */
  subscriptions: Subscriptions;
}
