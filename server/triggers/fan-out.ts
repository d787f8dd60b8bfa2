import type { Logger } from 'pino';
import { AudienceFilterSchema } from '../../engine/audience/index.ts';
import { EVENT_TYPE_NAMES } from '../../engine/subscriptions/index.ts';
import { formatIssuePath } from '../../engine/validation/index.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import { TimeSlice } from '../runtime/time-slice.ts';
import type { EffectDispatcher } from '../runtime/effect-dispatcher.ts';
import type { RunStepper } from '../runtime/run-stepper.ts';
import type { CompiledVersion, ScenarioCatalog } from '../runtime/scenario-catalog.ts';
import type { FanOutRecord, FanOutState, FanOutTarget } from '../store/ports/fan-out-store.ts';
import type { NoticeDraft } from '../store/ports/notice-store.ts';
import type { CommitBatch, RunChange, Store } from '../store/ports/store.ts';
import { asStoreError } from '../store/store-error.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { ProcessRegistry } from '../runtime/process-registry.ts';
import { ResilientLoop } from '../runtime/resilient-loop.ts';
import { countAudience } from './audience-count.ts';
import { cohortPage, cohortPlanOf } from './cohort-page.ts';
import { type PageCustomer, normalizeTarget, readPage } from './fan-out-pages.ts';
import type { SubscriptionIndex } from '../subscriptions/subscription-index.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';

export type { FanOutRecord, FanOutTarget };

export interface FanOutRequest {
  scenarioId: string;
  version: number;
  triggerNodeId: string;
  source: 'hook' | 'schedule';
  target: FanOutTarget;
  /** Attributes merged (shallow, like CommitBatch.customers) into every targeted customer before its run starts. */
  setAttributes?: Record<string, unknown>;
}

export interface FanOutServiceOptions {
  store: Store;
  catalog: ScenarioCatalog;
  stepper: RunStepper;
  /** Renders the cohorts' customer and root templates (see `cohortPage`). */
  templates: TemplateEngine;
  dispatcher: EffectDispatcher;
  clock: Clock;
  logger: Logger;
  /** Whose name fan-outs are paged in, and who counts as alive (heartbeats). */
  registry: Pick<ProcessRegistry, 'id' | 'liveSince'>;
  /** Which events subscriptions want: customer events of the page's writes, launch.completed. */
  subscriptions?: Pick<SubscriptionIndex, 'customerWatch' | 'wants'>;
  /**
   * Customers per page: one store transaction and one progress save each. Bounds the memory a
   * fan-out holds and how long it keeps the event loop between pages. Default
   * FAN_OUT_PAGE_SIZE.
   */
  pageSize?: number;
  /** Told of store errors the fan-outs meet (see `StoreHealth`). */
  health?: StoreHealth;
}

export const FAN_OUT_PAGE_SIZE = 1000;
/** How often a process looks for fan-outs nobody pages through (handed back, or their process died). */
export const FAN_OUT_TAKEOVER_MS = 1000;
/** Fan-outs one process pages through at once at most; the rest wait for a free place. */
const MAX_ACTIVE = 8;

/** Node types a fan-out may start at: triggers that carry no event. */
const FAN_OUT_TRIGGERS = new Set(['trigger.hook', 'trigger.schedule']);
/** Events told per run: while a subscription wants one, a fan-out's customers are runs, not cohorts. */
const RUN_EVENTS = EVENT_TYPE_NAMES.filter((type) => type.startsWith('run.') || type.startsWith('webhook.'));

/**
 * Starts one scenario version for many customers (a launch hook's or a schedule's audience)
 * durably, in pages: each page's runs and the fan-out's progress (cursor, count) are saved in
 * one transaction, so a crash can neither start a page twice nor skip one, and a restart
 * resumes every fan-out left running from its saved cursor. The progress write is guarded by
 * the cursor the page started from and by the owner, so two processes cannot both save a page.
 *
 * A running fan-out is owned by one process (the one that started it, see `ProcessRegistry`):
 * every process looks each second for fan-outs whose owner stopped beating or handed them back
 * (a clean stop), takes them over and resumes them from their saved cursor.
 *
 * @example
 * const record = await fanOut.start({
 *   scenarioId, version: 3, triggerNodeId: 'every-monday', source: 'schedule',
 *   target: { kind: 'audience', filter: { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }] } },
 * });
 * // later: (await fanOut.get(record.id))?.started
 */
export class FanOutService {
  private readonly options: FanOutServiceOptions;
  private readonly pageSize: number;
  private readonly active = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly loop: ResilientLoop;
  private readonly takeovers: ResilientLoop;
  private scan: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;

  constructor(options: FanOutServiceOptions) {
    this.options = options;
    this.pageSize = options.pageSize ?? FAN_OUT_PAGE_SIZE;
    const { logger, health } = options;
    this.loop = new ResilientLoop({ name: 'fan-outs', logger, ...(health ? { health } : {}) });
    this.takeovers = new ResilientLoop({
      name: 'fan-out takeover',
      logger,
      ...(health ? { health } : {}),
    });
  }

  /** Saves the fan-out, then processes it in the background; a fan-out that cannot start is saved failed. */
  async start(request: FanOutRequest): Promise<FanOutRecord> {
    const now = this.options.clock.now();
    const at = new Date(now).toISOString();
    const target = checkTarget(request.target);
    const state: FanOutState = {
      id: newId('fan', now),
      scenarioId: request.scenarioId,
      version: request.version,
      triggerNodeId: request.triggerNodeId,
      source: request.source,
      target: typeof target === 'string' ? request.target : target,
      setAttributes: request.setAttributes ?? null,
      status: 'running',
      cursor: null,
      started: 0,
      // Ids named one by one are their own count; an audience is counted while runs start.
      audience: typeof target !== 'string' && target.kind === 'customers' ? target.ids.length : null,
      error: null,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
      owner: this.options.registry.id,
    };
    const compiled = typeof target === 'string' ? target : await this.compiledFor(state);
    const saved: FanOutState =
      typeof compiled === 'string' ? { ...state, status: 'failed', error: compiled, finishedAt: at } : state;
    await this.options.store.fanOuts.create(saved);
    if (typeof compiled !== 'string') this.launch(saved);
    return publicRecord(saved);
  }

  /** The newest fan-out a trigger node started, or null. */
  async latest(scenarioId: string, triggerNodeId: string): Promise<FanOutRecord | null> {
    const state = await this.options.store.fanOuts.latest(scenarioId, triggerNodeId);
    return state ? publicRecord(state) : null;
  }

  async get(id: string): Promise<FanOutRecord | null> {
    const state = await this.options.store.fanOuts.get(id);
    return state ? publicRecord(state) : null;
  }

  /** A scenario's fan-outs, newest first. */
  async list(scenarioId: string, limit: number): Promise<FanOutRecord[]> {
    return (await this.options.store.fanOuts.list(scenarioId, limit)).map(publicRecord);
  }

  /**
   * Resumes, now and every `FAN_OUT_TAKEOVER_MS`, the running fan-outs nobody pages through (a
   * clean stop handed them back, or their process died), each from its saved cursor.
   */
  async recover(): Promise<void> {
    this.stopping = false;
    await this.takeOver();
    this.scan = setInterval(() => {
      this.scanning ??= this.takeOver().finally(() => {
        this.scanning = null;
      });
    }, FAN_OUT_TAKEOVER_MS);
    this.scan.unref();
  }

  /**
   * Lets each fan-out finish the page it is on, then hands them back (still `running`), so
   * another process resumes them at once.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.scan) clearInterval(this.scan);
    this.scan = null;
    await this.scanning;
    await Promise.allSettled([...this.active.values()]);
    await this.options.store.fanOuts.release(this.options.registry.id);
  }

  private async takeOver(): Promise<void> {
    const free = MAX_ACTIVE - this.active.size;
    if (this.stopping || free <= 0) return;
    const { registry, store } = this.options;
    try {
      const taken = await store.fanOuts.takeOver({
        owner: registry.id,
        liveSince: registry.liveSince(),
        limit: free,
      });
      this.takeovers.succeeded();
      for (const state of taken) {
        this.options.logger.info({ fanOut: state.id, cursor: state.cursor }, 'fan-out taken over');
        this.launch(state);
      }
    } catch (error) {
      // The next scan is a second away.
      this.takeovers.failed(error);
    }
  }

  private launch(state: FanOutState): void {
    if (this.stopping || this.active.has(state.id)) return;
    const counted = state.audience === null ? this.recordAudience(state) : Promise.resolve();
    const work = Promise.all([this.processResiliently(state), counted]).then(
      () => undefined,
      () => undefined,
    );
    this.active.set(
      state.id,
      work.finally(() => this.active.delete(state.id)),
    );
  }

  /**
   * Counts the fan-out's audience beside its pages, for its progress (`started` of `audience`).
   * A failure only leaves the size unknown; a stop leaves it to whoever resumes the fan-out.
   */
  private async recordAudience(state: FanOutState): Promise<void> {
    if (state.target.kind !== 'audience') return;
    try {
      const audience = await countAudience({
        customers: this.options.store.customers,
        filter: state.target.filter,
        stopped: () => this.stopping,
      });
      if (audience !== null) await this.options.store.fanOuts.setAudience(state.id, audience);
    } catch (error) {
      this.options.logger.warn({ err: error, fanOut: state.id }, 'fan-out audience could not be counted');
    }
  }

  /**
   * A store error (a full disk) pauses the fan-out: it resumes from its last saved page once
   * the store works again, or at the next start. Any other error is a defect and fails it.
   */
  private async processResiliently(state: FanOutState): Promise<void> {
    let current = state;
    while (!this.stopping) {
      try {
        await this.process(current);
        this.loop.succeeded();
        return;
      } catch (error) {
        if (!asStoreError(error)) return this.failOnDefect(current, error);
        await new Promise((resolve) => setTimeout(resolve, this.loop.failed(error)));
        const saved = await this.reread(current);
        if (saved === 'ended') return;
        current = saved ?? current;
      }
    }
  }

  /** The fan-out as last saved (its cursor); 'ended' when it no longer runs, null when reading fails. */
  private async reread(state: FanOutState): Promise<FanOutState | 'ended' | null> {
    try {
      const saved = await this.options.store.fanOuts.get(state.id);
      return saved?.status === 'running' ? saved : 'ended';
    } catch {
      return null;
    }
  }

  private async failOnDefect(state: FanOutState, error: unknown): Promise<void> {
    const id = state.id;
    this.options.logger.error({ err: error, fanOut: id }, 'fan-out failed');
    try {
      await this.finish(state, `fan-out stopped by an internal error: ${(error as Error).message}`);
    } catch (finishError) {
      // Left running: the next start resumes it.
      this.options.logger.error({ err: finishError, fanOut: id }, 'fan-out could not be marked failed');
    }
  }

  private async process(state: FanOutState): Promise<void> {
    let { cursor, started } = state;
    for (;;) {
      // Checked on every page: deactivating or replacing the version stops its fan-outs.
      const compiled = await this.compiledFor(state);
      if (typeof compiled === 'string')
        return this.finish({ ...state, started }, `${compiled} (after ${started} runs)`);
      const page = await readPage({
        customers: this.options.store.customers,
        target: state.target,
        cursor,
        limit: this.pageSize,
      });
      if (page.length > 0) {
        const next = { cursor: page.at(-1)!.id, started: started + page.length };
        // Refused: the fan-out ended, or another process took it over (this one was taken for dead).
        if (!(await this.startPage({ state, compiled, page, after: cursor, ...next }))) return;
        ({ cursor, started } = next);
      }
      if (page.length < this.pageSize) return this.finish({ ...state, started }, null);
      if (this.stopping) return;
      // Let requests and timers in between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Starts one page's runs and saves them with the fan-out's progress in one transaction, then
   * dispatches their first effects. False when the store refused the page (see `fanOutPage`).
   */
  private async startPage(options: {
    state: FanOutState;
    compiled: CompiledVersion;
    page: PageCustomer[];
    after: string | null;
    cursor: string;
    started: number;
  }): Promise<boolean> {
    const { state, compiled, page } = options;
    const { stepper, store, dispatcher, clock, templates } = this.options;
    const merge = state.setAttributes;
    const attributesOf = (customer: PageCustomer) =>
      merge ? { ...customer.attributes, ...merge } : customer.attributes;
    const customers: NonNullable<CommitBatch['customers']> = page
      .filter((customer) => merge || customer.missing)
      .map((customer) => ({ id: customer.id, attributes: merge ?? {}, source: 'hook' as const }));
    // The page is saved in one transaction, but built in slices so requests are answered meanwhile.
    const slice = new TimeSlice();
    // Customers going together to a batch webhook are saved as cohorts. Attribute merges are per
    // customer, and so are the events of runs and webhooks a subscription wants: those pages start runs.
    const perCustomer = merge || RUN_EVENTS.some((type) => this.options.subscriptions?.wants(type));
    const plan = perCustomer ? null : cohortPlanOf(compiled, state.triggerNodeId);
    const { cohorts, apart } = plan
      ? await cohortPage({
          compiled,
          plan,
          page,
          attributesOf,
          templates,
          slice,
          now: clock.now(),
          triggerNodeId: state.triggerNodeId,
          lease: (delivery) => stepper.leased(delivery),
        })
      : { cohorts: [], apart: page };
    const runs: RunChange[] = [];
    for (const customer of apart) {
      await slice.maybeYield();
      const input = {
        triggerNodeId: state.triggerNodeId,
        triggerId: state.id,
        customer: { ...attributesOf(customer), id: customer.id },
        event: null,
      };
      runs.push(stepper.start({ compiled, input, eventId: null }));
    }
    const now = new Date(clock.now()).toISOString();
    const fanOutPage = {
      id: state.id,
      after: options.after,
      cursor: options.cursor,
      started: options.started,
      updatedAt: now,
      owner: this.options.registry.id,
    };
    const watch = this.options.subscriptions?.customerWatch();
    const result = await store.commit({
      customers,
      runs,
      cohorts,
      fanOutPage,
      flush: 'later',
      ...(watch ? { watch } : {}),
      now,
    });
    if (result.staleFanOutPage) return false;
    await dispatcher.dispatch(runs, cohorts);
    return true;
  }

  /** The version to start, or why it cannot be started. */
  private async compiledFor(state: FanOutState): Promise<CompiledVersion | string> {
    const { scenarioId, version, triggerNodeId } = state;
    const scenario = await this.options.store.scenarios.get(scenarioId);
    if (!scenario) return `scenario "${scenarioId}" does not exist`;
    if (scenario.status !== 'active' || scenario.activeVersion !== version) {
      const now = scenario.status === 'active' ? `version ${scenario.activeVersion} is` : 'no version is';
      return `scenario "${scenarioId}" version ${version} is not active (${now} active)`;
    }
    const compiled = await this.options.catalog.get(scenarioId, version);
    if (!compiled) return `scenario "${scenarioId}" has no version ${version}`;
    const node = compiled.version.definition.nodes.find((candidate) => candidate.id === triggerNodeId);
    if (!node || !FAN_OUT_TRIGGERS.has(node.type)) {
      return `node "${triggerNodeId}" of scenario "${scenarioId}" version ${version} is not a launch hook or schedule trigger`;
    }
    return compiled;
  }

  /** Closes the fan-out, with its launch.completed event when a subscription wants it. */
  private async finish(state: FanOutState, error: string | null): Promise<void> {
    const now = this.options.clock.now();
    const at = new Date(now).toISOString();
    const status = error === null ? 'done' : 'failed';
    const wanted = this.options.subscriptions?.wants('launch.completed');
    const notices = wanted ? [await this.launchNotice(state, { status, error, now })] : [];
    await this.options.store.fanOuts.finish(state.id, { status, error, at, ...(wanted ? { notices } : {}) });
  }

  private async launchNotice(
    state: FanOutState,
    outcome: { status: 'done' | 'failed'; error: string | null; now: number },
  ): Promise<NoticeDraft> {
    const compiled = await this.options.catalog.get(state.scenarioId, state.version);
    const node = compiled?.version.definition.nodes.find((candidate) => candidate.id === state.triggerNodeId);
    const { target } = state;
    return {
      type: 'launch.completed',
      at: outcome.now,
      customerId: null,
      properties: {
        scenario_id: state.scenarioId,
        scenario_name: compiled?.version.name ?? null,
        version: state.version,
        node_id: state.triggerNodeId,
        node_name: node?.label ?? state.triggerNodeId,
        trigger_id: state.id,
        status: outcome.status,
        audience: target.kind === 'audience' ? { filter: target.filter } : { customers: target.ids.length },
        started: state.started,
        error_message: outcome.error,
      },
    };
  }
}

/** The target ready to page through, or why it cannot be: audience fields must all be `customer.*`. */
function checkTarget(target: FanOutTarget): FanOutTarget | string {
  if (target.kind === 'customers') return normalizeTarget(target);
  const parsed = AudienceFilterSchema.safeParse(target.filter);
  if (parsed.success) return { kind: 'audience', filter: parsed.data };
  const issue = parsed.error.issues[0]!;
  return `${formatIssuePath(['target', 'filter', ...issue.path])}: ${issue.message}`;
}

const publicRecord = ({
  target: _target,
  setAttributes: _set,
  cursor: _cursor,
  owner: _owner,
  ...record
}: FanOutState): FanOutRecord => record;
