import type { ImportChoice, ImportOutcome, PresetDefinition } from '../../../engine/presets/index.ts';
import { api } from './api-client.ts';

/** A user preset as the server lists it (`GET /api/presets`). */
export interface PresetRecord {
  id: string;
  name: string;
  version: number;
  needsCredentials: boolean;
  definition: PresetDefinition;
  createdAt: string;
  updatedAt: string;
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

/**
 * The file `GET /api/presets/export` answers and `POST /api/presets/import` takes: integration
 * ids and secrets are left out, so imported presets are marked as needing credentials.
 */
export interface PresetExportDocument {
  format: 'hookflow-presets';
  version: 1;
  presets: { definition: PresetDefinition; needsCredentials: boolean }[];
}

const base = (id: string) => `/api/presets/${encodeURIComponent(id)}`;

/** Typed calls to the preset endpoints. */
export const presetsApi = {
  list: () => api<{ items: PresetRecord[]; library: LibraryPresetRecord[] }>('GET', '/api/presets'),
  versions: (id: string) => api<{ items: PresetVersionRecord[] }>('GET', `${base(id)}/versions`),
  create: (definition: PresetDefinition) => api<PresetRecord>('POST', '/api/presets', { body: definition }),
  /** Saves the definition as the next version; nodes keep the version they were made from. */
  update: (id: string, definition: PresetDefinition) =>
    api<PresetRecord>('PUT', base(id), { body: definition }),
  remove: (id: string) => api<null>('DELETE', base(id)),
  /** All presets, or only `ids`. */
  export: (ids?: string[]) =>
    api<PresetExportDocument>(
      'GET',
      `/api/presets/export${ids ? `?ids=${ids.map(encodeURIComponent).join(',')}` : ''}`,
    ),
  /**
   * Sends an export file as read: the server validates it and says what is wrong; a preset named
   * like one here needs its choice in `resolutions` (by position), else the answer is 409.
   */
  import: (document: unknown, resolutions: Record<string, ImportChoice> = {}) =>
    api<{ items: PresetRecord[]; outcomes: ImportOutcome[] }>('POST', '/api/presets/import', {
      body: { ...(document as object), resolutions },
    }),
};
