import type { DatabaseSync } from 'node:sqlite';
import type { CohortRecord, CohortStore } from '../ports/cohort-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { type CohortRow, toCohort } from './run-rows.ts';

export class SqliteCohortStore implements CohortStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async get(id: string): Promise<CohortRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM cohorts WHERE id = ?').get(id) as CohortRow | undefined;
    return row ? toCohort(row) : null;
  }
}
