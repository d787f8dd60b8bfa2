import { expect, it } from 'vitest';
import type { StoreContext } from './store-context.ts';
import type { ScenarioDefinition } from '../../engine/scenario/index.ts';
import { at, definition, scenario } from './store-fixtures.ts';

/** What activation freezes: a definition, by the main key unless `author` says otherwise. */
const frozen = (graph: ScenarioDefinition, now: string, author: string | null = 'admin key') => ({
  definition: graph,
  author,
  now,
});

const byId = <T extends { scenarioId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.scenarioId.localeCompare(b.scenarioId));

/** `ScenarioStore`: drafts, paging, patches, cascading deletes and frozen versions. */
export function storeScenarioContract(context: StoreContext): void {
  it('creates a draft scenario and reads it back unchanged', async () => {
    const { scenarios } = context.store;
    const draft = scenario();
    await scenarios.create(draft);
    expect(await scenarios.get(draft.id)).toEqual(draft);
    expect(await scenarios.get('scn_missing')).toBeNull();
  });

  it('refuses a second scenario with the same id', async () => {
    await context.store.scenarios.create(scenario());
    await expect(context.store.scenarios.create(scenario({ name: 'Other' }))).rejects.toThrow();
    expect((await context.store.scenarios.get('scn_1'))?.name).toBe('Welcome');
  });

  it('lists scenarios newest first, paged by limit and offset', async () => {
    const { scenarios } = context.store;
    const all = [1, 2, 3, 4, 5].map((n) => scenario({ id: `scn_${n}`, createdAt: at(n), updatedAt: at(n) }));
    for (const item of [all[2]!, all[0]!, all[4]!, all[1]!, all[3]!]) await scenarios.create(item);
    const newestFirst = [...all].reverse();
    expect(await scenarios.list({ limit: 2, offset: 0 })).toEqual(newestFirst.slice(0, 2));
    expect(await scenarios.list({ limit: 2, offset: 2 })).toEqual(newestFirst.slice(2, 4));
    expect(await scenarios.list({ limit: 2, offset: 4 })).toEqual(newestFirst.slice(4));
    expect(await scenarios.list({ limit: 2, offset: 6 })).toEqual([]);
  });

  it('applies only the fields a patch carries and stamps updatedAt', async () => {
    const { scenarios } = context.store;
    const draft = scenario();
    await scenarios.create(draft);
    const renamed = await scenarios.update(draft.id, { name: 'Renamed' }, at(10));
    expect(renamed).toEqual({ ...draft, name: 'Renamed', updatedAt: at(10) });
    const graph = { nodes: [], edges: [] };
    const redrawn = await scenarios.update(draft.id, { description: '', definition: graph }, at(20));
    expect(redrawn).toEqual({
      ...draft,
      name: 'Renamed',
      description: '',
      definition: graph,
      updatedAt: at(20),
    });
    expect(await scenarios.update(draft.id, {}, at(30))).toEqual({ ...redrawn, updatedAt: at(30) });
    expect(await scenarios.get(draft.id)).toEqual({ ...redrawn, updatedAt: at(30) });
    expect(await scenarios.update('scn_missing', { name: 'x' }, at(40))).toBeNull();
  });

  it('freezes the definition into version N+1 and makes it active, atomically', async () => {
    const { scenarios } = context.store;
    const draft = scenario();
    await scenarios.create(draft);
    const first = await scenarios.activate(draft.id, frozen(definition('a'), at(10)));
    expect(first).toEqual({
      scenario: { ...draft, status: 'active', activeVersion: 1, updatedAt: at(10) },
      version: {
        scenarioId: draft.id,
        version: 1,
        name: 'Welcome',
        definition: definition('a'),
        createdAt: at(10),
        author: 'admin key',
      },
    });
    await scenarios.update(draft.id, { name: 'Welcome v2' }, at(15));
    const second = await scenarios.activate(draft.id, frozen(definition('b'), at(20)));
    expect(second?.version).toEqual({
      scenarioId: draft.id,
      version: 2,
      name: 'Welcome v2',
      definition: definition('b'),
      createdAt: at(20),
      author: 'admin key',
    });
    expect(await scenarios.get(draft.id)).toEqual(second?.scenario);
    expect(second?.scenario.definition).toEqual(draft.definition);
    expect(await scenarios.getVersion(draft.id, 1)).toEqual(first?.version);
    expect(await scenarios.listVersions(draft.id)).toEqual([second?.version, first?.version]);
    expect(await scenarios.getVersion(draft.id, 3)).toBeNull();
  });

  it('keeps who saved the draft and who activated each version', async () => {
    const { scenarios } = context.store;
    await scenarios.create(scenario({ updatedBy: 'admin key' }));
    const edited = await scenarios.update('scn_1', { name: 'Edited', updatedBy: 'CRM sync' }, at(5));
    expect(edited?.updatedBy).toBe('CRM sync');
    // A patch that does not say who saved it keeps the last editor.
    expect((await scenarios.update('scn_1', { description: 'x' }, at(6)))?.updatedBy).toBe('CRM sync');
    await scenarios.activate('scn_1', frozen(definition('a'), at(10), 'Marketing'));
    await scenarios.activate('scn_1', frozen(definition('b'), at(20), null));
    const authors = (await scenarios.listVersions('scn_1')).map(({ version, author }) => [version, author]);
    expect(authors).toEqual([
      [2, null],
      [1, 'Marketing'],
    ]);
    expect((await scenarios.getVersion('scn_1', 1))?.author).toBe('Marketing');
    expect((await scenarios.get('scn_1'))?.updatedBy).toBe('CRM sync');
  });

  it('does not activate a scenario that does not exist', async () => {
    const { scenarios } = context.store;
    expect(await scenarios.activate('scn_missing', frozen(definition(), at(10)))).toBeNull();
    expect(await scenarios.listVersions('scn_missing')).toEqual([]);
    expect(await scenarios.listActiveVersions()).toEqual([]);
  });

  it('numbers concurrent activations of one scenario without gaps or repeats', async () => {
    const { scenarios } = context.store;
    const other = await context.twin();
    await scenarios.create(scenario());
    const results = await Promise.all([
      scenarios.activate('scn_1', frozen(definition(), at(10))),
      other.scenarios.activate('scn_1', frozen(definition(), at(10))),
      scenarios.activate('scn_1', frozen(definition(), at(10))),
    ]);
    expect(results.map((result) => result?.version.version).sort((a = 0, b = 0) => a - b)).toEqual([1, 2, 3]);
    expect((await scenarios.listVersions('scn_1')).map((version) => version.version)).toEqual([3, 2, 1]);
    expect((await scenarios.get('scn_1'))?.activeVersion).toBe(3);
  });

  it('sets the status without creating a version', async () => {
    const { scenarios } = context.store;
    await scenarios.create(scenario());
    const activated = await scenarios.activate('scn_1', frozen(definition(), at(10)));
    const stopped = await scenarios.setStatus('scn_1', { status: 'stopped', now: at(20) });
    expect(stopped).toEqual({ ...activated?.scenario, status: 'stopped', updatedAt: at(20) });
    expect(await scenarios.get('scn_1')).toEqual(stopped);
    expect(await scenarios.listVersions('scn_1')).toHaveLength(1);
    expect(await scenarios.setStatus('scn_missing', { status: 'active', now: at(30) })).toBeNull();
    const again = await scenarios.activate('scn_1', frozen(definition(), at(40)));
    expect(again?.version.version).toBe(2);
  });

  it("lists only active scenarios' active versions", async () => {
    const { scenarios } = context.store;
    for (const id of ['scn_a', 'scn_b', 'scn_c', 'scn_d']) await scenarios.create(scenario({ id }));
    await scenarios.activate('scn_a', frozen(definition('a1'), at(10)));
    const a2 = await scenarios.activate('scn_a', frozen(definition('a2'), at(11)));
    await scenarios.activate('scn_b', frozen(definition('b1'), at(12)));
    await scenarios.setStatus('scn_b', { status: 'stopped', now: at(13) });
    // Marked active by hand but never activated: there is no version to start runs on.
    await scenarios.setStatus('scn_c', { status: 'active', now: at(14) });
    const d1 = await scenarios.activate('scn_d', frozen(definition('d1'), at(15)));
    expect(byId(await scenarios.listActiveVersions())).toEqual([a2?.version, d1?.version]);
  });

  it('deletes a scenario together with its versions', async () => {
    const { scenarios } = context.store;
    await scenarios.create(scenario());
    await scenarios.create(scenario({ id: 'scn_2' }));
    await scenarios.activate('scn_1', frozen(definition(), at(10)));
    await scenarios.activate('scn_1', frozen(definition(), at(11)));
    const kept = await scenarios.activate('scn_2', frozen(definition(), at(12)));
    expect(await scenarios.delete('scn_1')).toBe(true);
    expect(await scenarios.get('scn_1')).toBeNull();
    expect(await scenarios.listVersions('scn_1')).toEqual([]);
    expect(await scenarios.getVersion('scn_1', 1)).toBeNull();
    expect(await scenarios.listActiveVersions()).toEqual([kept?.version]);
    expect(await scenarios.delete('scn_1')).toBe(false);
    // A scenario created again under the same id starts its versions from 1.
    await scenarios.create(scenario());
    expect((await scenarios.activate('scn_1', frozen(definition(), at(20))))?.version.version).toBe(1);
  });
}
