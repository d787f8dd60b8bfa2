import type { NodeProps } from '@xyflow/react';
import { Webhook } from 'lucide-react';
import { memo, useMemo } from 'react';
import { RetryPolicySchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { text } from '../inspector/config-values.ts';
import { presetCatalog, usePresetCatalog } from '../presets/preset-catalog.ts';
import { presetRefOf } from '../presets/preset-node.ts';
import { WebhookDraftNodeSchema } from '../presets/preset-node-schema.ts';
import type { FlowNode } from '../store/flow-types.ts';
import { batchOf, batchSize } from '../webhook/batch-config.ts';
import { WebhookForm } from '../webhook/webhook-form.tsx';
import { WEBHOOK_FIELD_LABELS } from '../webhook/webhook-field-labels.ts';
import type { NodeSpec } from './node-spec.ts';

/** "batch ×100" for a webhook in batch mode, nothing for one request per customer. */
function batchLabel(config: Record<string, unknown>): string {
  const batch = batchOf(config);
  return batch ? `batch ×${batchSize(batch)}` : '';
}

export const webhookNode: NodeSpec = {
  type: 'webhook',
  title: 'Webhook',
  group: 'actions',
  description: 'Calls an HTTP endpoint with a templated request; continues on success or failure.',
  icon: Webhook,
  schema: WebhookDraftNodeSchema,
  defaultConfig: () => ({
    method: 'POST',
    url: '',
    query: [],
    headers: [],
    body: '',
    format: 'json',
    responseFormat: 'json',
    timeoutMs: 10_000,
    retry: RetryPolicySchema.parse({}),
  }),
  summary: (config) => {
    const ref = presetRefOf(config);
    // Named once the editor's preset list has loaded (the card itself follows the catalog).
    if (ref) return `${presetCatalog.getState().presets[ref.id]?.name ?? 'Preset'} · v${ref.version}`;
    const url = text(config.url);
    const request = url ? `${text(config.method, 'POST')} ${url.replace(/^https?:\/\//, '')}` : '';
    return [batchLabel(config), request].filter(Boolean).join(' · ');
  },
  Component: memo(function WebhookNode(props: NodeProps<FlowNode>) {
    const ref = presetRefOf(props.data.config);
    const presetName = usePresetCatalog((state) => (ref ? state.presets[ref.id]?.name : undefined));
    const pinned = ref?.version;
    // The catalog holds the latest version: its batch setting speaks for the node only if pinned to it.
    const presetBatch = usePresetCatalog((state) => {
      const latest = ref ? state.presets[ref.id] : undefined;
      return latest?.version === pinned ? batchLabel(latest?.definition.webhook ?? {}) : '';
    });
    // A preset node reads as its preset: "Slack incoming webhook · v2".
    const spec = useMemo(
      () =>
        pinned !== undefined && presetName
          ? {
              ...webhookNode,
              summary: () => [`${presetName} · v${pinned}`, presetBatch].filter(Boolean).join(' · '),
            }
          : webhookNode,
      [pinned, presetName, presetBatch],
    );
    return <NodeCard node={props} spec={spec} />;
  }, sameCard),
  Form: WebhookForm,
  fieldLabels: WEBHOOK_FIELD_LABELS,
};
