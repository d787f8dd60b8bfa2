export * from './filter-schema.ts';
export { evaluateFilter, evaluateRule, readPath, toOrderable } from './evaluate-filter.ts';
export * from './audience-filter.ts';
