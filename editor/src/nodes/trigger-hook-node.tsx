import type { NodeProps } from '@xyflow/react';
import { Link2 } from 'lucide-react';
import { memo } from 'react';
import { TriggerHookNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { listOf } from '../inspector/config-values.ts';
import type { FlowNode } from '../store/flow-types.ts';
import { AudienceSection, audienceSummary } from '../triggers/audience-section.tsx';
import { HookUrlPanel } from '../triggers/hook-url-panel.tsx';
import { HostListEditor } from '../triggers/host-list-editor.tsx';
import { ruleLabels } from './field-labels.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';

function TriggerHookForm({ nodeId, config, errors, onChange }: NodeFormProps) {
  return (
    <>
      <HookUrlPanel nodeId={nodeId} />
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
  defaultConfig: () => ({ audience: { rules: [] }, allowedHosts: [] }),
  summary: (config) => {
    const hosts = listOf(config.allowedHosts).length;
    return `on call · ${audienceSummary(config)}${hosts ? ` · ${hosts} host${hosts > 1 ? 's' : ''}` : ''}`;
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
