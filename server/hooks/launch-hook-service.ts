import { parseLaunchPayload } from '../../engine/hooks/index.ts';
import { describeIssue } from '../../engine/scenario/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import type { FanOutRecord } from '../store/ports/fan-out-store.ts';
import type { LaunchHookRecord } from '../store/ports/launch-hook-store.ts';
import { activeHookNode } from './active-hook-node.ts';
import { HostAllowList, type HostResolver } from './host-allow-list.ts';
import { looksLikeHookToken, newHookToken } from './hook-token.ts';
import {
  defineLaunchJob,
  LAUNCH_JOB,
  type LaunchJobData,
  type LaunchJobDeps,
  launchJobKey,
} from './launch-job.ts';
import { resolveContacts } from './resolve-contacts.ts';
import type { RateLimit } from '../store/ports/rate-bucket-store.ts';
import { DEFAULT_HOOK_RATE } from './hook-rate.ts';

export interface LaunchHookServiceOptions extends LaunchJobDeps {
  /** Calls per hook, across the processes sharing the store; default `DEFAULT_HOOK_RATE`. */
  rate?: RateLimit;
  /** Resolves allow-listed host names; DNS by default. */
  resolveHost?: HostResolver;
}

/** One hook as the API lists it. `enabled`: a call would launch now. */
export interface HookView {
  nodeId: string;
  url: string;
  enabled: boolean;
}

/**
 * What a launching trigger node is doing, for the canvas: a launch hook's call waiting out its
 * delay (`pendingAt`), and the progress of the newest fan-out the node started.
 */
export interface LaunchActivity {
  nodeId: string;
  /** When the pending launch goes (ISO); null when no call waits. Launch hooks only. */
  pendingAt: string | null;
  fanOut: FanOutRecord | null;
}

/** Node types that start their runs through fan-outs. */
const LAUNCHING = new Set(['trigger.hook', 'trigger.schedule']);

/** A call refused for its rate; the route turns `retryAfterSeconds` into `Retry-After`. */
export class HookRateLimitedError extends HookflowError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('rate_limited', `this launch hook is called too often: retry in ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Unknown, rotated, disabled, inactive or missing: one answer, so a caller learns nothing. */
const hookNotFound = () => new HookflowError('not_found', 'no launch hook at this address');

/**
 * Launch hooks: their secret URLs (listed, created on first listing, rotated), calls to them
 * (checked, rate-limited, parsed, then scheduled with a debounce) and the launch job.
 */
export class LaunchHookService {
  private readonly options: LaunchHookServiceOptions;
  private readonly hosts: HostAllowList;
  private readonly rate: RateLimit;

  constructor(options: LaunchHookServiceOptions) {
    this.options = options;
    this.hosts = new HostAllowList({
      clock: options.clock,
      ...(options.resolveHost ? { resolve: options.resolveHost } : {}),
    });
    this.rate = options.rate ?? DEFAULT_HOOK_RATE;
  }

  /** Registers the launch job; call before the scheduler starts. */
  define(): void {
    defineLaunchJob(this.options);
  }

  /**
   * Handles one call of `/hooks/<token>`: 404, 403 (calling host), 429, 400 (payload or
   * contacts), else schedules the launch `delaySeconds` from now, replacing a pending one.
   */
  async call(call: { token: string; callerIp: string; body: unknown }): Promise<{ sendAt: string }> {
    const { store, clock } = this.options;
    const hook = looksLikeHookToken(call.token) ? await store.launchHooks.findByToken(call.token) : null;
    const active =
      hook && (await activeHookNode({ scenarios: store.scenarios, catalog: this.options.catalog }, hook));
    if (!active) throw hookNotFound();
    if (!(await this.hosts.allows(active.node.config.allowedHosts, call.callerIp))) {
      throw new HookflowError(
        'forbidden',
        `calling host ${call.callerIp} is not allowed to call this launch hook`,
      );
    }
    const key = launchJobKey(active.scenarioId, active.node.id);
    await this.takeToken(key);
    const parsed = parseLaunchPayload(call.body);
    if (!parsed.ok) throw invalidPayload(parsed.issues);
    if (parsed.request.form !== 'audience') {
      const { issues } = await resolveContacts(store.customers, parsed.request);
      if (issues.length > 0) throw invalidPayload(issues);
    }
    const sendAt = new Date(clock.now() + active.node.config.delaySeconds * 1000);
    const data: LaunchJobData = {
      scenarioId: active.scenarioId,
      nodeId: active.node.id,
      request: parsed.request,
    };
    await this.options.scheduler.scheduleAt({ name: LAUNCH_JOB, key, at: sendAt, data });
    return { sendAt: sendAt.toISOString() };
  }

  /** One token of the hook's bucket (in the store: the limit holds across processes), or a 429. */
  private async takeToken(key: string): Promise<void> {
    const { store, clock } = this.options;
    const { granted, tokens } = await store.rateBuckets.take(`hook:${key}`, this.rate, clock.now());
    if (granted) return;
    const waitMs = ((1 - tokens) / this.rate.perSecond) * 1000;
    throw new HookRateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /**
   * The launch hook and schedule nodes of the scenario's draft with what they are doing, read
   * from the store (a call taken by another process shows too), and the server's time to count
   * down from.
   */
  async activity(scenarioId: string): Promise<{ now: string; items: LaunchActivity[] }> {
    const { store, scheduler, fanOut, clock } = this.options;
    const scenario = await store.scenarios.get(scenarioId);
    if (!scenario) throw notFound('scenario', scenarioId);
    const nodes = scenario.definition.nodes.filter((node) => LAUNCHING.has(node.type));
    const items = await Promise.all(
      nodes.map(async (node): Promise<LaunchActivity> => {
        const key = launchJobKey(scenarioId, node.id);
        const pending =
          node.type === 'trigger.hook' ? await scheduler.pendingAt({ name: LAUNCH_JOB, key }) : null;
        return {
          nodeId: node.id,
          pendingAt: pending?.toISOString() ?? null,
          fanOut: await fanOut.latest(scenarioId, node.id),
        };
      }),
    );
    return { now: new Date(clock.now()).toISOString(), items };
  }

  /** The `trigger.hook` nodes of the scenario's draft with their URLs; missing tokens are created. */
  async list(scenarioId: string, baseUrl: string): Promise<HookView[]> {
    const { store } = this.options;
    const scenario = await store.scenarios.get(scenarioId);
    if (!scenario) throw notFound('scenario', scenarioId);
    const nodeIds = scenario.definition.nodes
      .filter((node) => node.type === 'trigger.hook')
      .map((node) => node.id);
    const known = await store.launchHooks.listByScenario(scenarioId);
    const missing = nodeIds.filter((nodeId) => !known.some((hook) => hook.nodeId === nodeId));
    const hooks =
      missing.length === 0
        ? known
        : await store.launchHooks.insertMissing(
            scenarioId,
            missing.map((nodeId) => this.newRecord(scenarioId, nodeId)),
          );
    const byNode = new Map(hooks.map((hook) => [hook.nodeId, hook]));
    return Promise.all(nodeIds.map((nodeId) => this.view(byNode.get(nodeId)!, baseUrl)));
  }

  /** Gives the node a new token; the old URL answers 404 from now on. */
  async rotate(scenarioId: string, nodeId: string, baseUrl: string): Promise<HookView> {
    const { store } = this.options;
    const scenario = await store.scenarios.get(scenarioId);
    if (!scenario) throw notFound('scenario', scenarioId);
    const node = scenario.definition.nodes.find((candidate) => candidate.id === nodeId);
    if (!node || node.type !== 'trigger.hook')
      throw notFound(`launch hook node of scenario "${scenarioId}"`, nodeId);
    const record = this.newRecord(scenarioId, nodeId);
    await store.launchHooks.replace(record);
    return this.view(record, baseUrl);
  }

  private newRecord(scenarioId: string, nodeId: string): LaunchHookRecord {
    const createdAt = new Date(this.options.clock.now()).toISOString();
    return { scenarioId, nodeId, token: newHookToken(), createdAt };
  }

  private async view(hook: LaunchHookRecord, baseUrl: string): Promise<HookView> {
    const deps = { scenarios: this.options.store.scenarios, catalog: this.options.catalog };
    const enabled = (await activeHookNode(deps, hook)) !== null;
    return { nodeId: hook.nodeId, url: `${baseUrl}/hooks/${hook.token}`, enabled };
  }
}

function invalidPayload(issues: { field?: string; message: string }[]): HookflowError {
  const first = issues[0]!;
  return new HookflowError('bad_request', `invalid launch payload: ${describeIssue(first)}`, issues);
}
