import { useMemo } from 'react';
import { nodeFieldLabel, nodeKind, nodeName } from '../nodes/node-names.ts';
import { type DefinitionLike, diffDefinitions, isEmptyDiff } from './diff-definitions.ts';

const show = (value: unknown): string =>
  value === undefined ? '∅' : typeof value === 'string' ? value || '""' : JSON.stringify(value);

type DiffNode = DefinitionLike['nodes'][number];
type DiffEdge = DefinitionLike['edges'][number];

const named = (node: DiffNode) => {
  const [name, kind] = [nodeName(node), nodeKind(node)];
  return name === kind ? kind : `${name} (${kind})`;
};

/** `Signup → Notify (yes)`, by the names of the nodes on either side of the diff. */
function connection(edge: DiffEdge, sides: DefinitionLike[]): string {
  const name = (id: string) => {
    const node = sides.flatMap((side) => side.nodes).find((candidate) => candidate.id === id);
    return node ? nodeName(node) : id;
  };
  const handle = edge.sourceHandle && edge.sourceHandle !== 'out' ? ` (${edge.sourceHandle})` : '';
  return `${name(edge.source)} → ${name(edge.target)}${handle}`;
}

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
          <span className="diff-sign">+</span> {named(node)} added
        </div>
      ))}
      {diff.removed.map((node) => (
        <div key={`-${node.id}`} className="diff-item removed">
          <span className="diff-sign">−</span> {named(node)} removed
        </div>
      ))}
      {diff.changed.map(({ node, changes }) => (
        <div key={`~${node.id}`} className="diff-item changed">
          <div>
            <span className="diff-sign">~</span> {named(node)} changed
          </div>
          <table className="diff-fields">
            <tbody>
              {changes.map((change) => (
                <tr key={change.path}>
                  <th scope="row" title={change.path}>
                    {nodeFieldLabel(node.type, change.path)}
                  </th>
                  <td className="before">{show(change.before)}</td>
                  <td className="after">{show(change.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {diff.edgesAdded.map((edge) => (
        <div key={`+e${edge.id}`} className="diff-item added">
          <span className="diff-sign">+</span> connection {connection(edge, [after, before])}
        </div>
      ))}
      {diff.edgesRemoved.map((edge) => (
        <div key={`-e${edge.id}`} className="diff-item removed">
          <span className="diff-sign">−</span> connection {connection(edge, [before, after])}
        </div>
      ))}
      {diff.moved.length > 0 && <p className="muted small">{diff.moved.length} node(s) only moved.</p>}
    </div>
  );
}
