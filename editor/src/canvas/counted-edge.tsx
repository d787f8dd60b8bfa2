import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../store/editor-store-context.tsx';

const HANDLE_WORDS: Record<string, string> = { out: 'left', yes: 'took yes', no: 'took no' };

/** How many runs left `source` by `handle`, and their share of all that left it; null without counts. */
function useBranchCount(source: string, handle: string): { count: number; total: number } | null {
  return useEditorStore(
    useShallow((state) => {
      const counts = state.stats?.[source];
      if (!counts) return null;
      const branches = counts.branches ?? {};
      const total = Object.values(branches).reduce((sum, n) => sum + n, 0);
      return { count: branches[handle] ?? 0, total };
    }),
  );
}

const percent = (count: number, total: number) => `${Math.round((count / total) * 100)}%`;

/**
 * A smooth-step edge that shows, while counts are on, how many customers took it and their share
 * of everyone who left its source node (yes / no, success / failure).
 */
export function CountedEdge(props: EdgeProps) {
  const { source, sourceHandleId, markerEnd, style } = props;
  const handle = sourceHandleId ?? 'out';
  const [path, labelX, labelY] = getSmoothStepPath(props);
  const branch = useBranchCount(source, handle);
  const share = branch && branch.total > 0 ? percent(branch.count, branch.total) : null;
  const word = HANDLE_WORDS[handle] ?? `took ${handle}`;
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} />
      {branch && (
        <EdgeLabelRenderer>
          <div
            className={`edge-count edge-count-${handle} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-count"
            data-edge={props.id}
            title={`${branch.count.toLocaleString()} ${branch.count === 1 ? 'customer' : 'customers'} ${word}${
              share ? ` (${share} of ${branch.total.toLocaleString()})` : ''
            }`}
          >
            {branch.count.toLocaleString()}
            {share && handle !== 'out' && <small>{share}</small>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
