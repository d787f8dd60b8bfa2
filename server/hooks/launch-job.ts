import type { Logger } from 'pino';
import type { LaunchRequest } from '../../engine/hooks/index.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ScenarioCatalog } from '../runtime/scenario-catalog.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store } from '../store/ports/store.ts';
import type { SubscriptionIndex } from '../subscriptions/subscription-index.ts';
import type { FanOutRequest, FanOutService } from '../triggers/fan-out.ts';
import { activeHookNode } from './active-hook-node.ts';
import { resolveContacts } from './resolve-contacts.ts';

export const LAUNCH_JOB = 'triggers.launch-hook';

/** What a pending launch carries: the hook and the last call's request (a new call replaces it). */
export interface LaunchJobData {
  scenarioId: string;
  nodeId: string;
  request: LaunchRequest;
}

/** One pending launch per hook node: calling again within the delay replaces it (debounce). */
export const launchJobKey = (scenarioId: string, nodeId: string) => `${scenarioId}/${nodeId}`;

export interface LaunchJobDeps {
  store: Store;
  catalog: ScenarioCatalog;
  scheduler: Scheduler;
  fanOut: FanOutService;
  clock: Clock;
  logger: Logger;
  /** Decides the customer events of the contacts' merges (none without it). */
  subscriptions?: Pick<SubscriptionIndex, 'customerWatch'>;
}

/**
 * Registers the launch job (before the scheduler starts). When it fires it launches the hook's
 * active version: over an audience (the payload's or the node's, with its variables), or for the
 * contacts the payload named, created or updated first.
 */
export function defineLaunchJob(deps: LaunchJobDeps): void {
  deps.scheduler.define<LaunchJobData>(LAUNCH_JOB, (data) => fireLaunch(deps, data));
}

async function fireLaunch(deps: LaunchJobDeps, data: LaunchJobData): Promise<void> {
  const { store, fanOut, logger } = deps;
  const hook = await activeHookNode({ scenarios: store.scenarios, catalog: deps.catalog }, data);
  if (!hook) {
    logger.warn(
      { scenarioId: data.scenarioId, nodeId: data.nodeId },
      'launch hook no longer active; launch dropped',
    );
    return;
  }
  const base = {
    scenarioId: hook.scenarioId,
    version: hook.version,
    triggerNodeId: hook.node.id,
    source: 'hook',
  } as const;
  const { request } = data;
  let launch: FanOutRequest;
  if (request.form === 'audience') {
    const filter = request.filter ?? hook.node.config.audience;
    const set = Object.keys(request.setAttributes).length > 0 ? { setAttributes: request.setAttributes } : {};
    launch = { ...base, target: { kind: 'audience', filter }, ...set };
  } else {
    const resolved = await resolveContacts(store.customers, request);
    if (resolved.issues.length > 0)
      logger.warn({ ...data, issues: resolved.issues }, 'launch hook contacts skipped');
    if (resolved.ids.length === 0) return;
    const watch = deps.subscriptions?.customerWatch();
    await store.commit({
      customers: resolved.merges.map((merge) => ({ ...merge, source: 'hook' as const })),
      ...(watch ? { watch } : {}),
      now: new Date(deps.clock.now()).toISOString(),
    });
    launch = { ...base, target: { kind: 'customers', ids: resolved.ids } };
  }
  const record = await fanOut.start(launch);
  logger.info({ fanOut: record.id, scenarioId: hook.scenarioId, nodeId: hook.node.id }, 'launch hook fired');
}
