import type { NodeProps } from '@xyflow/react';
import { Split } from 'lucide-react';
import { memo, useMemo } from 'react';
import { ConditionNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { listOf, text } from '../inspector/config-values.ts';
import { RulesEditor } from '../inspector/rules-editor.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import { ruleLabels } from './field-labels.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';
import { useSetAttributeFields } from './set-attributes-node.tsx';

const FIELDS = [
  'customer.id',
  'customer.email',
  'customer.plan',
  'event.type',
  'event.properties.',
  'webhook.status',
  'webhook.data',
];

function ConditionForm({ config, errors, onChange }: NodeFormProps) {
  const attributes = useSetAttributeFields();
  const suggestions = useMemo(() => [...new Set([...FIELDS, ...attributes])], [attributes]);
  return (
    <>
      <p className="muted small">Customers matching the rules continue on “yes”, the others on “no”.</p>
      <RulesEditor
        path="config.rules"
        rules={config.rules}
        errors={errors}
        suggestions={suggestions}
        emptyText="No rules: everyone goes down “yes”."
        onChange={(rules, key) => onChange({ rules }, key)}
      />
    </>
  );
}

function summary(config: Record<string, unknown>): string {
  const rules = listOf<{ field?: unknown; criteria?: unknown; value?: unknown }>(config.rules);
  const first = rules[0];
  if (!first) return '';
  const head =
    `${text(first.field)} ${text(first.criteria).replaceAll('_', ' ')} ${text(first.value)}`.trim();
  return rules.length > 1 ? `${head} +${rules.length - 1}` : head;
}

export const conditionNode: NodeSpec = {
  type: 'condition',
  title: 'Condition',
  group: 'conditions',
  description: 'Splits customers into yes and no by attribute, event or webhook response.',
  icon: Split,
  schema: ConditionNodeSchema,
  defaultConfig: () => ({ rules: [{ field: '', criteria: 'equals', value: '', join: 'and' }] }),
  summary,
  Component: memo(function ConditionNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={conditionNode} />;
  }, sameCard),
  Form: ConditionForm,
  fieldLabels: ruleLabels('config.rules', 'Rule'),
};
