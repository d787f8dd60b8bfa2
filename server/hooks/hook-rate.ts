import type { RateLimit } from '../store/ports/rate-bucket-store.ts';

/** Calls per launch hook, all processes sharing the store together (`HOOKFLOW_HOOK_RATE`, `_BURST`). */
export const DEFAULT_HOOK_RATE: RateLimit = { perSecond: 10, burst: 20 };
