import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SqliteJobRepository } from '../../server/scheduler/sqlite-job-repository.ts';
import { openDatabase } from '../../server/store/sqlite/open-database.ts';
import { jobRepositorySuite } from './job-repository.suite.ts';

let dir = '';
const open: DatabaseSync[] = [];

jobRepositorySuite({
  name: 'SQLite',
  async create() {
    dir = mkdtempSync(join(tmpdir(), 'hookflow-jobs-'));
    const file = join(dir, 'jobs.db');
    const connect = () => {
      const db = openDatabase(file);
      open.push(db);
      return new SqliteJobRepository({ db });
    };
    return {
      repository: connect(),
      twin: async () => {
        const repository = connect();
        await repository.connect();
        return repository;
      },
    };
  },
  async cleanup() {
    for (const db of open.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  },
});
