import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorStore } from '../store/editor-store-context.tsx';

/** Carries out the store's view requests (zoom to fit, centre a node) on the React Flow viewport. */
export function useViewRequests(): void {
  const view = useEditorStore((state) => state.view);
  const flow = useReactFlow();
  useEffect(() => {
    if (!view) return;
    // Wait a frame: a layout or selection change must be measured before the viewport moves.
    const frame = requestAnimationFrame(() => {
      if (view.kind === 'fit') void flow.fitView({ padding: 0.2, duration: 250, maxZoom: 1.2 });
      else {
        const node = flow.getInternalNode(view.nodeId);
        if (!node) return;
        const { x, y } = node.internals.positionAbsolute;
        void flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 250,
        });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [view, flow]);
}
