import type { NodeProps } from '@xyflow/react';
import { CircleStop } from 'lucide-react';
import { memo } from 'react';
import { EndNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import type { NodeSpec } from './node-spec.ts';

function EndForm() {
  return <p className="muted small">The run completes here. An output left unconnected ends the run too.</p>;
}

export const endNode: NodeSpec = {
  type: 'end',
  title: 'End',
  group: 'flow',
  description: 'Completes the run explicitly.',
  icon: CircleStop,
  schema: EndNodeSchema,
  defaultConfig: () => ({}),
  summary: () => '',
  Component: memo(function EndNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={endNode} />;
  }, sameCard),
  Form: EndForm,
};
