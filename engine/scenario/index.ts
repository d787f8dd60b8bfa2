export * from './node-schemas.ts';
export * from './webhook-config-schema.ts';
export { CHANNELS, type Channel } from './channels.ts';
export * from './scenario-schema.ts';
export { OUTPUT_HANDLES, isTriggerType } from './handles.ts';
export {
  validateScenario,
  zodIssues,
  type ScenarioChecks,
  type TemplateChecker,
  type ValidationResult,
} from './validate-scenario.ts';
export type { HostPolicy } from './static-url.ts';
export { type FieldIssue, webhookIssues } from './node-issues.ts';
export { templatedFields } from './templated-fields.ts';
export { canonical, sameDefinition } from './same-definition.ts';
export { type ValidationIssue, describeIssue } from './validation-issue.ts';
export { compileMachine, type ScenarioMachine, COMPLETED_STATE, FAILED_STATE } from './compile-machine.ts';
export { cronProblem } from './schedule-schema.ts';
export { nextCronRuns } from './cron-runs.ts';
