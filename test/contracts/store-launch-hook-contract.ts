import { expect, it } from 'vitest';
import type { LaunchHookRecord } from '../../server/store/ports/launch-hook-store.ts';
import type { StoreContext } from './store-context.ts';
import { at, scenario } from './store-fixtures.ts';

const hook = (nodeId: string, token: string, seconds = 0): LaunchHookRecord => ({
  scenarioId: 'scn_1',
  nodeId,
  token,
  createdAt: at(seconds),
});

/** `LaunchHookStore`: one secret token per (scenario, node). */
export function storeLaunchHookContract(context: StoreContext): void {
  it('inserts missing tokens, keeps existing ones, and finds a hook by its token', async () => {
    const { launchHooks, scenarios } = context.store;
    await scenarios.create(scenario({ id: 'scn_1' }));
    expect(await launchHooks.insertMissing('scn_1', [hook('b', 'token-b'), hook('a', 'token-a')])).toEqual([
      hook('a', 'token-a'),
      hook('b', 'token-b'),
    ]);
    // A concurrent first listing lost the race: its tokens are not used.
    expect(await launchHooks.insertMissing('scn_1', [hook('a', 'token-a2', 5)])).toEqual([
      hook('a', 'token-a'),
      hook('b', 'token-b'),
    ]);
    expect(await launchHooks.findByToken('token-b')).toEqual(hook('b', 'token-b'));
    expect(await launchHooks.findByToken('token-a2')).toBeNull();
    expect(await launchHooks.listByScenario('scn_other')).toEqual([]);
  });

  it('replaces a token: the old one no longer finds the hook', async () => {
    const { launchHooks, scenarios } = context.store;
    await scenarios.create(scenario({ id: 'scn_1' }));
    await launchHooks.insertMissing('scn_1', [hook('a', 'old-token')]);
    await launchHooks.replace(hook('a', 'new-token', 9));
    expect(await launchHooks.findByToken('old-token')).toBeNull();
    expect(await launchHooks.findByToken('new-token')).toEqual(hook('a', 'new-token', 9));
    expect(await launchHooks.listByScenario('scn_1')).toEqual([hook('a', 'new-token', 9)]);
  });

  it("deletes a scenario's tokens", async () => {
    const { launchHooks, scenarios } = context.store;
    await scenarios.create(scenario({ id: 'scn_1' }));
    await scenarios.create(scenario({ id: 'scn_2' }));
    await launchHooks.insertMissing('scn_1', [hook('a', 't-1'), hook('b', 't-2')]);
    await launchHooks.insertMissing('scn_2', [{ ...hook('a', 't-3'), scenarioId: 'scn_2' }]);
    expect(await launchHooks.deleteByScenario('scn_1')).toBe(2);
    expect(await launchHooks.findByToken('t-1')).toBeNull();
    expect(await launchHooks.findByToken('t-3')).not.toBeNull();
  });
}
