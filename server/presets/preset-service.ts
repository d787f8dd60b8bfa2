import type { ImportOutcome, LibraryPreset, PresetDefinition } from '../../engine/presets/index.ts';
import {
  canonical,
  type ScenarioChecks,
  type ValidationIssue,
  webhookIssues,
} from '../../engine/scenario/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { IntegrationStore } from '../store/ports/integration-store.ts';
import type { PresetRecord, PresetStore } from '../store/ports/preset-store.ts';
import { type ImportStep, type PresetExport, type PresetImport, planImport } from './preset-exchange.ts';

/** Library presets are addressed as `lib:<slug>` and have one version. */
export const LIBRARY_PREFIX = 'lib:';

/**
 * Webhook presets: the user's own (versioned) and the read-only template library. Exports drop
 * integration ids (and so every credential); imports are marked as needing credentials.
 */
export class PresetService {
  private readonly store: PresetStore;
  private readonly integrations: IntegrationStore;
  private readonly library: Map<string, LibraryPreset>;
  private readonly clock: Clock;
  private readonly checks: ScenarioChecks;

  constructor(options: {
    /** The checks scenario activation makes: a preset's request is judged like a node's. */
    checks: ScenarioChecks;
    store: PresetStore;
    integrations: IntegrationStore;
    library: LibraryPreset[];
    clock: Clock;
  }) {
    this.store = options.store;
    this.integrations = options.integrations;
    this.library = new Map(options.library.map((preset) => [`${LIBRARY_PREFIX}${preset.slug}`, preset]));
    this.clock = options.clock;
    this.checks = options.checks;
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
    this.checkRequest(definition);
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
    this.checkRequest(definition);
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

  /**
   * Imports a file: every preset is checked first (nothing is written when one cannot be sent),
   * then each is created, or, when a preset here has its name, handled as its resolution says
   * (409 with the clashes when one is left to `ask`). Integration ids never come in.
   */
  async import(document: PresetImport): Promise<{ items: PresetRecord[]; outcomes: ImportOutcome[] }> {
    const issues = document.presets.flatMap(({ definition }, index) =>
      this.requestIssues(definition).map((issue) => ({
        ...issue,
        field: `presets.${index}.definition.${issue.field}`,
      })),
    );
    if (issues.length > 0) throw importRefused('validation_failed', issues);
    const { steps, undecided } = planImport(document, await this.store.list());
    if (undecided.length > 0) throw importRefused('conflict', undecided);
    const items: PresetRecord[] = [];
    const outcomes: ImportOutcome[] = [];
    for (const step of steps) {
      const { record, outcome } = await this.importStep(step);
      if (outcome !== 'skipped' && outcome !== 'unchanged') items.push(record);
      outcomes.push({
        index: step.index,
        name: record.name,
        outcome,
        id: record.id,
        version: record.version,
      });
    }
    return { items, outcomes };
  }

  private async importStep(
    step: ImportStep,
  ): Promise<{ record: PresetRecord; outcome: ImportOutcome['outcome'] }> {
    if (step.action === 'skip') return { record: step.existing, outcome: 'skipped' };
    if (step.action === 'create')
      return { record: await this.create(step.definition, step.needsCredentials), outcome: 'created' };
    const { existing } = step;
    // The credentials chosen here stay: an export never carries them.
    const integrationId = existing.definition.integrationId;
    const definition = { ...step.definition, ...(integrationId ? { integrationId } : {}) };
    if (canonical(definition) === canonical(existing.definition))
      return { record: existing, outcome: 'unchanged' };
    const needsCredentials = (step.needsCredentials || existing.needsCredentials) && !integrationId;
    const now = new Date(this.clock.now()).toISOString();
    const saved = await this.store.addVersion(existing.id, { definition, needsCredentials, now });
    if (!saved) throw notFound('preset', existing.id);
    return { record: saved, outcome: 'new-version' };
  }

  /**
   * Templates, `[[ ]]` declarations, a written-out URL and a JSON or XML body, judged as a node's
   * are at activation (its parameters get their values on the nodes): a preset that no node could
   * ever send is refused with the field at fault (`webhook.body`).
   */
  private checkRequest(definition: PresetDefinition): void {
    const issues = this.requestIssues(definition);
    const first = issues[0];
    if (!first) return;
    throw new HookflowError(
      'validation_failed',
      `preset "${definition.name}" cannot be saved: ${first.field}: ${first.message}`,
      issues,
    );
  }

  private requestIssues(definition: PresetDefinition): (ValidationIssue & { field: string })[] {
    return webhookIssues({ ...definition.webhook }, this.checks, { valuesRequired: false }).map((issue) => ({
      message: issue.message,
      field: (issue.field ?? 'config').replace(/^config\b/, 'webhook'),
    }));
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

function importRefused(code: 'validation_failed' | 'conflict', issues: ValidationIssue[]): HookflowError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new HookflowError(code, `nothing was imported: ${first.field}: ${first.message}${more}`, issues);
}
