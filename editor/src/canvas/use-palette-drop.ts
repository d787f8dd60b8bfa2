import { useReactFlow } from '@xyflow/react';
import { type DragEvent, useMemo } from 'react';
import { NODE_DRAG_TYPE } from './palette.tsx';
import { useAddNode } from './use-add-node.ts';

/** Drop handlers for the canvas: a palette item dropped on the pane becomes a node at that point. */
export function usePaletteDrop() {
  const addNode = useAddNode();
  const flow = useReactFlow();
  return useMemo(
    () => ({
      onDragOver: (event: DragEvent) => {
        if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDrop: (event: DragEvent) => {
        const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
        if (!type) return;
        event.preventDefault();
        addNode(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      },
    }),
    [addNode, flow],
  );
}
