import type { ClientSession, Collection } from 'mongodb';
import type { CohortRecord, CohortStore } from '../ports/cohort-store.ts';
import type { CohortCommit } from '../ports/store.ts';
import { plainJson } from './plain-json.ts';

export type CohortDocument = Omit<CohortRecord, 'id'> & { _id: string; memberCount: number };

export const cohortDocument = (cohort: CohortRecord): CohortDocument => {
  const { id, ...rest } = cohort;
  return { _id: id, ...rest, steps: plainJson(rest.steps), memberCount: cohort.customerIds.length };
};

export const toCohort = ({ _id, memberCount: _count, ...rest }: CohortDocument): CohortRecord => ({
  id: _id,
  ...rest,
});

export class MongoCohortStore implements CohortStore {
  private readonly cohorts: Collection<CohortDocument>;

  constructor(cohorts: Collection<CohortDocument>) {
    this.cohorts = cohorts;
  }

  async get(id: string): Promise<CohortRecord | null> {
    const doc = await this.cohorts.findOne({ _id: id });
    return doc ? toCohort(doc) : null;
  }
}

/**
 * Writes the cohorts of a commit under optimistic concurrency, in the commit's transaction;
 * returns those that applied and the ids of those another change saved first.
 */
export async function writeCohorts(
  cohorts: Collection<CohortDocument>,
  changes: readonly CohortCommit[],
  session: ClientSession,
): Promise<{ applied: CohortCommit[]; conflicts: string[] }> {
  const applied: CohortCommit[] = [];
  const conflicts: string[] = [];
  for (const change of changes) {
    const { cohort, expectedRev } = change;
    let fits: boolean;
    if (expectedRev === null) {
      const result = await cohorts.updateOne(
        { _id: cohort.id },
        { $setOnInsert: cohortDocument(cohort) },
        { upsert: true, session },
      );
      fits = result.upsertedCount === 1;
    } else {
      const { status, nodeId, rev, updatedAt } = cohort;
      const result = await cohorts.updateOne(
        { _id: cohort.id, rev: expectedRev },
        { $set: { status, nodeId, rev, updatedAt, steps: plainJson(cohort.steps) } },
        { session },
      );
      fits = result.matchedCount === 1;
    }
    if (fits) applied.push(change);
    else conflicts.push(cohort.id);
  }
  return { applied, conflicts };
}
