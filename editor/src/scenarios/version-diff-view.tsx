import { useMemo } from 'react';
import { type DefinitionLike, diffDefinitions, isEmptyDiff } from './diff-definitions.ts';

const show = (value: unknown): string =>
  value === undefined ? '∅' : typeof value === 'string' ? value || '""' : JSON.stringify(value);

const nodeName = (node: { id: string; type: string; label?: string }) =>
  `${node.label || node.id} (${node.type})`;

/** Renders a definition diff: nodes added, removed, changed (per field), and edge changes. */
export function VersionDiffView({ before, after }: { before: DefinitionLike; after: DefinitionLike }) {
  const diff = useMemo(() => diffDefinitions(before, after), [before, after]);
  if (isEmptyDiff(diff)) {
    return (
      <p className="muted diff-empty">No differences{diff.moved.length ? ' (only positions moved)' : ''}.</p>
    );
  }
  return (
    <div className="diff" aria-label="Differences">
      {diff.added.map((node) => (
        <div key={`+${node.id}`} className="diff-item added">
          <span className="diff-sign">+</span> {nodeName(node)} added
        </div>
      ))}
      {diff.removed.map((node) => (
        <div key={`-${node.id}`} className="diff-item removed">
          <span className="diff-sign">−</span> {nodeName(node)} removed
        </div>
      ))}
      {diff.changed.map(({ node, changes }) => (
        <div key={`~${node.id}`} className="diff-item changed">
          <div>
            <span className="diff-sign">~</span> {nodeName(node)} changed
          </div>
          <table className="diff-fields">
            <tbody>
              {changes.map((change) => (
                <tr key={change.path}>
                  <th scope="row">{change.path}</th>
                  <td className="before">{show(change.before)}</td>
                  <td className="after">{show(change.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {diff.edgesAdded.map((edge) => (
        <div key={`+e${edge}`} className="diff-item added">
          <span className="diff-sign">+</span> connection {edge}
        </div>
      ))}
      {diff.edgesRemoved.map((edge) => (
        <div key={`-e${edge}`} className="diff-item removed">
          <span className="diff-sign">−</span> connection {edge}
        </div>
      ))}
      {diff.moved.length > 0 && <p className="muted small">{diff.moved.length} node(s) only moved.</p>}
    </div>
  );
}
