export * from './preset-schema.ts';
