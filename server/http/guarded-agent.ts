import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { EgressPolicy } from '../../engine/webhook/index.ts';

/** Raised before any byte leaves the process when the destination is not allowed. */
export class EgressRefusedError extends Error {
  override readonly name = 'EgressRefusedError';
}

/**
 * An undici Agent whose connections resolve the host once, check the very address they then
 * connect to, and keep connections alive between webhooks. IP-literal hosts skip DNS in
 * Node's net, so the sender checks those before dispatching (see `checkLiteralHost`).
 */
export function createGuardedAgent(policy: EgressPolicy, options: { connections?: number } = {}): Agent {
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as { address: string; family: number }[];
      const refused = list.map((entry) => policy.refusal(entry.address, hostname)).find(Boolean);
      if (refused) return callback(new EgressRefusedError(`${hostname}: ${refused}`), '', 0);
      if (lookupOptions.all) return callback(null, list as never);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
  return new Agent({
    connections: options.connections ?? 256,
    keepAliveTimeout: 10_000,
    connect: { lookup: guardedLookup },
  });
}

/** Refuses URLs whose host is an IP literal the policy does not allow (as validation does). */
export function checkLiteralHost(url: URL, policy: EgressPolicy): void {
  const refused = policy.hostRefusal(url.hostname);
  if (refused) throw new EgressRefusedError(refused);
}
