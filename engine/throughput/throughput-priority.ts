/** Who goes first when a policy is full: requests of runs started by events before bulk sends. */
export type ThroughputPriority = 'event' | 'bulk';
