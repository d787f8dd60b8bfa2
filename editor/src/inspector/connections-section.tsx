import { useShallow } from 'zustand/react/shallow';
import { OUTPUT_HANDLES, isTriggerType, type NodeType } from '../../../engine/scenario/index.ts';
import { nodeSpec } from '../nodes/registry.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';

/** Where each output leads, as selects: connecting without dragging, for keyboard users. */
export function ConnectionsSection({ nodeId, type }: { nodeId: string; type: NodeType }) {
  const outputs = OUTPUT_HANDLES[type];
  const links = useEditorStore(
    useShallow((state) =>
      outputs.map(
        (output) =>
          state.edges.find((edge) => edge.source === nodeId && (edge.sourceHandle ?? 'out') === output)
            ?.target ?? '',
      ),
    ),
  );
  const targets = useEditorStore(
    useShallow((state) =>
      state.nodes
        .filter((node) => node.id !== nodeId && node.type && !isTriggerType(node.type))
        .map((node) => `${node.id}\u0000${node.data.label || nodeSpec(node.type)?.title || node.id}`),
    ),
  );
  const onConnect = useEditorStore((state) => state.onConnect);
  const disconnect = useEditorStore((state) => state.disconnect);
  if (outputs.length === 0) return null;
  return (
    <section className="connections" aria-label="Next steps">
      <h4 className="section-title">Next step</h4>
      {outputs.map((output, index) => (
        <label key={output} className="connection-row">
          <span className={`handle-label handle-${output}`}>{output === 'out' ? 'then' : output}</span>
          <select
            value={links[index]}
            onChange={(event) =>
              event.target.value
                ? onConnect({
                    source: nodeId,
                    sourceHandle: output,
                    target: event.target.value,
                    targetHandle: null,
                  })
                : disconnect(nodeId, output)
            }
          >
            <option value="">— end of the run —</option>
            {targets.map((entry) => {
              const [id, title] = entry.split('\u0000');
              return (
                <option key={id} value={id}>
                  {title} · {id}
                </option>
              );
            })}
          </select>
        </label>
      ))}
    </section>
  );
}
