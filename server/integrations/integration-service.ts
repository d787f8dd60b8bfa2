import { randomBytes } from 'node:crypto';
import { type IntegrationInput, prefixOrigin } from '../../engine/integrations/index.ts';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { IntegrationRecord, IntegrationStore } from '../store/ports/integration-store.ts';
import { joinSecrets, maskSecrets, publicSettings, resolveSecrets } from './integration-codec.ts';

/** An integration as the API shows it: secrets replaced by the placeholder. */
export type PublicIntegration = Omit<IntegrationRecord, 'sealedSecrets'>;

/** A resolved integration for sending, with its id. */
export type ResolvedIntegration = IntegrationInput & { id: string };

/**
 * Authentication integrations: secrets are sealed before they reach the store, reads mask them,
 * and only the sending path gets them back in clear (cached until the integration changes).
 */
export class IntegrationService {
  private readonly store: IntegrationStore;
  private readonly box: SecretBox;
  private readonly clock: Clock;
  private readonly resolved = new Map<string, ResolvedIntegration | null>();

  constructor(options: { store: IntegrationStore; box: SecretBox; clock: Clock }) {
    this.store = options.store;
    this.box = options.box;
    this.clock = options.clock;
  }

  /** Creates one; a signed-payload integration without a secret gets a generated one, shown this once. */
  async create(input: IntegrationInput): Promise<PublicIntegration & { secret?: string }> {
    const generated = input.type === 'signed' && !input.secret ? generateSigningSecret() : undefined;
    const complete = generated ? { ...input, secret: generated } : input;
    const now = new Date(this.clock.now()).toISOString();
    const { secrets, issues } = resolveSecrets({ input: complete, stored: {}, movedFrom: null });
    if (issues.length > 0) throw secretsRefused(issues);
    const record = this.seal(newId('int', this.clock.now()), complete, {
      secrets,
      createdAt: now,
      updatedAt: now,
    });
    await this.store.put(record);
    return { ...present(record), ...(generated ? { secret: generated } : {}) };
  }

  /** Replaces one; the placeholder keeps a stored secret only as `resolveSecrets` allows. */
  async update(id: string, input: IntegrationInput): Promise<PublicIntegration> {
    const existing = await this.store.get(id);
    if (!existing) throw notFound('integration', id);
    if (existing.type !== input.type) {
      throw new HookflowError(
        'bad_request',
        `type cannot change (is ${existing.type}); create a new integration instead`,
      );
    }
    const from = prefixOrigin(existing.endpointPrefix);
    const { secrets, issues } = resolveSecrets({
      input,
      stored: this.unseal(existing),
      movedFrom: from === prefixOrigin(input.endpointPrefix) ? null : from,
    });
    if (issues.length > 0) throw secretsRefused(issues);
    const record = this.seal(id, input, {
      secrets,
      createdAt: existing.createdAt,
      updatedAt: new Date(this.clock.now()).toISOString(),
    });
    await this.store.put(record);
    this.resolved.delete(id);
    return present(record);
  }

  async get(id: string): Promise<PublicIntegration> {
    const record = await this.store.get(id);
    if (!record) throw notFound('integration', id);
    return present(record);
  }

  async list(): Promise<PublicIntegration[]> {
    return (await this.store.list()).map(present);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw notFound('integration', id);
    this.resolved.delete(id);
  }

  /** Forgets every resolved integration: another process changed one (see `ChangeWatcher`). */
  forgetResolved(): void {
    this.resolved.clear();
  }

  /** The integration with its secrets, for the sending path only; null when it does not exist. */
  async resolve(id: string): Promise<ResolvedIntegration | null> {
    if (this.resolved.has(id)) return this.resolved.get(id)!;
    const record = await this.store.get(id);
    const resolved = record ? { ...joinSecrets({ ...record, secrets: this.unseal(record) }), id } : null;
    this.resolved.set(id, resolved);
    return resolved;
  }

  private seal(
    id: string,
    input: IntegrationInput,
    sealed: { secrets: Record<string, string>; createdAt: string; updatedAt: string },
  ): IntegrationRecord {
    const { secrets, ...times } = sealed;
    return {
      id,
      name: input.name,
      type: input.type,
      endpointPrefix: input.endpointPrefix,
      settings: publicSettings(input),
      sealedSecrets: this.box.seal(JSON.stringify(secrets)),
      ...times,
    };
  }

  private unseal(record: IntegrationRecord): Record<string, string> {
    return JSON.parse(this.box.open(record.sealedSecrets)) as Record<string, string>;
  }
}

/** One 400 naming every secret field that needs a value, each with its reason. */
function secretsRefused(issues: ValidationIssue[]): HookflowError {
  const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  return new HookflowError('bad_request', message, issues);
}

function present(record: IntegrationRecord): PublicIntegration {
  const { sealedSecrets: _sealed, ...rest } = record;
  return { ...rest, settings: maskSecrets(record.settings, record.type) };
}

/** Standard Webhooks secrets are `whsec_` + base64 of 24 random bytes. */
function generateSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
