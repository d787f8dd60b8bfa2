import {
  creationProblem,
  type LaunchContact,
  type LaunchRequest,
  newContactAttributes,
} from '../../engine/hooks/index.ts';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import { formatIssuePath } from '../../engine/validation/index.ts';
import type { CustomerStore } from '../store/ports/customer-store.ts';

/** The customers a targets or set_conversation launch goes to, and the merges to make first. */
export interface ResolvedContacts {
  ids: string[];
  /** Attribute merges (creating the missing customers), as `CommitBatch.customers`. */
  merges: { id: string; attributes: Record<string, unknown> }[];
  /** Contacts that neither exist nor can be created. */
  issues: ValidationIssue[];
}

type ContactRequest = Exclude<LaunchRequest, { form: 'audience' }>;

/**
 * Looks the launch's contacts up: existing ones get their variables merged, missing ones are
 * created from them when they carry what a new contact needs. Run when the call arrives (to
 * answer 400 at once) and again when the launch fires (the customers may have changed).
 */
export async function resolveContacts(
  customers: CustomerStore,
  request: ContactRequest,
): Promise<ResolvedContacts> {
  if (request.form === 'conversation') return resolveConversation(customers, request.contact);
  const existing = await customers.getMany(request.targets.map((target) => target.id));
  const resolved: ResolvedContacts = { ids: [], merges: [], issues: [] };
  for (const [index, target] of request.targets.entries()) {
    const found = existing.has(target.id);
    const problem = found ? null : creationProblem(target);
    if (problem) {
      resolved.issues.push({
        field: formatIssuePath(['targets', index]),
        message: `contact "${target.id}" does not exist; ${problem}`,
      });
      continue;
    }
    resolved.ids.push(target.id);
    const attributes = found ? target.attributes : newContactAttributes(target, target.id);
    resolved.merges.push({ id: target.id, attributes });
  }
  return resolved;
}

/** The seed's order: by `user_id` when given, else by `user_phone_number`; created when not found. */
async function resolveConversation(
  customers: CustomerStore,
  contact: LaunchContact,
): Promise<ResolvedContacts> {
  const found = contact.userId
    ? await findBy(customers, 'user_id', contact.userId)
    : await findBy(customers, 'user_phone_number', contact.phone!);
  if (found) return { ids: [found], merges: [{ id: found, attributes: contact.attributes }], issues: [] };
  const problem = creationProblem(contact);
  const id = (contact.userId ?? contact.phone)!;
  if (problem) {
    return {
      ids: [],
      merges: [],
      issues: [{ field: 'set_variables', message: `no contact has ${describe(contact)}; ${problem}` }],
    };
  }
  return { ids: [id], merges: [{ id, attributes: newContactAttributes(contact, id) }], issues: [] };
}

/** A customer whose id is `value` (phone channels use the number as id), else whose attribute is. */
async function findBy(
  customers: CustomerStore,
  attribute: 'user_id' | 'user_phone_number',
  value: string,
): Promise<string | null> {
  const byId = await customers.get(value);
  if (byId) return byId.id;
  const rule = { field: `customer.${attribute}`, criteria: 'equals' as const, value, join: 'and' as const };
  const [first] = await customers.search({ filter: { rules: [rule] }, limit: 1 });
  return first?.id ?? null;
}

const describe = (contact: LaunchContact): string =>
  contact.userId ? `user_id "${contact.userId}"` : `user_phone_number "${contact.phone}"`;
