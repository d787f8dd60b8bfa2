import { recordOf } from '../inspector/config-values.ts';
import { RulesEditor } from '../inspector/rules-editor.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';

/** Fields of the seed's contacts: `customer.id` is the id, the rest are attribute paths. */
const CUSTOMER_FIELDS = [
  'customer.id',
  'customer.user_id',
  'customer.user_phone_number',
  'customer.bot_channel',
  'customer.email',
  'customer.plan',
];

interface AudienceSectionProps extends Pick<NodeFormProps, 'config' | 'errors' | 'onChange'> {
  emptyText: string;
}

/** The customers a launch hook or a schedule targets, as rules over `customer.*` fields. */
export function AudienceSection({ config, errors, onChange, emptyText }: AudienceSectionProps) {
  const audience = recordOf(config.audience);
  return (
    <>
      <h4 className="section-title">Audience</h4>
      <RulesEditor
        path="config.audience.rules"
        rules={audience.rules}
        errors={errors}
        suggestions={CUSTOMER_FIELDS}
        emptyText={emptyText}
        onChange={(rules, key) => onChange({ audience: { ...audience, rules } }, key)}
      />
    </>
  );
}

/** "2 audience rules" for a card summary, or nothing for every customer. */
export function audienceSummary(config: Record<string, unknown>): string {
  const rules = recordOf(config.audience).rules;
  const count = Array.isArray(rules) ? rules.length : 0;
  return count === 0 ? 'all customers' : `${count} audience rule${count > 1 ? 's' : ''}`;
}
