import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PresetDefinition } from '../../../engine/presets/index.ts';
import { errorMessage } from '../api/api-client.ts';
import { presetsApi } from '../api/presets-api.ts';

/** One entry of the presets panel: a user preset (latest version) or a library one. */
export interface CatalogPreset {
  id: string;
  name: string;
  /** The latest version; library presets are always 1. */
  version: number;
  library: boolean;
  definition: PresetDefinition;
}

interface CatalogState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  presets: Record<string, CatalogPreset>;
  /** Definitions of older versions, by `id@version`, fetched when a node pins one. */
  versions: Record<string, PresetDefinition>;
  load: (force?: boolean) => Promise<void>;
  /** The definition a node pinned: the latest from the list, else from the versions endpoint. */
  definitionAt: (id: string, version: number) => Promise<PresetDefinition | null>;
}

const versionKey = (id: string, version: number) => `${id}@${version}`;

/** Shared by every open editor: presets change rarely, and the panel and the nodes read the same list. */
export const presetCatalog = createStore<CatalogState>()((set, get) => ({
  status: 'idle',
  error: null,
  presets: {},
  versions: {},
  load: async (force = false) => {
    if (!force && (get().status === 'loading' || get().status === 'ready')) return;
    set({ status: 'loading', error: null });
    try {
      const { items, library } = await presetsApi.list();
      const presets: Record<string, CatalogPreset> = {};
      for (const item of items)
        presets[item.id] = {
          id: item.id,
          name: item.name,
          version: item.version,
          library: false,
          definition: item.definition,
        };
      for (const { id, version, slug: _slug, ...definition } of library)
        presets[id] = { id, name: definition.name, version, library: true, definition };
      set({ status: 'ready', presets });
    } catch (failure) {
      set({ status: 'error', error: errorMessage(failure) });
    }
  },
  definitionAt: async (id, version) => {
    await get().load();
    const latest = get().presets[id];
    if (latest && latest.version === version) return latest.definition;
    const cached = get().versions[versionKey(id, version)];
    if (cached) return cached;
    if (!latest || latest.library) return null;
    const { items } = await presetsApi.versions(id);
    const versions = { ...get().versions };
    for (const item of items) versions[versionKey(id, item.version)] = item.definition;
    set({ versions });
    return versions[versionKey(id, version)] ?? null;
  },
}));

export function usePresetCatalog<T>(selector: (state: CatalogState) => T): T {
  return useStore(presetCatalog, selector);
}
