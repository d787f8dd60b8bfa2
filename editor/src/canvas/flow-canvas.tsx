import {
  Background,
  BackgroundVariant,
  type Connection,
  type Edge,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
} from '@xyflow/react';
import { useState } from 'react';
import { nodeSpec, NODE_TYPES } from '../nodes/registry.ts';
import { useEditorStore, useEditorStoreApi } from '../store/editor-store-context.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import { CountedEdge } from './counted-edge.tsx';
import { usePaletteDrop } from './use-palette-drop.ts';
import { useViewRequests } from './use-view-requests.ts';

const EDGE_TYPES = { counted: CountedEdge };
const EDGE_OPTIONS = {
  type: 'counted',
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
};
const MINIMAP_STYLE = { width: 168, height: 112 };
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
const GROUP_COLOURS: Record<string, string> = {
  triggers: '#8b5cf6',
  conditions: '#f59e0b',
  waits: '#0ea5e9',
  actions: '#10b981',
  flow: '#64748b',
};
const minimapColour = (node: FlowNode) => GROUP_COLOURS[nodeSpec(node.type)?.group ?? 'flow'] ?? '#64748b';
const notToItself = (connection: Connection | Edge) => connection.source !== connection.target;

/** Wires the store to <ReactFlow>; behaviour lives in the store, the node registry and the hooks. */
export function FlowCanvas() {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const onNodesChange = useEditorStore((state) => state.onNodesChange);
  const onEdgesChange = useEditorStore((state) => state.onEdgesChange);
  const onConnect = useEditorStore((state) => state.onConnect);
  const { onDragOver, onDrop } = usePaletteDrop();
  const storeApi = useEditorStoreApi();
  // Fit only what was loaded: fitting an empty canvas would jump the view when the first node lands.
  const [fitOnOpen] = useState(() => storeApi.getState().nodes.length > 0);
  useViewRequests();

  return (
    <ReactFlow<FlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={notToItself}
      onDragOver={onDragOver}
      onDrop={onDrop}
      defaultEdgeOptions={EDGE_OPTIONS}
      // Deleting goes through the store (one undo step for nodes and their edges): see useCanvasShortcuts.
      deleteKeyCode={null}
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      selectionKeyCode="Shift"
      fitView={fitOnOpen}
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.05}
      maxZoom={2}
      snapToGrid
      snapGrid={[10, 10]}
      attributionPosition="bottom-center"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd2e1" />
      <MiniMap
        style={MINIMAP_STYLE}
        pannable
        zoomable
        nodeColor={minimapColour}
        nodeStrokeWidth={0}
        maskColor="rgba(240, 242, 248, 0.7)"
      />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
