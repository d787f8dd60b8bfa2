import type { NoticeDraft } from './ports/notice-store.ts';

/**
 * scenario.activated / scenario.deactivated, written by the store adapters in the transaction
 * that changes the scenario's status.
 */
export function scenarioNotice(
  type: 'scenario.activated' | 'scenario.deactivated',
  scenario: { id: string; name: string; version: number | null },
  now: string,
): NoticeDraft {
  return {
    type,
    at: Date.parse(now),
    customerId: null,
    properties: { scenario_id: scenario.id, scenario_name: scenario.name, version: scenario.version },
  };
}

/**
 * The event of a status change, if it is one: an active scenario stopping (scenario.deactivated)
 * or a stopped one made active again with its version (scenario.activated).
 */
export function statusNotice(
  before: string | undefined,
  after: { id: string; name: string; status: string; activeVersion: number | null },
  now: string,
): NoticeDraft | null {
  if (before === after.status) return null;
  const scenario = { id: after.id, name: after.name, version: after.activeVersion };
  if (after.status === 'active') return scenarioNotice('scenario.activated', scenario, now);
  return before === 'active' ? scenarioNotice('scenario.deactivated', scenario, now) : null;
}
