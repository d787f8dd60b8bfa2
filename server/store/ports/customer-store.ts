/** A person the scenarios run for; attributes are free-form JSON. */
export interface CustomerRecord {
  id: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Customers. Called by the customers routes and by event ingestion (reads before a commit). */
export interface CustomerStore {
  get(id: string): Promise<CustomerRecord | null>;
  /** Fetches several at once; missing ids are simply absent from the map. */
  getMany(ids: readonly string[]): Promise<Map<string, CustomerRecord>>;
  /** Replaces all attributes (creates when missing). */
  put(id: string, attributes: Record<string, unknown>, now: string): Promise<CustomerRecord>;
  /** False when the customer did not exist. */
  delete(id: string): Promise<boolean>;
  /** Ordered by id; `after` is the last id of the previous page. */
  list(options: { limit: number; after?: string }): Promise<CustomerRecord[]>;
}
