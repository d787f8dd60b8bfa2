import type { NodeProps } from '@xyflow/react';
import { Zap } from 'lucide-react';
import { memo } from 'react';
import { TriggerEventNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { listOf, recordOf, text } from '../inspector/config-values.ts';
import { suggestionsApi } from '../api/suggestions-api.ts';
import { Field } from '../inspector/field.tsx';
import { useCached } from '../suggestions/use-cached.ts';
import { RulesEditor } from '../inspector/rules-editor.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import { ruleLabels } from './field-labels.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';

const EVENT_FIELDS = ['event.type', 'event.properties.', 'customer.id', 'customer.email', 'customer.plan'];

function TriggerEventForm({ config, errors, onChange }: NodeFormProps) {
  const conditions = recordOf(config.conditions);
  return (
    <>
      <Field
        label="Event type"
        field="config.eventType"
        errors={errors}
        hint="Runs start when an event of this type arrives."
      >
        {(control) => (
          <>
            <input
              {...control}
              list="event-types-seen"
              placeholder="signup"
              value={text(config.eventType)}
              onChange={(event) => onChange({ eventType: event.target.value }, 'eventType')}
            />
            <EventTypesSeen />
          </>
        )}
      </Field>
      <h4 className="section-title">Only when</h4>
      <RulesEditor
        path="config.conditions.rules"
        rules={conditions.rules}
        errors={errors}
        suggestions={EVENT_FIELDS}
        emptyText="Every event of this type starts a run."
        onChange={(rules, key) => onChange({ conditions: { ...conditions, rules } }, key)}
      />
    </>
  );
}

/** The types received in the last 30 days, latest first, with how many arrived. */
function EventTypesSeen() {
  const seen = useCached('event-types', suggestionsApi.eventTypes);
  return (
    <datalist id="event-types-seen">
      {seen?.items.map((item) => (
        <option
          key={item.type}
          value={item.type}
          label={`${item.count.toLocaleString('en-US')}${item.capped ? '+' : ''} in 30 days`}
        />
      ))}
    </datalist>
  );
}

export const triggerEventNode: NodeSpec = {
  type: 'trigger.event',
  title: 'Event trigger',
  group: 'triggers',
  description: 'Starts a run for the customer when an event of a given type arrives.',
  icon: Zap,
  schema: TriggerEventNodeSchema,
  defaultConfig: () => ({ eventType: '', conditions: { rules: [] } }),
  summary: (config) => {
    const eventType = text(config.eventType);
    const rules = listOf(recordOf(config.conditions).rules).length;
    return eventType ? `on “${eventType}”${rules ? ` · ${rules} condition${rules > 1 ? 's' : ''}` : ''}` : '';
  },
  Component: memo(function TriggerEventNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={triggerEventNode} />;
  }, sameCard),
  Form: TriggerEventForm,
  fieldLabels: { 'config.eventType': 'Event type', ...ruleLabels('config.conditions.rules', 'Condition') },
};
