import type {
  DraftDefinition,
  ScenarioDefinition,
  Scenario,
  ScenarioStatus,
  ScenarioVersion,
} from '../../../engine/scenario/index.ts';

/** A scenario's editable fields; absent fields stay as they are. */
export interface ScenarioPatch {
  name?: string;
  description?: string;
  definition?: DraftDefinition;
  /** Who saves the patch (an API key's name); kept as `Scenario.updatedBy`, unchanged when absent. */
  updatedBy?: string;
}

/**
 * Scenarios and their frozen versions. Called by the scenarios routes and, for active versions,
 * by the scenario catalog that starts runs. All methods required.
 */
export interface ScenarioStore {
  /** Inserts a new draft scenario. */
  create(scenario: Scenario): Promise<void>;
  get(id: string): Promise<Scenario | null>;
  /** Newest first, without definitions' history. */
  list(options: { limit: number; offset: number }): Promise<Scenario[]>;
  /** Applies a patch to the draft; null when the scenario does not exist. */
  update(id: string, patch: ScenarioPatch, now: string): Promise<Scenario | null>;
  /** Deletes the scenario and its versions; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /**
   * Freezes `definition` (the draft as validated, defaults applied) into version N+1, by
   * `author`, and makes it the active version, atomically. Null when the scenario does not exist.
   * `notify`: a scenario.activated event (for subscriptions) is saved in the same transaction.
   */
  activate(
    id: string,
    frozen: { definition: ScenarioDefinition; author: string | null; now: string; notify?: boolean },
  ): Promise<{ scenario: Scenario; version: ScenarioVersion } | null>;
  /**
   * Sets draft/active/stopped without creating a version. `notify`: an active scenario that
   * stops, or a stopped one made active again, also saves scenario.deactivated or
   * scenario.activated (for subscriptions) in the same transaction.
   */
  setStatus(
    id: string,
    change: { status: ScenarioStatus; now: string; notify?: boolean },
  ): Promise<Scenario | null>;
  getVersion(id: string, version: number): Promise<ScenarioVersion | null>;
  /** Newest first. */
  listVersions(id: string): Promise<ScenarioVersion[]>;
  /** Every active scenario's active version (what new runs start on). */
  listActiveVersions(): Promise<ScenarioVersion[]>;
}
