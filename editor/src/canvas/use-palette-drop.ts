import { useReactFlow } from '@xyflow/react';
import { type DragEvent, useMemo } from 'react';
import { PRESET_DRAG_TYPE, parsePresetDrag } from '../presets/preset-drag.ts';
import { presetNodeConfig } from '../presets/preset-node.ts';
import { NODE_DRAG_TYPE } from './palette.tsx';
import { useAddNode } from './use-add-node.ts';

/** Drop handlers for the canvas: a palette item or a preset dropped on the pane becomes a node there. */
export function usePaletteDrop() {
  const addNode = useAddNode();
  const flow = useReactFlow();
  return useMemo(
    () => ({
      onDragOver: (event: DragEvent) => {
        const types = event.dataTransfer.types;
        if (!types.includes(NODE_DRAG_TYPE) && !types.includes(PRESET_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDrop: (event: DragEvent) => {
        const at = () => flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
        const preset = parsePresetDrag(event.dataTransfer.getData(PRESET_DRAG_TYPE));
        if (preset) {
          event.preventDefault();
          addNode('webhook', at(), presetNodeConfig(preset));
          return;
        }
        const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
        if (!type) return;
        event.preventDefault();
        addNode(type, at());
      },
    }),
    [addNode, flow],
  );
}
