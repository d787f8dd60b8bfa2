import type { NodeProps } from '@xyflow/react';
import { Webhook } from 'lucide-react';
import { memo } from 'react';
import { RetryPolicySchema, WebhookNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { text } from '../inspector/config-values.ts';
import type { FlowNode } from '../store/flow-types.ts';
import { WebhookForm } from '../webhook/webhook-form.tsx';
import type { NodeSpec } from './node-spec.ts';

export const webhookNode: NodeSpec = {
  type: 'webhook',
  title: 'Webhook',
  group: 'actions',
  description: 'Calls an HTTP endpoint with a templated request; continues on success or failure.',
  icon: Webhook,
  schema: WebhookNodeSchema,
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
    const url = text(config.url);
    return url ? `${text(config.method, 'POST')} ${url.replace(/^https?:\/\//, '')}` : '';
  },
  Component: memo(function WebhookNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={webhookNode} />;
  }, sameCard),
  Form: WebhookForm,
};
