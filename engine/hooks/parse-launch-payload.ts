import type { z } from 'zod';
import { type Filter, isWellFormedJson } from '../audience/index.ts';
import type { ValidationIssue } from '../scenario/validation-issue.ts';
import { formatIssuePath } from '../validation/index.ts';
import { payloadFilter, payloadVariables, variableNameProblem } from './audience-payload.ts';
import { type LaunchContact, targetId, toLaunchContact } from './launch-contact.ts';
import {
  AudienceValuesPayloadSchema,
  isPlainObject,
  SetConversationPayloadSchema,
  TargetsPayloadSchema,
} from './launch-payload-schema.ts';

/** What one call of a launch hook asks for, whatever form its payload took. */
export type LaunchRequest =
  /** The configured audience (`filter` null) or the payload's own, with variables to set on it. */
  | { form: 'audience'; filter: Filter | null; setAttributes: Record<string, string> }
  /** These contacts, each with its variables; created when missing. */
  | { form: 'targets'; targets: (LaunchContact & { id: string })[] }
  /** One contact found by user_id, else phone number; created from its variables when missing. */
  | { form: 'conversation'; contact: LaunchContact };

export type ParseResult = { ok: true; request: LaunchRequest } | { ok: false; issues: ValidationIssue[] };

/** A GET, or a POST without a body: the node's configured audience, nothing to set. */
export const CONFIGURED_AUDIENCE: LaunchRequest = { form: 'audience', filter: null, setAttributes: {} };

const KEYS_HINT =
  'a launch payload takes fields, criteria, values, operators, set_variables, set_variables_values and set_conversation, or targets alone';

/**
 * Reads a launch hook's POST payload (already parsed JSON; undefined when there was no body)
 * into a `LaunchRequest`, or says what is wrong and where. Pure: whether contacts exist is the
 * caller's question.
 *
 * @example
 * parseLaunchPayload({ fields: 'favorite_color', criteria: 'equals', values: 'red',
 *   set_variables: 'new_favorite_color', set_variables_values: 'magenta' })
 * // → { ok: true, request: { form: 'audience', filter: { rules: [customer.favorite_color equals red] },
 * //     setAttributes: { new_favorite_color: 'magenta' } } }
 */
export function parseLaunchPayload(body: unknown): ParseResult {
  if (body === undefined || body === null || body === '') return { ok: true, request: CONFIGURED_AUDIENCE };
  if (!isPlainObject(body)) return fail([{ field: '(root)', message: 'the payload must be a JSON object' }]);
  if ('targets' in body) return parseTargets(body);
  if (body['set_conversation'] === true) return parseConversation(body);
  const parsed = AudienceValuesPayloadSchema.safeParse(body);
  if (!parsed.success) return fail(zodIssues(parsed.error));
  const filter = payloadFilter(parsed.data);
  const variables = payloadVariables(parsed.data);
  const issues = [...filter.issues, ...variables.issues];
  if (issues.length > 0) return fail(issues);
  return { ok: true, request: { form: 'audience', filter: filter.value, setAttributes: variables.value } };
}

function parseTargets(body: Record<string, unknown>): ParseResult {
  const parsed = TargetsPayloadSchema.safeParse(body);
  if (!parsed.success) return fail(zodIssues(parsed.error));
  const issues: ValidationIssue[] = [];
  const targets = parsed.data.targets.map((target, index) => {
    const { variables, ...flat } = target;
    const attributes = { ...flat, ...(variables as Record<string, unknown> | undefined) };
    issues.push(...attributeIssues(attributes, ['targets', index]));
    const contact = toLaunchContact(attributes);
    const id = targetId(contact);
    if (id === null) {
      issues.push({
        field: formatIssuePath(['targets', index]),
        message:
          'a target needs its user_id (on whatsapp, sms and rcs its user_phone_number will do, with bot_channel)',
      });
    }
    return { ...contact, id: id ?? '' };
  });
  const seen = new Set<string>();
  for (const [index, target] of targets.entries()) {
    if (target.id && seen.has(target.id)) {
      issues.push({
        field: formatIssuePath(['targets', index]),
        message: `contact "${target.id}" is named twice`,
      });
    }
    seen.add(target.id);
  }
  return issues.length > 0 ? fail(issues) : { ok: true, request: { form: 'targets', targets } };
}

function parseConversation(body: Record<string, unknown>): ParseResult {
  const parsed = SetConversationPayloadSchema.safeParse(body);
  if (!parsed.success) return fail(zodIssues(parsed.error));
  // The audience keys are accepted but ignored, as the seed says.
  const variables = payloadVariables(parsed.data);
  if (variables.issues.length > 0) return fail(variables.issues);
  const contact = toLaunchContact(variables.value);
  if (!contact.userId && !contact.phone) {
    return fail([
      {
        field: 'set_variables',
        message:
          'set_conversation needs a user_id or user_phone_number variable to find or create the contact',
      },
    ]);
  }
  return { ok: true, request: { form: 'conversation', contact } };
}

function attributeIssues(attributes: Record<string, unknown>, at: PropertyKey[]): ValidationIssue[] {
  const issues = Object.keys(attributes).flatMap((name) => {
    const problem = variableNameProblem(name);
    return problem ? [{ field: formatIssuePath([...at, name]), message: problem }] : [];
  });
  if (!isWellFormedJson(attributes)) {
    issues.push({
      field: formatIssuePath(at),
      message: 'variables have an unpaired UTF-16 surrogate, which is not Unicode text',
    });
  }
  return issues;
}

function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const field = formatIssuePath(issue.path);
    if (issue.code !== 'unrecognized_keys') return { field, message: issue.message };
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return { field, message: `unknown field ${keys}: ${KEYS_HINT}` };
  });
}

const fail = (issues: ValidationIssue[]): ParseResult => ({ ok: false, issues });
