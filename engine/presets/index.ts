export * from './preset-schema.ts';
export { type ImportChoice, ImportChoiceSchema, type ImportOutcome } from './preset-import.ts';
