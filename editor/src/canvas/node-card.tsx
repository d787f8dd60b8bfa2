import { Handle, type NodeProps, Position } from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { isTriggerType } from '../../../engine/scenario/index.ts';
import type { NodeSpec } from '../nodes/node-spec.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import { LaunchStatus } from './launch-status.tsx';
import { NodeCountsBadges } from './node-counts.tsx';
import { OutputHandles } from './output-handles.tsx';

/** Node types that start runs through fan-outs: their card shows launches. */
const LAUNCHING: ReadonlySet<string> = new Set(['trigger.hook', 'trigger.schedule']);

type CardSpec = Pick<NodeSpec, 'type' | 'title' | 'group' | 'icon' | 'summary' | 'schema'>;

/** The frame every node type shares: icon, title, summary, handles, problems and live counts. */
export function NodeCard({ node, spec }: { node: NodeProps<FlowNode>; spec: CardSpec }) {
  const { id, data, selected } = node;
  const serverIssues = useEditorStore((state) => state.issueCounts[id] ?? 0);
  // Parsing on data change only: the config object is replaced on edit and kept otherwise.
  const incomplete = useMemo(
    () => !spec.schema.safeParse({ id, type: spec.type, config: data.config }).success,
    [spec, id, data.config],
  );
  const Icon = spec.icon;
  const summary = spec.summary(data.config);
  const flagged = serverIssues > 0 || incomplete;
  return (
    <div
      className={`node-card group-${spec.group}${selected ? ' selected' : ''}${serverIssues > 0 ? ' has-issues' : ''}`}
      data-node-type={spec.type}
      data-node-id={id}
    >
      {!isTriggerType(spec.type) && <Handle type="target" position={Position.Top} aria-label="input" />}
      <div className="node-head">
        <span className="node-icon">
          <Icon size={15} aria-hidden />
        </span>
        <span className="node-kind">{spec.title}</span>
        {flagged && (
          <span
            className={`node-flag${serverIssues > 0 ? ' error' : ''}`}
            title={serverIssues > 0 ? `${serverIssues} problem(s)` : 'Settings incomplete'}
          >
            <TriangleAlert size={13} aria-hidden />
          </span>
        )}
      </div>
      <div className="node-title">{data.label || summary || spec.title}</div>
      {data.label && summary && <div className="node-summary">{summary}</div>}
      {LAUNCHING.has(spec.type) && <LaunchStatus nodeId={id} />}
      <NodeCountsBadges nodeId={id} />
      <OutputHandles type={spec.type} />
    </div>
  );
}

/** Re-render a card only for what it shows, not for each pixel it is dragged. */
export function sameCard(previous: NodeProps<FlowNode>, next: NodeProps<FlowNode>): boolean {
  return previous.id === next.id && previous.data === next.data && previous.selected === next.selected;
}
