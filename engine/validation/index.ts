export * from './json-bounds.ts';
export * from './bounded-json.ts';
export * from './zod-issues.ts';
