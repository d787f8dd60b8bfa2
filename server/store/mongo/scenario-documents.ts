import type { Scenario, ScenarioStatus, ScenarioVersion } from '../../../engine/scenario/index.ts';
import { plainJson } from './plain-json.ts';

export interface ScenarioDocument {
  _id: string;
  name: string;
  description: string;
  status: ScenarioStatus;
  definition: Scenario['definition'];
  activeVersion: number | null;
  createdAt: string;
  updatedAt: string;
  /** Absent in documents written before authors were kept. */
  updatedBy?: string | null;
}

/** One frozen version; `(scenarioId, version)` is unique. */
export interface VersionDocument {
  scenarioId: string;
  version: number;
  name: string;
  definition: ScenarioVersion['definition'];
  createdAt: string;
  /** Absent in documents written before authors were kept. */
  author?: string | null;
}

export const scenarioDocument = (scenario: Scenario): ScenarioDocument => ({
  _id: scenario.id,
  name: scenario.name,
  description: scenario.description,
  status: scenario.status,
  definition: plainJson(scenario.definition),
  activeVersion: scenario.activeVersion,
  createdAt: scenario.createdAt,
  updatedAt: scenario.updatedAt,
  updatedBy: scenario.updatedBy,
});

export const toScenario = (doc: ScenarioDocument): Scenario => ({
  id: doc._id,
  name: doc.name,
  description: doc.description,
  status: doc.status,
  definition: doc.definition,
  activeVersion: doc.activeVersion,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  updatedBy: doc.updatedBy ?? null,
});

export const toVersion = (doc: VersionDocument): ScenarioVersion => ({
  scenarioId: doc.scenarioId,
  version: doc.version,
  name: doc.name,
  definition: doc.definition,
  createdAt: doc.createdAt,
  author: doc.author ?? null,
});
