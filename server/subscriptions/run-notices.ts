import type { RunContext } from '../../engine/run/index.ts';
import type { ScenarioNode } from '../../engine/scenario/index.ts';
import type { NoticeDraft } from '../store/ports/notice-store.ts';
import type { RunRecord } from '../store/ports/run-store.ts';
import type { CompiledVersion } from '../runtime/scenario-catalog.ts';

/** Which event types some active subscription wants (the subscription index). */
export interface WantedTypes {
  wants(type: string): boolean;
}

/** One attempt of a webhook delivery, as webhook.* events report it. */
export interface WebhookAttempt {
  nodeId: string;
  /** 1 for the first attempt (webhook.sent). */
  attempt: number;
  status: number | null;
  error: string | null;
  /** delivered (2xx), failed (for good) or null while it will be retried. */
  outcome: 'delivered' | 'failed' | null;
}

/**
 * Builds the run.* and webhook.* events of a run's step, only for types some subscription wants
 * (the hot path pays a set lookup otherwise). They are saved with the step (`RunChange.notices`).
 */
export class RunNotices {
  private readonly wanted: WantedTypes;

  constructor(wanted: WantedTypes) {
    this.wanted = wanted;
  }

  /** run.entered, run.completed and run.failed for a step that started or finished a run. */
  lifecycle(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    context: RunContext;
    started: boolean;
    status: RunRecord['status'];
    at: number;
  }): NoticeDraft[] {
    const { compiled, run, context, at } = options;
    const notices: NoticeDraft[] = [];
    const source = { compiled, run, context, at };
    if (options.started && this.wanted.wants('run.entered'))
      notices.push(this.notice('run.entered', { ...source, node: nodeOf(compiled, context.triggerNodeId) }));
    if (options.status === 'completed' && this.wanted.wants('run.completed'))
      notices.push(this.notice('run.completed', source));
    if (options.status === 'failed' && this.wanted.wants('run.failed')) {
      const node = context.lastError ? nodeOf(compiled, context.lastError.nodeId) : undefined;
      notices.push(
        this.notice('run.failed', { ...source, node }, { error_message: context.lastError?.message ?? null }),
      );
    }
    return notices;
  }

  /** webhook.sent (first attempt), webhook.delivered and webhook.failed for one attempt's result. */
  webhook(options: {
    compiled: CompiledVersion;
    run: RunRecord;
    context: RunContext;
    attempt: WebhookAttempt;
    at: number;
  }): NoticeDraft[] {
    const { attempt } = options;
    const types = [
      ...(attempt.attempt === 1 ? ['webhook.sent'] : []),
      ...(attempt.outcome ? [`webhook.${attempt.outcome}`] : []),
    ].filter((type) => this.wanted.wants(type));
    if (types.length === 0) return [];
    const node = nodeOf(options.compiled, attempt.nodeId);
    const channel = node?.type === 'webhook' ? (node.config.channel ?? 'webhook') : 'webhook';
    return types.map((type) =>
      this.notice(
        type,
        { ...options, node },
        {
          channel,
          status: attempt.status,
          ...(type === 'webhook.failed' ? { error_message: attempt.error } : {}),
        },
      ),
    );
  }

  private notice(
    type: string,
    source: {
      compiled: CompiledVersion;
      run: RunRecord;
      context: RunContext;
      at: number;
      node?: ScenarioNode | undefined;
    },
    extra: Record<string, unknown> = {},
  ): NoticeDraft {
    const { compiled, run, context, at, node } = source;
    const { version } = compiled;
    return {
      type,
      at,
      customerId: run.customerId,
      properties: {
        scenario_id: version.scenarioId,
        scenario_name: version.name,
        version: version.version,
        run_id: run.id,
        ...(node ? { node_id: node.id, node_name: node.label ?? node.id } : {}),
        customer_id: run.customerId,
        trigger_id: context.event?.id ?? context.triggerId ?? run.eventId,
        external_message_id: context.event?.properties['external_message_id'] ?? null,
        ...extra,
      },
    };
  }
}

function nodeOf(compiled: CompiledVersion, nodeId: string): ScenarioNode | undefined {
  return compiled.version.definition.nodes.find((node) => node.id === nodeId);
}
