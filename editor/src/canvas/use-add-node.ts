import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { OUTPUT_HANDLES, isTriggerType } from '../../../engine/scenario/index.ts';
import { nodeSpec } from '../nodes/registry.ts';
import { useEditorStoreApi } from '../store/editor-store-context.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import { newNodeId } from '../store/new-id.ts';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 84;
const GAP_Y = 150;

/**
 * Adds a node of a type. Dropped nodes go where they were dropped; nodes added from the keyboard
 * go under the selected node and are linked from its first free output, so a flow can be built
 * without a mouse. `config` replaces the type's default (a dropped preset brings its own).
 */
export function useAddNode() {
  const store = useEditorStoreApi();
  const flow = useReactFlow();

  return useCallback(
    (type: string, dropAt?: { x: number; y: number }, config?: Record<string, unknown>) => {
      const spec = nodeSpec(type);
      if (!spec) return;
      const { nodes, edges, addNode } = store.getState();
      const selected = nodes.filter((node) => node.selected);
      const parent = !dropAt && selected.length === 1 ? selected[0] : undefined;
      const freeOutput = parent && !isTriggerType(spec.type) ? firstFreeOutput(parent, edges) : undefined;
      const position = dropAt
        ? { x: dropAt.x - NODE_WIDTH / 2, y: dropAt.y - NODE_HEIGHT / 2 }
        : parent
          ? belowOf(parent, freeOutput, nodes)
          : viewportCentre(flow, nodes);
      const node: FlowNode = {
        id: newNodeId(spec.type, new Set(nodes.map((candidate) => candidate.id))),
        type: spec.type,
        position,
        data: { config: config ?? spec.defaultConfig() },
      };
      addNode(node, parent && freeOutput ? { source: parent.id, handle: freeOutput } : undefined);
      return node.id;
    },
    [store, flow],
  );
}

function firstFreeOutput(
  node: FlowNode,
  edges: { source: string; sourceHandle?: string | null }[],
): string | undefined {
  const outputs = node.type ? OUTPUT_HANDLES[node.type] : [];
  const used = new Set(
    edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle ?? 'out'),
  );
  return outputs.find((output) => !used.has(output));
}

/** Under the parent, shifted toward the output it hangs from (yes/success left, no/failure right). */
function belowOf(parent: FlowNode, output: string | undefined, nodes: FlowNode[]) {
  const outputs = parent.type ? OUTPUT_HANDLES[parent.type] : [];
  const index = output ? outputs.indexOf(output) : 0;
  const shift = outputs.length > 1 ? (index - (outputs.length - 1) / 2) * (NODE_WIDTH + 40) : 0;
  return freeSpot({ x: parent.position.x + shift, y: parent.position.y + GAP_Y }, nodes);
}

function viewportCentre(flow: ReturnType<typeof useReactFlow>, nodes: FlowNode[]) {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const centre = pane
    ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
    : { x: 0, y: 0 };
  return freeSpot({ x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 }, nodes);
}

/** Steps down and right until no node sits on the spot, so new nodes never hide old ones. */
function freeSpot(start: { x: number; y: number }, nodes: FlowNode[]) {
  const spot = { ...start };
  const taken = (x: number, y: number) =>
    nodes.some(
      (node) =>
        Math.abs(node.position.x - x) < NODE_WIDTH * 0.6 && Math.abs(node.position.y - y) < NODE_HEIGHT,
    );
  for (let tries = 0; tries < 50 && taken(spot.x, spot.y); tries += 1) {
    spot.x += 30;
    spot.y += 30;
  }
  return spot;
}
