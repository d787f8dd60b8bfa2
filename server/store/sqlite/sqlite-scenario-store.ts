import type { DatabaseSync } from 'node:sqlite';
import type {
  Scenario,
  ScenarioDefinition,
  ScenarioStatus,
  ScenarioVersion,
} from '../../../engine/scenario/index.ts';
import type { ScenarioPatch, ScenarioStore } from '../ports/scenario-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { scenarioNotice, statusNotice } from '../scenario-notices.ts';
import { insertNotices } from './sqlite-notice-store.ts';
import { inTransaction } from './transaction.ts';

type Row = {
  id: string;
  name: string;
  description: string;
  status: string;
  definition: string;
  active_version: number | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
};
type VersionRow = {
  scenario_id: string;
  version: number;
  name: string;
  definition: string;
  created_at: string;
  author: string | null;
};

const toScenario = (row: Row): Scenario => ({
  id: row.id,
  name: row.name,
  description: row.description,
  status: row.status as ScenarioStatus,
  definition: JSON.parse(row.definition),
  activeVersion: row.active_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

const toVersion = (row: VersionRow): ScenarioVersion => ({
  scenarioId: row.scenario_id,
  version: row.version,
  name: row.name,
  definition: JSON.parse(row.definition),
  createdAt: row.created_at,
  author: row.author,
});

export class SqliteScenarioStore implements ScenarioStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(scenario: Scenario): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO scenarios
         (id, name, description, status, definition, active_version, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      scenario.id,
      scenario.name,
      scenario.description,
      scenario.status,
      JSON.stringify(scenario.definition),
      scenario.activeVersion,
      scenario.createdAt,
      scenario.updatedAt,
      scenario.updatedBy,
    );
  }

  async get(id: string): Promise<Scenario | null> {
    const row = prepareCached(this.db, 'SELECT * FROM scenarios WHERE id = ?').get(id) as Row | undefined;
    return row ? toScenario(row) : null;
  }

  async list(options: { limit: number; offset: number }): Promise<Scenario[]> {
    const rows = prepareCached(
      this.db,
      'SELECT * FROM scenarios ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
    ).all(options.limit, options.offset) as Row[];
    return rows.map(toScenario);
  }

  async update(id: string, patch: ScenarioPatch, now: string): Promise<Scenario | null> {
    const result = prepareCached(
      this.db,
      `UPDATE scenarios SET name = coalesce(?, name), description = coalesce(?, description),
         definition = coalesce(?, definition), updated_by = coalesce(?, updated_by), updated_at = ?
         WHERE id = ? RETURNING *`,
    ).get(
      patch.name ?? null,
      patch.description ?? null,
      patch.definition ? JSON.stringify(patch.definition) : null,
      patch.updatedBy ?? null,
      now,
      id,
    ) as Row | undefined;
    return result ? toScenario(result) : null;
  }

  async delete(id: string): Promise<boolean> {
    return Number(prepareCached(this.db, 'DELETE FROM scenarios WHERE id = ?').run(id).changes) > 0;
  }

  async activate(
    id: string,
    frozen: { definition: ScenarioDefinition; author: string | null; now: string; notify?: boolean },
  ): Promise<{ scenario: Scenario; version: ScenarioVersion } | null> {
    const { definition, author, now } = frozen;
    return inTransaction(this.db, () => {
      const row = prepareCached(this.db, 'SELECT * FROM scenarios WHERE id = ?').get(id) as Row | undefined;
      if (!row) return null;
      const last = prepareCached(
        this.db,
        'SELECT max(version) AS v FROM scenario_versions WHERE scenario_id = ?',
      ).get(id) as { v: number | null };
      const version = (last.v ?? 0) + 1;
      prepareCached(
        this.db,
        `INSERT INTO scenario_versions (scenario_id, version, name, definition, created_at, author)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(id, version, row.name, JSON.stringify(definition), now, author);
      const updated = prepareCached(
        this.db,
        `UPDATE scenarios SET status = 'active', active_version = ?, updated_at = ? WHERE id = ? RETURNING *`,
      ).get(version, now, id) as Row;
      const saved: VersionRow = {
        scenario_id: id,
        version,
        name: row.name,
        definition: JSON.stringify(definition),
        created_at: now,
        author,
      };
      if (frozen.notify)
        insertNotices(this.db, [scenarioNotice('scenario.activated', { id, name: row.name, version }, now)]);
      return { scenario: toScenario(updated), version: toVersion(saved) };
    });
  }

  async setStatus(
    id: string,
    change: { status: ScenarioStatus; now: string; notify?: boolean },
  ): Promise<Scenario | null> {
    const { status, now } = change;
    return inTransaction(this.db, () => {
      const before = prepareCached(this.db, 'SELECT status FROM scenarios WHERE id = ?').get(id) as
        { status: ScenarioStatus } | undefined;
      const row = prepareCached(
        this.db,
        'UPDATE scenarios SET status = ?, updated_at = ? WHERE id = ? RETURNING *',
      ).get(status, now, id) as Row | undefined;
      if (!row) return null;
      const scenario = toScenario(row);
      const notice = change.notify ? statusNotice(before?.status, scenario, now) : null;
      if (notice) insertNotices(this.db, [notice]);
      return scenario;
    });
  }

  async getVersion(id: string, version: number): Promise<ScenarioVersion | null> {
    const row = prepareCached(
      this.db,
      'SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?',
    ).get(id, version) as VersionRow | undefined;
    return row ? toVersion(row) : null;
  }

  async listVersions(id: string): Promise<ScenarioVersion[]> {
    const rows = prepareCached(
      this.db,
      'SELECT * FROM scenario_versions WHERE scenario_id = ? ORDER BY version DESC',
    ).all(id) as VersionRow[];
    return rows.map(toVersion);
  }

  async listActiveVersions(): Promise<ScenarioVersion[]> {
    const rows = prepareCached(
      this.db,
      `SELECT v.* FROM scenarios s JOIN scenario_versions v
         ON v.scenario_id = s.id AND v.version = s.active_version WHERE s.status = 'active'`,
    ).all() as VersionRow[];
    return rows.map(toVersion);
  }
}
