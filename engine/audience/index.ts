export * from './filter-schema.ts';
export { evaluateFilter, evaluateRule, readPath } from './evaluate-filter.ts';
