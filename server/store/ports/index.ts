export type * from './customer-store.ts';
export type * from './delivery-store.ts';
export type * from './event-store.ts';
export type * from './run-store.ts';
export type * from './scenario-store.ts';
export type * from './store.ts';
export type * from './integration-store.ts';
export type * from './settings-store.ts';
