import type { DragEvent } from 'react';
import { PALETTE_GROUPS } from '../nodes/node-spec.ts';
import { NODE_SPECS } from '../nodes/registry.ts';
import { useAddNode } from './use-add-node.ts';

/** The drag payload's type: only palette items carry it, so stray drops (files, text) are ignored. */
export const NODE_DRAG_TYPE = 'application/x-hookflow-node';

/** Node types by group. Drag one onto the canvas, or focus it and press Enter to add it under the selection. */
export function Palette() {
  const addNode = useAddNode();
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Node palette">
      {PALETTE_GROUPS.map((group) => {
        const specs = NODE_SPECS.filter((spec) => spec.group === group.id);
        if (specs.length === 0) return null;
        return (
          <section key={group.id} className="palette-group">
            <h3>{group.title}</h3>
            {specs.map((spec) => {
              const Icon = spec.icon;
              return (
                <button
                  key={spec.type}
                  type="button"
                  className={`palette-item group-${spec.group}`}
                  draggable
                  data-node-type={spec.type}
                  title={`${spec.description} Drag onto the canvas, or press Enter to add it.`}
                  onDragStart={(event) => onDragStart(event, spec.type)}
                  onClick={() => addNode(spec.type)}
                >
                  <span className="node-icon">
                    <Icon size={15} aria-hidden />
                  </span>
                  <span className="palette-text">
                    <span className="palette-title">{spec.title}</span>
                    <span className="palette-desc">{spec.description}</span>
                  </span>
                </button>
              );
            })}
          </section>
        );
      })}
      <p className="palette-tip">
        Drag onto the canvas, or select a node and press Enter on an item to add it below.
      </p>
    </nav>
  );
}
