export * from './run-types.ts';
export {
  startRun,
  resumeRun,
  retryAtNode,
  type StepOutcome,
  type PersistedRunSnapshot,
} from './advance-run.ts';
export { conditionContext } from './condition-context.ts';
export * from './event-input-schema.ts';
