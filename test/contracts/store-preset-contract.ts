import { expect, it } from 'vitest';
import { type PresetDefinition, PresetDefinitionSchema } from '../../engine/presets/index.ts';
import type { PresetRecord } from '../../server/store/ports/preset-store.ts';
import type { StoreContext } from './store-context.ts';
import { at } from './store-fixtures.ts';

const definition = (name: string, body = '{"text":"{{ customer.id }}"}'): PresetDefinition =>
  PresetDefinitionSchema.parse({
    name,
    category: 'Chat',
    webhook: { url: 'https://hooks.example.test/[[ channel ]]', body },
    parameters: { channel: 'Where to post' },
  });

const preset = (overrides: Partial<PresetRecord> = {}): PresetRecord => ({
  id: 'pre_1',
  name: 'Slack message',
  version: 1,
  needsCredentials: false,
  definition: definition('Slack message'),
  createdAt: at(0),
  updatedAt: at(0),
  ...overrides,
});

/** `PresetStore`: user presets and their numbered versions. */
export function storePresetContract(context: StoreContext): void {
  it('creates a preset as its first version and reads it back', async () => {
    const { presets } = context.store;
    await presets.create(preset());
    expect(await presets.get('pre_1')).toEqual(preset());
    expect(await presets.getVersion('pre_1', 1)).toEqual(definition('Slack message'));
    expect(await presets.listVersions('pre_1')).toEqual([
      { version: 1, createdAt: at(0), definition: definition('Slack message') },
    ]);
    expect(await presets.get('pre_missing')).toBeNull();
    expect(await presets.getVersion('pre_1', 2)).toBeNull();
  });

  it('adds version N+1, named after its definition, and keeps the earlier ones', async () => {
    const { presets } = context.store;
    await presets.create(preset());
    const next = definition('Slack alert', '{"text":"alert"}');
    const saved = await presets.addVersion('pre_1', {
      definition: next,
      needsCredentials: true,
      now: at(10),
    });
    expect(saved).toEqual(
      preset({
        name: 'Slack alert',
        version: 2,
        needsCredentials: true,
        definition: next,
        updatedAt: at(10),
      }),
    );
    expect(await presets.get('pre_1')).toEqual(saved);
    expect(await presets.getVersion('pre_1', 1)).toEqual(definition('Slack message'));
    expect((await presets.listVersions('pre_1')).map((found) => [found.version, found.createdAt])).toEqual([
      [2, at(10)],
      [1, at(0)],
    ]);
    const missing = { definition: next, needsCredentials: false, now: at(20) };
    expect(await presets.addVersion('pre_missing', missing)).toBeNull();
    expect(await presets.listVersions('pre_missing')).toEqual([]);
  });

  it('lists presets by name, then id', async () => {
    const { presets } = context.store;
    await presets.create(preset({ id: 'pre_c', name: 'Teams' }));
    await presets.create(preset({ id: 'pre_b', name: 'Slack' }));
    await presets.create(preset({ id: 'pre_a', name: 'Teams' }));
    expect((await presets.list()).map((found) => found.id)).toEqual(['pre_b', 'pre_a', 'pre_c']);
  });

  it('deletes a preset together with its versions', async () => {
    const { presets } = context.store;
    await presets.create(preset());
    await presets.addVersion('pre_1', { definition: definition('v2'), needsCredentials: false, now: at(5) });
    expect(await presets.delete('pre_1')).toBe(true);
    expect(await presets.get('pre_1')).toBeNull();
    expect(await presets.getVersion('pre_1', 1)).toBeNull();
    expect(await presets.listVersions('pre_1')).toEqual([]);
    expect(await presets.delete('pre_1')).toBe(false);
  });
}
