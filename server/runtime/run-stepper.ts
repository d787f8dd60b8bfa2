import { renderAttributes } from '../../engine/attributes/index.ts';
import {
  type RunEffect,
  type RunEvent,
  type RunInput,
  type StepOutcome,
  resumeRun,
  retryAtNode,
  startRun,
} from '../../engine/run/index.ts';
import type { SetAttributesNode, WaitNode, WebhookNode } from '../../engine/scenario/node-schemas.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import { renderBatchCustomer, renderRequest } from '../../engine/webhook/index.ts';
import type { BatchItemRecord } from '../store/ports/batch-item-store.ts';
import { newId, newOrderedId } from '../ids.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { RunRecord, RunStepRecord } from '../store/ports/run-store.ts';
import type { NoticeDraft } from '../store/ports/notice-store.ts';
import type { RunChange } from '../store/ports/store.ts';
import type { Clock } from './clock.ts';
import { newDelivery, priorityOf } from './new-delivery.ts';
import { renderContext } from './render-context.ts';
import type { CompiledVersion } from './scenario-catalog.ts';
import type { DeliveryHandoff } from './delivery-handoff.ts';
import type { RunNotices, WebhookAttempt } from '../subscriptions/run-notices.ts';

/**
 * Turns one machine step into the store change that saves it: the new snapshot, history
 * steps, and the effects as durable rows (deliveries, a wake timer). Effects that fail
 * before leaving the process (a template error, a bad wait date) are fed back at once.
 */
export class RunStepper {
  private readonly templates: TemplateEngine;
  private readonly clock: Clock;
  private readonly owner: string;
  private readonly notices: RunNotices | null;

  private readonly handoff: Pick<DeliveryHandoff, 'lease'> | undefined;

  constructor(options: {
    templates: TemplateEngine;
    clock: Clock;
    /** This process's id, which the batch items it queues name (its batcher sends them). */
    owner: string;
    /** Leases new deliveries to this process's worker (see `DeliveryHandoff`); without it they stay pending. */
    handoff?: Pick<DeliveryHandoff, 'lease'>;
    /** Builds the run.* and webhook.* events subscriptions want (none without it). */
    notices?: RunNotices;
  }) {
    this.templates = options.templates;
    this.clock = options.clock;
    this.owner = options.owner;
    this.handoff = options.handoff;
    this.notices = options.notices ?? null;
  }

  start(options: { compiled: CompiledVersion; input: RunInput; eventId: string | null }): RunChange {
    const now = new Date(this.clock.now()).toISOString();
    const run: RunRecord = {
      id: newId('run', this.clock.now()),
      scenarioId: options.compiled.version.scenarioId,
      version: options.compiled.version.version,
      customerId: options.input.customer.id,
      eventId: options.eventId,
      status: 'running',
      nodeId: null,
      snapshot: null as never,
      rev: 0,
      stepCount: 0,
      wakeAt: null,
      wakeVisit: null,
      createdAt: now,
      updatedAt: now,
    };
    const outcome = startRun(options.compiled.machine, options.input);
    return this.settle({ compiled: options.compiled, run, outcome, expectedRev: null });
  }

  /**
   * Null when the run ignores the event (stale or duplicate result): nothing to save. `attempt`:
   * the webhook attempt whose result this is (for webhook.* events).
   */
  resume(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    event: RunEvent;
    steps?: Omit<RunStepRecord, 'runId' | 'seq'>[];
    attempt?: WebhookAttempt;
  }): RunChange | null {
    const outcome = resumeRun(options.compiled.machine, options.run.snapshot, options.event);
    if (!outcome) return null;
    return this.settle({ ...options, outcome, expectedRev: options.run.rev, leading: options.steps });
  }

  /**
   * Puts a run that failed at webhook node `nodeId` back on it and sends the request again
   * (rendered anew: a new delivery, a new webhook-id). The history keeps the failure and gains a
   * `retried` step. Null when the run did not end failed at that node.
   */
  retry(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    nodeId: string;
    by: string | null;
  }): RunChange | null {
    const { compiled, run, nodeId } = options;
    const outcome = retryAtNode(compiled.machine, run.snapshot, nodeId);
    if (!outcome) return null;
    const at = new Date(this.clock.now()).toISOString();
    const leading = [{ at, nodeId, kind: 'retried' as const, detail: { by: options.by } }];
    return this.settle({ compiled, run, outcome, expectedRev: run.rev, leading });
  }

  /**
   * Records history on a run without moving it (a failed attempt that will be retried), with
   * the webhook.sent event of a first attempt.
   */
  annotate(
    run: RunRecord,
    steps: Omit<RunStepRecord, 'runId' | 'seq'>[],
    webhook?: { compiled: CompiledVersion; attempt: WebhookAttempt },
  ): RunChange {
    const notices =
      webhook && this.notices
        ? this.notices.webhook({ ...webhook, run, context: run.snapshot.context, at: this.clock.now() })
        : [];
    return {
      ...(notices.length > 0 ? { notices } : {}),
      run: {
        ...run,
        rev: run.rev + 1,
        stepCount: run.stepCount + steps.length,
        updatedAt: new Date(this.clock.now()).toISOString(),
      },
      expectedRev: run.rev,
      steps: steps.map((step, index) => ({ ...step, runId: run.id, seq: run.stepCount + index })),
      deliveries: [],
    };
  }

  private settle(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    outcome: StepOutcome;
    expectedRev: number | null;
    leading?: Omit<RunStepRecord, 'runId' | 'seq'>[] | undefined;
    attempt?: WebhookAttempt | undefined;
  }): RunChange {
    const { compiled, run } = options;
    const at = new Date(this.clock.now()).toISOString();
    const steps: Omit<RunStepRecord, 'runId' | 'seq'>[] = [...(options.leading ?? [])];
    const deliveries: DeliveryRecord[] = [];
    const batchItems: BatchItemRecord[] = [];
    let outcome = options.outcome;
    let wake: { at: number; visit: number } | null = null;
    let customerAttributes: Record<string, unknown> | undefined;
    const branches: RunChange['branches'] = [];
    for (;;) {
      for (const entered of outcome.entered)
        steps.push({ at, nodeId: entered.nodeId, kind: 'entered', detail: {} });
      for (const left of outcome.left) markBranch(steps, left);
      branches.push(...outcome.left);
      const effect = outcome.effects[0];
      if (!effect) break;
      const node = compiled.version.definition.nodes.find((candidate) => candidate.id === effect.nodeId);
      const { version } = compiled;
      const context = renderContext({
        customer: outcome.context.customer,
        event: outcome.context.event,
        scenario: { id: version.scenarioId, name: version.name, version: version.version },
        run: { id: run.id, startedAt: run.createdAt },
        webhooks: outcome.context.webhooks,
      });
      if (effect.type === 'attributes') {
        const rendered = this.renderAttributes(node as SetAttributesNode, context);
        const detail = 'values' in rendered ? { set: rendered.values } : { error: rendered.error };
        steps.push({ at, nodeId: effect.nodeId, kind: 'attributes', detail });
        if ('values' in rendered) customerAttributes = { ...customerAttributes, ...rendered.values };
        const next: RunEvent =
          'values' in rendered
            ? { type: 'ATTRIBUTES_SET', visit: effect.visit, values: rendered.values }
            : failureEvent(effect, rendered.error);
        outcome = resumeRun(compiled.machine, outcome.snapshot, next) ?? outcome;
        continue;
      }
      const result =
        effect.type === 'webhook'
          ? this.prepareDelivery({
              compiled,
              node: node as WebhookNode,
              context,
              run,
              visit: effect.visit,
              triggerNodeId: outcome.context.triggerNodeId,
            })
          : this.prepareWake(node as WaitNode, context);
      if ('error' in result) {
        steps.push({ at, nodeId: effect.nodeId, kind: effect.type, detail: { error: result.error } });
        outcome =
          resumeRun(compiled.machine, outcome.snapshot, failureEvent(effect, result.error)) ?? outcome;
        continue;
      }
      if ('delivery' in result) deliveries.push(result.delivery);
      else if ('batchItem' in result) batchItems.push(result.batchItem);
      else {
        wake = { at: result.wakeAt, visit: effect.visit };
        steps.push({
          at,
          nodeId: effect.nodeId,
          kind: 'wait',
          detail: { until: new Date(result.wakeAt).toISOString() },
        });
      }
      break;
    }
    if (outcome.status === 'completed' || outcome.status === 'failed') {
      const error = outcome.context.lastError;
      steps.push({
        at,
        nodeId: null,
        kind: outcome.status,
        detail: error && outcome.status === 'failed' ? { error } : {},
      });
    }
    const updated: RunRecord = {
      ...run,
      status: outcome.status,
      nodeId: outcome.nodeId,
      snapshot: outcome.snapshot,
      rev: run.rev + 1,
      stepCount: run.stepCount + steps.length,
      wakeAt: wake?.at ?? null,
      wakeVisit: wake?.visit ?? null,
      updatedAt: at,
    };
    const { notices, endsAt } = this.noticesOf({ ...options, outcome });
    return {
      ...(notices.length > 0 ? { notices, attributeNoticesAt: endsAt } : {}),
      run: updated,
      expectedRev: options.expectedRev,
      steps: steps.map((step, index) => ({ ...step, runId: run.id, seq: run.stepCount + index })),
      deliveries,
      ...(batchItems.length > 0 ? { batchItems } : {}),
      ...(customerAttributes ? { customerAttributes } : {}),
      ...(branches.length > 0 ? { branches } : {}),
    };
  }

  /**
   * The events of a settled step, in the order they happened: the webhook attempt's result, the
   * run's start, then its end; `endsAt` is where the step's attribute changes fall (before the end).
   */
  private noticesOf(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    outcome: StepOutcome;
    expectedRev: number | null;
    attempt?: WebhookAttempt | undefined;
  }): { notices: NoticeDraft[]; endsAt: number } {
    if (!this.notices) return { notices: [], endsAt: 0 };
    const { compiled, run, outcome } = options;
    const at = this.clock.now();
    const context = outcome.context;
    const notices = options.attempt
      ? this.notices.webhook({ compiled, run, context, attempt: options.attempt, at })
      : [];
    const lifecycle = this.notices.lifecycle({
      compiled,
      run,
      context,
      started: options.expectedRev === null,
      status: outcome.status,
      at,
    });
    notices.push(...lifecycle.filter((notice) => notice.type === 'run.entered'));
    const endsAt = notices.length;
    notices.push(...lifecycle.filter((notice) => notice.type !== 'run.entered'));
    return { notices, endsAt };
  }

  private renderAttributes(
    node: SetAttributesNode,
    context: Record<string, unknown>,
  ): { values: Record<string, unknown> } | { error: string } {
    try {
      return { values: renderAttributes({ node, context, templates: this.templates }) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  private prepareDelivery(options: {
    compiled: CompiledVersion;
    node: WebhookNode;
    context: Record<string, unknown>;
    run: RunRecord;
    visit: number;
    triggerNodeId: string;
  }): { delivery: DeliveryRecord } | { batchItem: BatchItemRecord } | { error: string } {
    const { node, context, run, visit } = options;
    if (node.config.batch) return this.prepareBatchItem(options);
    let request;
    try {
      request = renderRequest({ node, context, templates: this.templates });
    } catch (error) {
      return { error: (error as Error).message };
    }
    const delivery = newDelivery({
      node,
      request,
      runs: [{ runId: run.id, visit }],
      batch: false,
      priority: priorityOf(options.compiled.version.definition, options.triggerNodeId),
      now: this.clock.now(),
    });
    return { delivery: this.leased(delivery) };
  }

  /**
   * `delivery` leased to this process's worker when it has room (see `DeliveryHandoff`): saved as
   * the attempt under way, its worker sends it once the step is committed. Otherwise as it is.
   */
  leased(delivery: DeliveryRecord): DeliveryRecord {
    const lease = this.handoff?.lease(delivery);
    return lease ? { ...delivery, ...lease, status: 'sending', attempts: 1 } : delivery;
  }

  /** A batch node queues the customer's rendered template; the batcher sends it with others. */
  private prepareBatchItem(options: {
    compiled: CompiledVersion;
    node: WebhookNode;
    context: Record<string, unknown>;
    run: RunRecord;
    visit: number;
  }): { batchItem: BatchItemRecord } | { error: string } {
    const { compiled, node, context, run, visit } = options;
    let customer: string;
    try {
      customer = renderBatchCustomer({ node, context, templates: this.templates });
    } catch (error) {
      return { error: (error as Error).message };
    }
    const now = this.clock.now();
    return {
      batchItem: {
        id: newOrderedId('bit', now),
        scenarioId: compiled.version.scenarioId,
        version: compiled.version.version,
        nodeId: node.id,
        runId: run.id,
        visit,
        customer,
        createdAt: now,
        owner: this.owner,
      },
    };
  }

  private prepareWake(
    node: WaitNode,
    context: Record<string, unknown>,
  ): { wakeAt: number } | { error: string } {
    if (node.config.mode === 'duration') return { wakeAt: this.clock.now() + node.config.seconds * 1000 };
    let text: string;
    try {
      text = this.templates.compile(node.config.at).render(context).trim();
    } catch (error) {
      return { error: `config.at: ${(error as Error).message}` };
    }
    const wakeAt = Date.parse(text);
    if (Number.isNaN(wakeAt)) return { error: `config.at: "${text.slice(0, 100)}" is not a date and time` };
    return { wakeAt };
  }
}

/**
 * Writes the output taken on the node's latest step of this change (its `entered` step, or the
 * webhook attempt that decided it), so the node's recent runs say which way each customer went.
 * A wait woken by its timer has no step of its own here: its branch is only counted.
 */
export function markBranch(
  steps: Omit<RunStepRecord, 'runId' | 'seq'>[],
  left: { nodeId: string; handle: string },
) {
  for (let index = steps.length - 1; index >= 0; index -= 1) {
    const step = steps[index]!;
    if (step.nodeId !== left.nodeId) continue;
    steps[index] = { ...step, detail: { ...step.detail, branch: left.handle } };
    return;
  }
}

/** What fails a node whose effect could not leave the process (a template error, a bad date). */
function failureEvent(effect: RunEffect, error: string): RunEvent {
  return effect.type === 'webhook'
    ? { type: 'WEBHOOK_FAILED', visit: effect.visit, error }
    : { type: 'FAIL', visit: effect.visit, nodeId: effect.nodeId, error };
}
