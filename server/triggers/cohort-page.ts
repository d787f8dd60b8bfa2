import { startRun } from '../../engine/run/index.ts';
import type { WebhookNode } from '../../engine/scenario/node-schemas.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import { batchCustomerRenderer, renderRequest } from '../../engine/webhook/index.ts';
import { newId } from '../ids.ts';
import { newDelivery } from '../runtime/new-delivery.ts';
import { markBranch } from '../runtime/run-stepper.ts';
import { renderContext } from '../runtime/render-context.ts';
import type { CompiledVersion } from '../runtime/scenario-catalog.ts';
import type { TimeSlice } from '../runtime/time-slice.ts';
import { memberRunId } from '../store/cohort-members.ts';
import type { CohortRecord } from '../store/ports/cohort-store.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { CohortCommit } from '../store/ports/store.ts';
import type { PageCustomer } from './fan-out-pages.ts';

/** Where a fan-out's customers go together: the batch webhook their trigger leads straight to. */
export interface CohortPlan {
  node: WebhookNode;
  /** The nodes every member enters on the way, in order (the trigger, then the batch node). */
  entered: string[];
  /** The outputs every member leaves nodes by on the way (the trigger's). */
  left: { nodeId: string; handle: string }[];
  /** The batch node's visit every member is at. */
  visit: number;
}

/**
 * The cohort plan of a version's fan-out trigger, or null when its customers do not all take
 * the same path to a batch webhook: the trigger must lead straight to one. Found by starting the
 * machine once for a stand-in customer (the path before the batch node depends on no customer).
 */
export function cohortPlanOf(compiled: CompiledVersion, triggerNodeId: string): CohortPlan | null {
  let plans = knownPlans.get(compiled);
  if (!plans) knownPlans.set(compiled, (plans = new Map()));
  if (!plans.has(triggerNodeId)) plans.set(triggerNodeId, planOf(compiled, triggerNodeId));
  return plans.get(triggerNodeId)!;
}

/** Versions never change once frozen: their plans are worked out once. */
const knownPlans = new WeakMap<CompiledVersion, Map<string, CohortPlan | null>>();

function planOf(compiled: CompiledVersion, triggerNodeId: string): CohortPlan | null {
  const { nodes, edges } = compiled.version.definition;
  const next = edges.find((edge) => edge.source === triggerNodeId)?.target;
  const node = nodes.find((candidate) => candidate.id === next);
  if (node?.type !== 'webhook' || !node.config.batch) return null;
  const standIn = startRun(compiled.machine, { triggerNodeId, customer: { id: '' }, event: null });
  const effect = standIn.effects[0];
  if (effect?.type !== 'webhook' || effect.nodeId !== node.id) return null;
  return {
    node,
    entered: standIn.entered.map((entry) => entry.nodeId),
    left: standIn.left,
    visit: effect.visit,
  };
}

/**
 * One fan-out page as cohorts: its customers cut into batches of the node's size, each batch
 * one cohort and one request rendered from its members' customer templates, so a page is a few
 * records instead of a run, history steps and a buffered item per customer. A customer whose
 * template does not render, and a batch whose root template does not, are left to start as
 * runs of their own (`apart`), which fail or go on as the node says.
 */
export async function cohortPage(options: {
  compiled: CompiledVersion;
  plan: CohortPlan;
  triggerNodeId: string;
  page: PageCustomer[];
  attributesOf: (customer: PageCustomer) => Record<string, unknown>;
  templates: TemplateEngine;
  now: number;
  slice: TimeSlice;
  /** Leases a new request to this process's worker when it has room (`RunStepper.leased`). */
  lease: (delivery: DeliveryRecord) => DeliveryRecord;
}): Promise<{ cohorts: CohortCommit[]; apart: PageCustomer[] }> {
  const { compiled, plan, page, templates, now, slice } = options;
  const { version } = compiled;
  const scenario = { id: version.scenarioId, name: version.name, version: version.version };
  const at = new Date(now).toISOString();
  const render = batchCustomerRenderer(plan.node, templates);
  const size = plan.node.config.batch!.size;
  const cohorts: CohortCommit[] = [];
  const apart: PageCustomer[] = [];
  for (let start = 0; start < page.length; start += size) {
    const id = newId('run', now);
    const members: PageCustomer[] = [];
    const rendered: string[] = [];
    for (const customer of page.slice(start, start + size)) {
      await slice.maybeYield();
      const context = renderContext({
        customer: { ...options.attributesOf(customer), id: customer.id },
        event: null,
        scenario,
        run: { id: memberRunId(id, members.length), startedAt: at },
        webhooks: [],
      });
      try {
        rendered.push(render(context));
        members.push(customer);
      } catch {
        apart.push(customer);
      }
    }
    if (members.length === 0) continue;
    let request;
    try {
      request = renderRequest({ node: plan.node, context: { customers: rendered, scenario }, templates });
    } catch {
      apart.push(...members);
      continue;
    }
    const cohort: CohortRecord = {
      id,
      scenarioId: version.scenarioId,
      version: version.version,
      triggerNodeId: options.triggerNodeId,
      customerIds: members.map((customer) => customer.id),
      status: 'running',
      nodeId: plan.node.id,
      visit: plan.visit,
      steps: entered(plan, at),
      rev: 1,
      createdAt: at,
      updatedAt: at,
    };
    const delivery = options.lease({
      ...newDelivery({
        node: plan.node,
        request,
        runs: [{ runId: memberRunId(id, 0), visit: plan.visit }],
        batch: false,
        priority: 'bulk',
        now,
      }),
      cohortId: id,
    });
    cohorts.push({
      cohort,
      expectedRev: null,
      addedSteps: cohort.steps.length,
      deliveries: [delivery],
      branches: plan.left,
    });
  }
  return { cohorts, apart };
}

/** The history every member shares on reaching the batch node, each output taken marked. */
function entered(plan: CohortPlan, at: string): CohortRecord['steps'] {
  const steps = plan.entered.map((nodeId) => ({ at, nodeId, kind: 'entered' as const, detail: {} }));
  for (const left of plan.left) markBranch(steps, left);
  return steps;
}
