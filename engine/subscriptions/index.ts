export * from './event-catalog.ts';
export * from './event-payload.ts';
export * from './match-subscription.ts';
export * from './subscription-schema.ts';
