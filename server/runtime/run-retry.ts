import { HookflowError, notFound } from '../errors.ts';
import type { RunRecord } from '../store/ports/run-store.ts';
import type { RunChange, Store } from '../store/ports/store.ts';
import type { Clock } from './clock.ts';
import type { EffectDispatcher } from './effect-dispatcher.ts';
import type { RunStepper } from './run-stepper.ts';
import type { CompiledVersion, ScenarioCatalog } from './scenario-catalog.ts';

/** Runs put back per transaction when a node's failed runs are retried together. */
const PAGE = 200;

/**
 * "Retry from the failed node": a run that failed at a webhook node is put back on it and sends
 * its request again, on the version it is pinned to, only while that version is still the
 * active one (an older version's runs would run a graph the user has since replaced).
 */
export class RunRetry {
  private readonly options: {
    store: Store;
    catalog: ScenarioCatalog;
    stepper: RunStepper;
    dispatcher: EffectDispatcher;
    clock: Clock;
  };

  constructor(options: RunRetry['options']) {
    this.options = options;
  }

  /** Retries one run; `by` (an API key's name) is kept in its history. */
  async retryRun(runId: string, by: string | null): Promise<RunRecord> {
    const run = await this.options.store.runs.get(runId);
    if (!run) throw notFound('run', runId);
    if (run.status !== 'failed') throw conflict(`run "${runId}" is ${run.status}, not failed`);
    if (run.cohortId)
      throw conflict(
        `run "${runId}" failed with its whole batch as one of a fan-out's cohort; fan out again to resend it`,
      );
    const nodeId = run.snapshot.context.lastError?.nodeId;
    const compiled = await this.activeVersion(run.scenarioId, run.version);
    if (!nodeId || !isWebhook(compiled, nodeId))
      throw conflict(`run "${runId}" did not fail at a webhook node; only those can be retried`);
    const change = this.options.stepper.retry({ compiled, run, nodeId, by });
    if (!change) throw conflict(`run "${runId}" cannot be retried`);
    const saved = await this.save([change]);
    if (saved.length === 0) throw conflict(`run "${runId}" changed meanwhile; read it again`);
    return change.run;
  }

  /** Retries every run of the active version that failed at `nodeId`; returns their ids. */
  async retryNode(scenarioId: string, nodeId: string, by: string | null): Promise<string[]> {
    const scenario = await this.options.store.scenarios.get(scenarioId);
    if (!scenario) throw notFound('scenario', scenarioId);
    if (scenario.status !== 'active' || scenario.activeVersion === null)
      throw conflict(
        `scenario "${scenarioId}" is not active: only runs of its active version can be retried`,
      );
    const compiled = await this.activeVersion(scenarioId, scenario.activeVersion);
    if (!isWebhook(compiled, nodeId))
      throw new HookflowError('not_found', `the active version has no webhook node "${nodeId}"`);
    const retried: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await this.options.store.runs.list({
        scenarioId,
        status: 'failed',
        limit: PAGE,
        ...(before ? { before } : {}),
      });
      const changes = page
        .filter((run) => run.version === compiled.version.version && !run.cohortId)
        .flatMap((run) => this.options.stepper.retry({ compiled, run, nodeId, by }) ?? []);
      retried.push(...(await this.save(changes)));
      if (page.length < PAGE) return retried;
      before = page.at(-1)!.id;
    }
  }

  /** Saves the changes, dispatches their effects; returns the ids saved (others changed meanwhile). */
  private async save(changes: RunChange[]): Promise<string[]> {
    if (changes.length === 0) return [];
    const now = new Date(this.options.clock.now()).toISOString();
    const { conflicts } = await this.options.store.commit({ runs: changes, now });
    const skipped = new Set(conflicts);
    const saved = changes.filter((change) => !skipped.has(change.run.id));
    await this.options.dispatcher.dispatch(saved);
    return saved.map((change) => change.run.id);
  }

  private async activeVersion(scenarioId: string, version: number): Promise<CompiledVersion> {
    const scenario = await this.options.store.scenarios.get(scenarioId);
    if (!scenario || scenario.status !== 'active' || scenario.activeVersion !== version) {
      const now = scenario?.status === 'active' ? `version ${scenario.activeVersion} is` : 'no version is';
      throw conflict(
        `version ${version} of scenario "${scenarioId}" is no longer active (${now}): its runs cannot be retried`,
      );
    }
    const compiled = await this.options.catalog.get(scenarioId, version);
    if (!compiled) throw notFound('version', `${scenarioId}@${version}`);
    return compiled;
  }
}

const conflict = (message: string) => new HookflowError('conflict', message);

function isWebhook(compiled: CompiledVersion, nodeId: string): boolean {
  return compiled.version.definition.nodes.some((node) => node.id === nodeId && node.type === 'webhook');
}
