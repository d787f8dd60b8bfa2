import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../store/editor-store-context.tsx';

/** Live counts of the active version on one node; shallow-compared so polling re-renders only changed nodes. */
export function NodeCountsBadges({ nodeId }: { nodeId: string }) {
  const counts = useEditorStore(useShallow((state) => state.stats?.[nodeId]));
  if (!counts) return null;
  return (
    <div className="node-counts" data-testid="node-counts" aria-label="Runs through this node">
      <span className="count entered" title="Entered">
        {counts.entered} <small>in</small>
      </span>
      {counts.waiting > 0 && (
        <span className="count waiting" title="Waiting here">
          {counts.waiting} <small>waiting</small>
        </span>
      )}
      <span className="count succeeded" title="Succeeded">
        {counts.succeeded} <small>ok</small>
      </span>
      {counts.failed > 0 && (
        <span className="count failed" title="Failed">
          {counts.failed} <small>failed</small>
        </span>
      )}
    </div>
  );
}
