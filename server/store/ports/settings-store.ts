/** Small instance-wide values (e.g. the master-key check). Called at start-up. */
export interface SettingsStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}
