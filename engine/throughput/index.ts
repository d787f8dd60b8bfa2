export { ConcurrencyLimiter, type ThroughputPriority } from './concurrency-limiter.ts';
export * from './throughput-policy-schema.ts';
