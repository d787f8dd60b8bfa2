import { templatedFields } from '../../../engine/scenario/index.ts';
import { listOf, recordOf, text } from '../inspector/config-values.ts';

/** A node as far as the sample goes. */
interface SampleNode {
  type?: string;
  data: { config: Record<string, unknown> };
}

/** `customer.plan`, `event.properties.amount` in templates; `customer.id` is the id, `customer.x.y` reads `x`. */
const READ = /\b(customer|event\.properties)\.([A-Za-z_][\w-]*)/g;

/** What a test needs of a customer that the scenario does not read. */
const BASE_CUSTOMERS = [
  {
    id: 'sample-customer',
    email: 'ada@example.com',
    first_name: 'Ada',
    phone: '+447700900001',
    user_phone_number: '+447700900001',
  },
  {
    id: 'sample-customer-2',
    email: 'grace@example.com',
    first_name: 'Grace',
    phone: '+447700900002',
    user_phone_number: '+447700900002',
  },
];

/** The rules of a node that compare fields: a condition's, an event trigger's conditions, an audience. */
function rulesOf(node: SampleNode): Record<string, unknown>[] {
  const config = node.data.config;
  const lists = [config.rules, recordOf(config.conditions).rules, recordOf(config.audience).rules];
  return lists.flatMap((list) => listOf<unknown>(list).map(recordOf));
}

/** The value a rule compares with, when taking it lets the sample go the rule's way. */
function ruleValue(rule: Record<string, unknown>): unknown {
  const value = rule.value;
  if (rule.criteria === 'equals' || rule.criteria === 'starts_with' || rule.criteria === 'contains')
    return value;
  if (rule.criteria === 'in_list') return Array.isArray(value) ? value[0] : text(value).split(',')[0]?.trim();
  if (rule.criteria === 'greater_than' && typeof value === 'number') return value + 1;
  if (rule.criteria === 'less_than' && typeof value === 'number') return value - 1;
  return undefined;
}

/**
 * Sample data for a webhook test built from what the scenario reads: every `customer.<name>` and
 * `event.properties.<name>` its templates and rules mention gets a value (the one a rule compares
 * with, so conditions pass, else a stand-in), next to an email, a name and a phone number.
 */
export function sampleData(options: {
  nodes: readonly SampleNode[];
  batch: boolean;
}): Record<string, unknown> {
  // Values rules compare with win over the base sample; stand-ins give way to it.
  const compared = { customer: {} as Record<string, unknown>, properties: {} as Record<string, unknown> };
  const standIns = { customer: {} as Record<string, unknown>, properties: {} as Record<string, unknown> };
  const scopeOf = (scope: string) => (scope === 'customer' ? 'customer' : 'properties');
  let eventType = 'signup';
  for (const node of options.nodes) {
    const { config } = node.data;
    if (node.type === 'trigger.event' && text(config.eventType)) eventType = text(config.eventType);
    for (const rule of rulesOf(node)) {
      const match = /^(customer|event\.properties)\.([A-Za-z_][\w-]*)$/.exec(text(rule.field));
      const value = ruleValue(rule);
      if (match && match[2] !== 'id' && value !== undefined && value !== '')
        compared[scopeOf(match[1]!)][match[2]!] ??= value;
    }
    for (const { source } of templatedFields({ type: node.type ?? '', config })) {
      for (const [, scope, name] of source.matchAll(READ))
        if (name !== 'id') standIns[scopeOf(scope!)][name!] ??= `sample ${name}`;
    }
  }
  const people = BASE_CUSTOMERS.map((base) => ({
    ...standIns.customer,
    ...base,
    ...compared.customer,
    id: base.id,
  }));
  return {
    ...(options.batch ? { customers: people } : { customer: people[0] }),
    event: { type: eventType, properties: { ...standIns.properties, ...compared.properties } },
  };
}
