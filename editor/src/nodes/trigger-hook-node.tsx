import type { NodeProps } from '@xyflow/react';
import { Link2 } from 'lucide-react';
import { memo } from 'react';
import { TriggerHookNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { listOf, numberOr } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import { AudienceSection, audienceSummary } from '../triggers/audience-section.tsx';
import { HookUrlPanel } from '../triggers/hook-url-panel.tsx';
import { HostListEditor } from '../triggers/host-list-editor.tsx';
import { ruleLabels } from './field-labels.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';

/** The schema's default delay: the seed's "at most 10 s after the call". */
const DEFAULT_DELAY = 10;

function TriggerHookForm({ nodeId, config, errors, onChange }: NodeFormProps) {
  const enabled = config.enabled !== false;
  return (
    <>
      <HookUrlPanel nodeId={nodeId} delaySeconds={numberOr(config.delaySeconds, DEFAULT_DELAY)} />
      <div className="field" data-field="config.enabled">
        <label className="switch">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(event) => onChange({ enabled: event.target.checked }, 'enabled')}
          />
          Enabled
        </label>
        <p className="field-hint">
          {enabled
            ? 'Calls launch runs once the scenario is active.'
            : 'Calls answer 404, as for an unknown URL; the URL is kept.'}
        </p>
      </div>
      <Field
        label="Delay before launch (seconds)"
        field="config.delaySeconds"
        errors={errors}
        hint="0 to 10. A new call within the delay starts it again and replaces the payload."
      >
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            max={10}
            step={1}
            placeholder={String(DEFAULT_DELAY)}
            value={typeof config.delaySeconds === 'number' ? config.delaySeconds : ''}
            onChange={(event) =>
              onChange(
                { delaySeconds: event.target.value === '' ? undefined : Number(event.target.value) },
                'delaySeconds',
              )
            }
          />
        )}
      </Field>
      <AudienceSection
        config={config}
        errors={errors}
        onChange={onChange}
        emptyText="A GET call targets every customer; a POST may name its own audience or targets."
      />
      <h4 className="section-title">Allowed calling hosts</h4>
      <HostListEditor
        hosts={listOf<string>(config.allowedHosts)}
        errors={errors}
        onChange={(allowedHosts, key) => onChange({ allowedHosts }, key)}
      />
    </>
  );
}

export const triggerHookNode: NodeSpec = {
  type: 'trigger.hook',
  title: 'Launch hook',
  group: 'triggers',
  description: 'Starts runs for an audience when its unguessable URL is called (GET or POST).',
  icon: Link2,
  schema: TriggerHookNodeSchema,
  defaultConfig: () => ({
    audience: { rules: [] },
    allowedHosts: [],
    delaySeconds: DEFAULT_DELAY,
    enabled: true,
  }),
  summary: (config) => {
    const hosts = listOf(config.allowedHosts).length;
    const parts = [
      config.enabled === false
        ? 'disabled'
        : `on call, ${numberOr(config.delaySeconds, DEFAULT_DELAY)} s later`,
      audienceSummary(config),
      hosts ? `${hosts} host${hosts > 1 ? 's' : ''}` : '',
    ];
    return parts.filter(Boolean).join(' · ');
  },
  Component: memo(function TriggerHookNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={triggerHookNode} />;
  }, sameCard),
  Form: TriggerHookForm,
  fieldLabels: {
    ...ruleLabels('config.audience.rules', 'Audience rule'),
    'config.allowedHosts': 'Allowed calling hosts',
    'config.allowedHosts.#': 'Allowed host #',
    'config.delaySeconds': 'Delay before launch',
    'config.enabled': 'Enabled',
  },
};
