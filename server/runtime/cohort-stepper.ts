import { resumeRun, startRun, type RunEvent } from '../../engine/run/index.ts';
import { memberRunId } from '../store/cohort-members.ts';
import type { CohortRecord } from '../store/ports/cohort-store.ts';
import type { CustomerStore } from '../store/ports/customer-store.ts';
import type { RunRecord, RunStepRecord } from '../store/ports/run-store.ts';
import type { CohortCommit, RunChange } from '../store/ports/store.ts';
import type { Clock } from './clock.ts';
import { markBranch, type RunStepper } from './run-stepper.ts';
import type { CompiledVersion } from './scenario-catalog.ts';

type Step = Omit<RunStepRecord, 'runId' | 'seq'>;

/** What a result does to a cohort: its own change, and the runs its members became if it split. */
export interface CohortOutcome {
  cohort: CohortCommit;
  runs: RunChange[];
}

/**
 * Carries a cohort through the result of its batch request. When what follows the batch node
 * is the same for everyone (the run ends, completed or failed), the cohort moves as one record;
 * otherwise its members part (a condition, a wait, another webhook may treat each differently)
 * and each is saved as a run of its own at its next step, under its member run id, with the
 * history it shared carried over.
 */
export class CohortStepper {
  private readonly stepper: RunStepper;
  private readonly customers: CustomerStore;
  private readonly clock: Clock;

  constructor(options: { stepper: RunStepper; customers: CustomerStore; clock: Clock }) {
    this.stepper = options.stepper;
    this.customers = options.customers;
    this.clock = options.clock;
  }

  /** A failed attempt that will be retried: the cohort records it and stays put. */
  annotate(cohort: CohortRecord, steps: Step[], retry?: CohortCommit['retryDelivery']): CohortCommit {
    return {
      ...this.changed(cohort, { steps: [...cohort.steps, ...steps] }),
      addedSteps: steps.length,
      ...(retry ? { retryDelivery: retry } : {}),
    };
  }

  /** Null when the cohort ignores the result (finished, split or another visit). */
  async resume(options: {
    compiled: CompiledVersion;
    cohort: CohortRecord;
    event: RunEvent;
    steps: Step[];
  }): Promise<CohortOutcome | null> {
    const { compiled, cohort, event, steps } = options;
    if (cohort.status !== 'running' || !('visit' in event) || event.visit !== cohort.visit) return null;
    // One member stands for all: the path up to here did not depend on who they are.
    const standIn = this.memberAtNode(compiled, cohort, {
      customer: { id: cohort.customerIds[0]! },
      index: 0,
    });
    const outcome = resumeRun(compiled.machine, standIn.snapshot, event);
    if (!outcome) return null;
    const ends = new Set(
      compiled.version.definition.nodes.filter((node) => node.type === 'end').map((node) => node.id),
    );
    const finished = outcome.status === 'completed' || outcome.status === 'failed' ? outcome.status : null;
    if (!finished || !outcome.entered.every((entry) => ends.has(entry.nodeId))) return this.split(options);
    const at = new Date(this.clock.now()).toISOString();
    const error = outcome.context.lastError;
    const added: Step[] = [
      ...steps,
      ...outcome.entered.map((entry) => ({ at, nodeId: entry.nodeId, kind: 'entered' as const, detail: {} })),
      { at, nodeId: null, kind: finished, detail: error && finished === 'failed' ? { error } : {} },
    ];
    for (const left of outcome.left) markBranch(added, left);
    const cohortChange = this.changed(cohort, {
      status: finished,
      nodeId: null,
      steps: [...cohort.steps, ...added],
    });
    const branches = outcome.left.length > 0 ? { branches: outcome.left } : {};
    return { cohort: { ...cohortChange, addedSteps: added.length, ...branches }, runs: [] };
  }

  /** Each member as a run of its own, resumed with the result; the cohort no longer speaks for them. */
  private async split(options: {
    compiled: CompiledVersion;
    cohort: CohortRecord;
    event: RunEvent;
    steps: Step[];
  }): Promise<CohortOutcome> {
    const { compiled, cohort, event, steps } = options;
    const stored = await this.customers.getMany(cohort.customerIds);
    const runs: RunChange[] = [];
    cohort.customerIds.forEach((customerId, index) => {
      const customer = { ...stored.get(customerId)?.attributes, id: customerId };
      const run = this.memberAtNode(compiled, cohort, { customer, index });
      const change = this.stepper.resume({ compiled, run, event, steps });
      if (!change) return;
      const shared = cohort.steps.map((step, seq) => ({ ...step, runId: run.id, seq }));
      runs.push({ ...change, expectedRev: null, copiedSteps: shared });
    });
    const cohortChange = this.changed(cohort, { status: 'split', nodeId: null });
    return { cohort: { ...cohortChange, addedSteps: 0 }, runs };
  }

  /** A member as a run standing on the cohort's node, as its own run would (same visit, same context). */
  private memberAtNode(
    compiled: CompiledVersion,
    cohort: CohortRecord,
    { customer, index }: { customer: { id: string } & Record<string, unknown>; index: number },
  ): RunRecord {
    const started = startRun(compiled.machine, {
      triggerNodeId: cohort.triggerNodeId,
      customer,
      event: null,
    });
    return {
      id: memberRunId(cohort.id, index),
      scenarioId: cohort.scenarioId,
      version: cohort.version,
      customerId: customer.id,
      eventId: null,
      status: 'running',
      nodeId: cohort.nodeId,
      snapshot: started.snapshot,
      rev: 0,
      stepCount: cohort.steps.length,
      wakeAt: null,
      wakeVisit: null,
      createdAt: cohort.createdAt,
      updatedAt: cohort.updatedAt,
    };
  }

  private changed(cohort: CohortRecord, fields: Partial<CohortRecord>): Omit<CohortCommit, 'addedSteps'> {
    return {
      cohort: {
        ...cohort,
        ...fields,
        rev: cohort.rev + 1,
        updatedAt: new Date(this.clock.now()).toISOString(),
      },
      expectedRev: cohort.rev,
      deliveries: [],
    };
  }
}
