import { useEditorStore } from '../store/editor-store-context.tsx';

const SHORTCUTS: [string, string][] = [
  ['Ctrl Z', 'Undo'],
  ['Ctrl Shift Z', 'Redo'],
  ['Ctrl C / V', 'Copy / paste'],
  ['Ctrl D', 'Duplicate'],
  ['Delete', 'Remove selection'],
  ['Shift drag', 'Select an area'],
];

/** Shown when no single node is selected: what to do next, and the shortcuts. */
export function EmptyInspector({ selected }: { selected: number }) {
  const empty = useEditorStore((state) => state.nodes.length === 0);
  return (
    <div className="inspector-empty">
      {selected > 1 ? (
        <>
          <h3>{selected} nodes selected</h3>
          <p className="muted">Move them together, copy them (Ctrl C) or delete them.</p>
        </>
      ) : empty ? (
        <>
          <h3>Start with a trigger</h3>
          <p className="muted">
            Drag “Event trigger” from the palette onto the canvas, then add conditions, waits and webhooks
            below it.
          </p>
        </>
      ) : (
        <>
          <h3>Nothing selected</h3>
          <p className="muted">Select a node to edit its settings.</p>
        </>
      )}
      <h4 className="section-title">Shortcuts</h4>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
