import { CircleAlert, X } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import type { ValidationIssue } from '../../../engine/scenario/index.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';
import { issueWords } from './issue-words.ts';

/** The problems the last validation found; clicking one selects the node and focuses the field. */
export function IssuesPanel({ onClose }: { onClose: () => void }) {
  const issues = useEditorStore((state) => state.issues);
  const focusIssue = useEditorStore((state) => state.focusIssue);
  // Flattened to strings, so moving a node does not re-render the list; renaming one does.
  const words = useEditorStore(
    useShallow((state) =>
      state.issues.flatMap((issue) => {
        const worded = issueWords(issue, state);
        return [worded.subject, worded.kind ?? '', worded.field ?? '', worded.message];
      }),
    ),
  );
  return (
    <section className="issues-panel" aria-label="Validation issues">
      <header>
        {issues.length === 0 ? (
          <strong className="ok-text">No problems found: ready to activate.</strong>
        ) : (
          <strong>
            <CircleAlert size={15} aria-hidden /> {issues.length} problem{issues.length === 1 ? '' : 's'} to
            fix before activating
          </strong>
        )}
        <button type="button" className="icon-btn" aria-label="Close issues" onClick={onClose}>
          <X size={15} aria-hidden />
        </button>
      </header>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue: ValidationIssue, index) => {
            const [subject, kind, field, message] = words.slice(index * 4, index * 4 + 4);
            return (
              <li key={`${index}-${issue.message}`}>
                <button
                  type="button"
                  className="issue"
                  disabled={!issue.nodeId}
                  onClick={() => focusIssue(issue)}
                >
                  <strong className="issue-subject">{subject}</strong>
                  {kind && <span className="issue-kind">{kind}</span>}
                  {field && <span className="issue-field">{field}</span>}
                  <span className="issue-message">{message}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
