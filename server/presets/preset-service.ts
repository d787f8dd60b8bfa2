import { z } from 'zod';
import {
  type LibraryPreset,
  type PresetDefinition,
  PresetDefinitionSchema,
} from '../../engine/presets/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { IntegrationStore } from '../store/ports/integration-store.ts';
import type { PresetRecord, PresetStore } from '../store/ports/preset-store.ts';

/** Library presets are addressed as `lib:<slug>` and have one version. */
export const LIBRARY_PREFIX = 'lib:';

export const PresetExportSchema = z.object({
  format: z.literal('hookflow-presets'),
  version: z.literal(1),
  presets: z
    .array(z.object({ definition: PresetDefinitionSchema, needsCredentials: z.boolean().default(false) }))
    .max(1000),
});
export type PresetExport = z.infer<typeof PresetExportSchema>;

/**
 * Webhook presets: the user's own (versioned) and the read-only template library. Exports drop
 * integration ids (and so every credential); imports are marked as needing credentials.
 */
export class PresetService {
  private readonly store: PresetStore;
  private readonly integrations: IntegrationStore;
  private readonly library: Map<string, LibraryPreset>;
  private readonly clock: Clock;

  constructor(options: {
    store: PresetStore;
    integrations: IntegrationStore;
    library: LibraryPreset[];
    clock: Clock;
  }) {
    this.store = options.store;
    this.integrations = options.integrations;
    this.library = new Map(options.library.map((preset) => [`${LIBRARY_PREFIX}${preset.slug}`, preset]));
    this.clock = options.clock;
  }

  libraryPresets(): (LibraryPreset & { id: string; version: number })[] {
    return [...this.library].map(([id, preset]) => ({ ...preset, id, version: 1 }));
  }

  list(): Promise<PresetRecord[]> {
    return this.store.list();
  }

  async get(id: string): Promise<PresetRecord> {
    const library = this.library.get(id);
    if (library) return this.fromLibrary(id, library);
    const found = await this.store.get(id);
    if (!found) throw notFound('preset', id);
    return found;
  }

  /** The definition a scenario node pinned; null when that preset or version is gone. */
  async definitionAt(id: string, version: number): Promise<PresetDefinition | null> {
    const library = this.library.get(id);
    if (library) return version === 1 ? library : null;
    return this.store.getVersion(id, version);
  }

  async create(definition: PresetDefinition, needsCredentials = false): Promise<PresetRecord> {
    await this.checkIntegration(definition);
    const now = new Date(this.clock.now()).toISOString();
    const record: PresetRecord = {
      id: newId('pre', this.clock.now()),
      name: definition.name,
      version: 1,
      needsCredentials,
      definition,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.create(record);
    return record;
  }

  /** Saves a new version; nodes made from older versions keep theirs until updated. */
  async update(id: string, definition: PresetDefinition): Promise<PresetRecord> {
    if (this.library.has(id))
      throw new HookflowError('conflict', 'library presets are read-only: create your own copy');
    await this.checkIntegration(definition);
    const current = await this.get(id);
    const needsCredentials = current.needsCredentials && !definition.integrationId;
    const now = new Date(this.clock.now()).toISOString();
    const saved = await this.store.addVersion(id, { definition, needsCredentials, now });
    if (!saved) throw notFound('preset', id);
    return saved;
  }

  async delete(id: string): Promise<void> {
    if (this.library.has(id)) throw new HookflowError('conflict', 'library presets cannot be deleted');
    if (!(await this.store.delete(id))) throw notFound('preset', id);
  }

  async export(ids: string[] | null): Promise<PresetExport> {
    const records = ids ? await Promise.all(ids.map((id) => this.get(id))) : await this.store.list();
    return {
      format: 'hookflow-presets',
      version: 1,
      presets: records.map((record) => {
        const { integrationId, ...definition } = record.definition;
        return { definition, needsCredentials: record.needsCredentials || Boolean(integrationId) };
      }),
    };
  }

  /** Creates each preset anew; one that had an integration elsewhere needs credentials here. */
  async import(document: PresetExport): Promise<PresetRecord[]> {
    const imported: PresetRecord[] = [];
    for (const { definition, needsCredentials } of document.presets) {
      const { integrationId, ...clean } = definition;
      imported.push(await this.create(clean, needsCredentials || Boolean(integrationId)));
    }
    return imported;
  }

  private async checkIntegration(definition: PresetDefinition): Promise<void> {
    if (definition.integrationId && !(await this.integrations.get(definition.integrationId))) {
      throw new HookflowError(
        'bad_request',
        `integrationId: integration "${definition.integrationId}" does not exist`,
        [{ field: 'integrationId', message: `integration "${definition.integrationId}" does not exist` }],
      );
    }
  }

  private fromLibrary(id: string, preset: LibraryPreset): PresetRecord {
    return {
      id,
      name: preset.name,
      version: 1,
      needsCredentials: false,
      definition: preset,
      createdAt: '',
      updatedAt: '',
    };
  }
}
