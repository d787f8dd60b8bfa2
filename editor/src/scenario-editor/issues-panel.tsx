import { CircleAlert, X } from 'lucide-react';
import { describeIssue, type ValidationIssue } from '../../../engine/scenario/index.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';
import { cleanMessage } from '../webhook/template-diagnostics.ts';

/** The problems the last validation found; clicking one selects the node and focuses the field. */
export function IssuesPanel({ onClose }: { onClose: () => void }) {
  const issues = useEditorStore((state) => state.issues);
  const focusIssue = useEditorStore((state) => state.focusIssue);
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
          {issues.map((issue: ValidationIssue, index) => (
            <li key={`${index}-${issue.message}`}>
              <button
                type="button"
                className="issue"
                disabled={!issue.nodeId}
                onClick={() => focusIssue(issue)}
              >
                {issue.nodeId && <code>{issue.nodeId}</code>}
                {issue.field && <span className="issue-field">{issue.field}</span>}
                <span>{cleanMessage(issue.nodeId ? issue.message : describeIssue(issue))}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
