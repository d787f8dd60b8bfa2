import type { PresetDefinition } from '../../../engine/presets/index.ts';
import { api } from './api-client.ts';

/** A user preset as the server lists it (`GET /api/presets`). */
export interface PresetRecord {
  id: string;
  name: string;
  version: number;
  needsCredentials: boolean;
  definition: PresetDefinition;
}

/** A read-only preset of the template library; its id is `lib:<slug>` and its version always 1. */
export type LibraryPresetRecord = PresetDefinition & {
  id: string;
  version: number;
  slug: string;
};

export interface PresetVersionRecord {
  version: number;
  createdAt: string;
  definition: PresetDefinition;
}

const base = (id: string) => `/api/presets/${encodeURIComponent(id)}`;

/** Typed calls to the preset endpoints. */
export const presetsApi = {
  list: () => api<{ items: PresetRecord[]; library: LibraryPresetRecord[] }>('GET', '/api/presets'),
  versions: (id: string) => api<{ items: PresetVersionRecord[] }>('GET', `${base(id)}/versions`),
};
