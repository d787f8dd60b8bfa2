export type { ThroughputPriority } from './throughput-priority.ts';
export * from './throughput-policy-schema.ts';
