import { Handle, Position } from '@xyflow/react';
import { OUTPUT_HANDLES, type NodeType } from '../../../engine/scenario/index.ts';

/** Source handles along the bottom edge, each labelled unless it is the single unnamed `out`. */
export function OutputHandles({ type }: { type: NodeType }) {
  const outputs = OUTPUT_HANDLES[type];
  if (outputs.length === 0) return null;
  const labelled = !(outputs.length === 1 && outputs[0] === 'out');
  return (
    <>
      {labelled && (
        <div className="handle-labels">
          {outputs.map((output) => (
            <span key={output} className={`handle-label handle-${output}`}>
              {output}
            </span>
          ))}
        </div>
      )}
      {outputs.map((output, index) => (
        <Handle
          key={output}
          type="source"
          id={output}
          position={Position.Bottom}
          className={`handle-${output}`}
          style={{ left: `${((index + 1) / (outputs.length + 1)) * 100}%` }}
          aria-label={`${output} output`}
        />
      ))}
    </>
  );
}
