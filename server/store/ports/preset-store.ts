import type { PresetDefinition } from '../../../engine/presets/index.ts';

/** A user preset at its current version. */
export interface PresetRecord {
  id: string;
  name: string;
  version: number;
  /** Imported from another instance: its integration must be chosen again here. */
  needsCredentials: boolean;
  definition: PresetDefinition;
  createdAt: string;
  updatedAt: string;
}

/** Webhook presets and their versions. Called by the presets routes and by scenario activation. */
export interface PresetStore {
  /** Inserts a preset as version 1. */
  create(record: PresetRecord): Promise<void>;
  /** Saves a new version (current + 1); null when the preset does not exist. */
  addVersion(
    id: string,
    change: { definition: PresetDefinition; needsCredentials: boolean; now: string },
  ): Promise<PresetRecord | null>;
  get(id: string): Promise<PresetRecord | null>;
  getVersion(id: string, version: number): Promise<PresetDefinition | null>;
  /** By name. */
  list(): Promise<PresetRecord[]>;
  /** Newest first. */
  listVersions(id: string): Promise<{ version: number; createdAt: string; definition: PresetDefinition }[]>;
  delete(id: string): Promise<boolean>;
}
