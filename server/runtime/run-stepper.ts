import {
  type RunEvent,
  type RunInput,
  type StepOutcome,
  resumeRun,
  startRun,
} from '../../engine/run/index.ts';
import type { WaitNode, WebhookNode } from '../../engine/scenario/node-schemas.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import { renderRequest } from '../../engine/webhook/index.ts';
import { newId } from '../ids.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { RunRecord, RunStepRecord } from '../store/ports/run-store.ts';
import type { RunChange } from '../store/ports/store.ts';
import type { Clock } from './clock.ts';
import { renderContext } from './render-context.ts';
import type { CompiledVersion } from './scenario-catalog.ts';

export const USER_AGENT = 'Hookflow/0.1 (+https://github.com/hookflow)';

/**
 * Turns one machine step into the store change that saves it: the new snapshot, history
 * steps, and the effects as durable rows (deliveries, a wake timer). Effects that fail
 * before leaving the process (a template error, a bad wait date) are fed back at once.
 */
export class RunStepper {
  private readonly templates: TemplateEngine;
  private readonly clock: Clock;

  constructor(options: { templates: TemplateEngine; clock: Clock }) {
    this.templates = options.templates;
    this.clock = options.clock;
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

  /** Null when the run ignores the event (stale or duplicate result): nothing to save. */
  resume(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    event: RunEvent;
    steps?: Omit<RunStepRecord, 'runId' | 'seq'>[];
  }): RunChange | null {
    const outcome = resumeRun(options.compiled.machine, options.run.snapshot, options.event);
    if (!outcome) return null;
    return this.settle({ ...options, outcome, expectedRev: options.run.rev, leading: options.steps });
  }

  /** Records history on a run without moving it (a failed attempt that will be retried). */
  annotate(run: RunRecord, steps: Omit<RunStepRecord, 'runId' | 'seq'>[]): RunChange {
    return {
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
  }): RunChange {
    const { compiled, run } = options;
    const at = new Date(this.clock.now()).toISOString();
    const steps: Omit<RunStepRecord, 'runId' | 'seq'>[] = [...(options.leading ?? [])];
    const deliveries: DeliveryRecord[] = [];
    let outcome = options.outcome;
    let wake: { at: number; visit: number } | null = null;
    for (;;) {
      for (const entered of outcome.entered)
        steps.push({ at, nodeId: entered.nodeId, kind: 'entered', detail: {} });
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
      const result =
        effect.type === 'webhook'
          ? this.prepareDelivery({ node: node as WebhookNode, context, run, visit: effect.visit })
          : this.prepareWake(node as WaitNode, context);
      if ('error' in result) {
        steps.push({ at, nodeId: effect.nodeId, kind: effect.type, detail: { error: result.error } });
        const failure: RunEvent =
          effect.type === 'webhook'
            ? { type: 'WEBHOOK_FAILED', visit: effect.visit, error: result.error }
            : { type: 'FAIL', visit: effect.visit, nodeId: effect.nodeId, error: result.error };
        outcome = resumeRun(compiled.machine, outcome.snapshot, failure) ?? outcome;
        continue;
      }
      if ('delivery' in result) deliveries.push(result.delivery);
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
    return {
      run: updated,
      expectedRev: options.expectedRev,
      steps: steps.map((step, index) => ({ ...step, runId: run.id, seq: run.stepCount + index })),
      deliveries,
    };
  }

  private prepareDelivery(options: {
    node: WebhookNode;
    context: Record<string, unknown>;
    run: RunRecord;
    visit: number;
  }): { delivery: DeliveryRecord } | { error: string } {
    const { node, context, run, visit } = options;
    let request;
    try {
      request = renderRequest({ node, context, templates: this.templates });
    } catch (error) {
      return { error: (error as Error).message };
    }
    const now = this.clock.now();
    const id = newId('msg', now);
    request.headers['user-agent'] ??= USER_AGENT;
    request.headers['webhook-id'] = id;
    const delivery: DeliveryRecord = {
      id,
      runId: run.id,
      nodeId: node.id,
      visit,
      request,
      timeoutMs: node.config.timeoutMs,
      responseFormat: node.config.responseFormat,
      retry: node.config.retry,
      integrationId: node.config.integrationId ?? null,
      policyId: node.config.throughputPolicyId ?? null,
      status: 'pending',
      attempts: 0,
      availableAt: now,
      leaseUntil: null,
      createdAt: new Date(now).toISOString(),
    };
    return { delivery };
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
