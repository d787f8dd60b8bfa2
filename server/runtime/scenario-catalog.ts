import { compileMachine, type ScenarioMachine, type ScenarioVersion } from '../../engine/scenario/index.ts';
import type { TriggerEventNode } from '../../engine/scenario/node-schemas.ts';
import type { ScenarioStore } from '../store/ports/scenario-store.ts';

/** A scenario version ready to run: its frozen definition and compiled machine. */
export interface CompiledVersion {
  version: ScenarioVersion;
  machine: ScenarioMachine;
}

export interface EventTrigger {
  compiled: CompiledVersion;
  node: TriggerEventNode;
}

/**
 * Compiled scenario versions, kept in memory: the active ones indexed by trigger event type
 * (the ingestion hot path), older ones loaded on demand for runs pinned to them.
 */
export class ScenarioCatalog {
  private readonly store: ScenarioStore;
  private readonly compiled = new Map<string, CompiledVersion>();
  private byEventType = new Map<string, EventTrigger[]>();

  constructor(store: ScenarioStore) {
    this.store = store;
  }

  /** Re-reads the active versions; call after any activation or deactivation. */
  async refresh(): Promise<void> {
    const index = new Map<string, EventTrigger[]>();
    for (const version of await this.store.listActiveVersions()) {
      const compiled = this.remember(version);
      for (const node of version.definition.nodes) {
        if (node.type !== 'trigger.event') continue;
        const list = index.get(node.config.eventType) ?? [];
        list.push({ compiled, node });
        index.set(node.config.eventType, list);
      }
    }
    this.byEventType = index;
  }

  triggersFor(eventType: string): readonly EventTrigger[] {
    return this.byEventType.get(eventType) ?? [];
  }

  /** The compiled version a run is pinned to; null if it no longer exists. */
  async get(scenarioId: string, version: number): Promise<CompiledVersion | null> {
    const known = this.compiled.get(`${scenarioId}@${version}`);
    if (known) return known;
    const stored = await this.store.getVersion(scenarioId, version);
    return stored ? this.remember(stored) : null;
  }

  /** Forgets a deleted scenario's versions. */
  forget(scenarioId: string): void {
    for (const key of this.compiled.keys()) if (key.startsWith(`${scenarioId}@`)) this.compiled.delete(key);
  }

  private remember(version: ScenarioVersion): CompiledVersion {
    const key = `${version.scenarioId}@${version.version}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = { version, machine: compileMachine(version.definition, key) };
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}
