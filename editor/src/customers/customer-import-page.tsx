import { Upload } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../api/api-client.ts';
import { PageHead } from '../ui/page-head.tsx';
import { type ImportReport, uploadImport } from './upload-import.ts';

type State =
  | { step: 'idle' }
  | { step: 'sending'; name: string; share: number }
  | { step: 'done'; name: string; report: ImportReport }
  | { step: 'failed'; name: string; message: string };

/** Settings → Import customers: upload an NDJSON or CSV file, see it go, then what was refused. */
export function CustomerImportPage() {
  const [state, setState] = useState<State>({ step: 'idle' });
  const start = async (file: File) => {
    setState({ step: 'sending', name: file.name, share: 0 });
    try {
      const report = await uploadImport(file, (share) =>
        setState((current) => (current.step === 'sending' ? { ...current, share } : current)),
      );
      setState({ step: 'done', name: file.name, report });
    } catch (failure) {
      setState({ step: 'failed', name: file.name, message: errorMessage(failure) });
    }
  };
  return (
    <div className="page customer-import-page">
      <PageHead
        title="Import customers"
        description={
          <>
            Creates or updates customers from a file: NDJSON, one{' '}
            <code>{'{"id": "…", "attributes": {…}}'}</code> per line, or CSV with a header line naming the
            columns (<code>id</code> and one column per attribute). Attributes are merged into those already
            stored; a bad line is reported and the others are imported.
          </>
        }
      />
      <label className={`btn primary file-pick${state.step === 'sending' ? ' disabled' : ''}`}>
        <Upload size={14} aria-hidden /> Choose a file…
        <input
          type="file"
          accept=".ndjson,.jsonl,.json,.csv,text/csv,application/x-ndjson"
          aria-label="Customers file"
          disabled={state.step === 'sending'}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void start(file);
          }}
        />
      </label>
      {state.step !== 'idle' && <ImportStatus state={state} />}
    </div>
  );
}

function ImportStatus({ state }: { state: Exclude<State, { step: 'idle' }> }) {
  const share = state.step === 'sending' ? state.share : 1;
  const percent = Math.round(share * 100);
  return (
    <section className="import-status" aria-label="Import">
      <p>
        <strong>{state.name}</strong>{' '}
        {state.step === 'sending' && (percent < 100 ? `${percent} % sent` : 'finishing the last lines…')}
      </p>
      <progress
        max={100}
        value={state.step === 'failed' ? 0 : percent}
        aria-label="Import progress"
        data-step={state.step}
      />
      {state.step === 'failed' && (
        <p role="alert" className="alert">
          {state.message}
        </p>
      )}
      {state.step === 'done' && <ImportResult report={state.report} />}
    </section>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    <>
      <p className="import-summary" data-testid="import-summary">
        {count(report.imported)} customer{report.imported === 1 ? '' : 's'} imported from{' '}
        {count(report.lines)} line{report.lines === 1 ? '' : 's'}
        {report.failed > 0 ? `, ${count(report.failed)} refused` : ''}.
      </p>
      {report.errors.length > 0 && (
        <table className="scenario-table card import-errors">
          <thead>
            <tr>
              <th>Line</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((error) => (
              <tr key={error.line}>
                <td className="mono">{error.line}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.errorsTruncated && (
        <p className="muted small">Only the first {count(report.errors.length)} problems are listed.</p>
      )}
    </>
  );
}
