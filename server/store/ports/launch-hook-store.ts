/**
 * The secret token of one `trigger.hook` node. Tokens are capabilities (whoever holds the URL
 * may launch), so they live here and never in scenario definitions or exports.
 */
export interface LaunchHookRecord {
  scenarioId: string;
  nodeId: string;
  /** base64url of at least 128 random bits; unique across all hooks. */
  token: string;
  createdAt: string;
}

/**
 * Launch hook tokens, one per (scenario, node). Called by the launch-hook routes (list, rotate)
 * and by `/hooks/:token` (lookup). All methods required.
 */
export interface LaunchHookStore {
  /** The hook a token opens, or null (unknown or rotated away). */
  findByToken(token: string): Promise<LaunchHookRecord | null>;
  /** The scenario's hooks, by node id. */
  listByScenario(scenarioId: string): Promise<LaunchHookRecord[]>;
  /**
   * Inserts the records whose (scenario, node) has no token yet and keeps existing tokens, so
   * two concurrent first listings agree; returns the scenario's hooks afterwards, by node id.
   */
  insertMissing(scenarioId: string, records: LaunchHookRecord[]): Promise<LaunchHookRecord[]>;
  /** Sets (creates or replaces) the token of one node; the old token stops working at once. */
  replace(record: LaunchHookRecord): Promise<void>;
  /**
   * Removes a scenario's tokens; how many there were. The SQLite adapter also removes them with
   * the scenario (foreign key); with MongoDB, whoever deletes a scenario calls this.
   */
  deleteByScenario(scenarioId: string): Promise<number>;
}
