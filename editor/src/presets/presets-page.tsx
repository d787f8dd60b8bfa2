import { Download, History, Upload } from 'lucide-react';
import { type ChangeEvent, useMemo, useRef, useState } from 'react';
import {
  type ImportChoice,
  type ImportOutcome,
  PresetDefinitionSchema,
} from '../../../engine/presets/index.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { type PresetRecord, type PresetVersionRecord, presetsApi } from '../api/presets-api.ts';
import { formatAgo } from '../scenarios/format-date.ts';
import { clashesOf, type ImportClash, ImportClashes } from './import-clashes.tsx';
import { emptyPresetDraft, type PresetDraft } from './preset-draft.ts';
import { PresetEditor } from './preset-editor.tsx';
import { downloadJson, presetFileName, readJsonFile } from './preset-files.ts';
import { PresetVersionsDrawer } from './preset-versions-drawer.tsx';
import { usePresetList } from './use-preset-list.ts';
import { PageHead } from '../ui/page-head.tsx';
import { RecordTable } from '../ui/record-table.tsx';

type Editing = { initial: PresetDraft; record: PresetRecord | null } | null;

/** An import the server held back because names clash: the file, and what to ask about. */
interface PendingImport {
  fileName: string;
  document: unknown;
  clashes: ImportClash[];
}

/** Settings → Presets: author reusable webhooks, see their versions, export and import them. */
export function PresetsPage() {
  const { items, library, error, setError, reload } = usePresetList();
  const [editing, setEditing] = useState<Editing>(null);
  const [history, setHistory] = useState<PresetRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const categories = useMemo(
    () =>
      [
        ...new Set([
          ...(items ?? []).map((preset) => preset.definition.category),
          ...library.map((preset) => preset.category),
        ]),
      ].sort(),
    [items, library],
  );

  const run = (action: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    action().catch((failure: unknown) => setError(errorMessage(failure)));
  };
  const startFromLibrary = (id: string) => {
    const template = library.find((preset) => preset.id === id);
    if (!template) return;
    const { id: _id, version: _version, slug: _slug, ...definition } = template;
    const copy = PresetDefinitionSchema.parse({ ...definition, name: `${definition.name} (copy)` });
    setEditing({ initial: copy, record: null });
  };
  const saved = (record: PresetRecord) =>
    run(async () => {
      setEditing(null);
      setNotice(`Saved ${record.name} as version ${record.version}.`);
      await reload();
    });
  const restore = (preset: PresetRecord, version: PresetVersionRecord) =>
    run(async () => {
      const record = await presetsApi.update(preset.id, version.definition);
      setHistory(null);
      setNotice(`Restored v${version.version} of ${preset.name} as version ${record.version}.`);
      await reload();
    });
  const remove = (preset: PresetRecord) => {
    const question = `Delete the preset "${preset.name}"? Scenario nodes made from it can no longer be activated.`;
    if (!window.confirm(question)) return;
    run(async () => {
      await presetsApi.remove(preset.id);
      await reload();
    });
  };
  const sendImport = (fileName: string, document: unknown, resolutions: Record<string, ImportChoice> = {}) =>
    run(async () => {
      setPending(null);
      let result;
      try {
        result = await presetsApi.import(document, resolutions);
      } catch (failure) {
        // Names taken here: ask what each becomes, then send the file again with the answers.
        const clashes =
          failure instanceof ApiError && failure.status === 409 ? clashesOf(failure.issues, document) : [];
        if (clashes.length === 0) throw failure;
        return setPending({ fileName, document, clashes });
      }
      setNotice(importSummary(fileName, result.outcomes));
      await reload();
    });
  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    run(async () => sendImport(file.name, await readJsonFile(file)));
  };

  return (
    <div className="page presets-page">
      <PageHead
        title="Presets"
        description="Reusable webhooks: marketers drop them on the canvas and fill in only their parameters."
        error={error}
        actions={
          !editing && (
            <div className="head-actions">
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                hidden
                onChange={importFile}
                aria-label="Import presets file"
              />
              <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
                <Upload size={14} aria-hidden /> Import
              </button>
              <button
                type="button"
                className="btn"
                disabled={!items?.length}
                onClick={() =>
                  run(async () => downloadJson('hookflow-presets.json', await presetsApi.export()))
                }
              >
                <Download size={14} aria-hidden /> Export all
              </button>
              <select
                aria-label="Start from a library template"
                value=""
                onChange={(event) => startFromLibrary(event.target.value)}
              >
                <option value="">Start from a template…</option>
                {library.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.category} · {preset.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn primary"
                onClick={() => setEditing({ initial: emptyPresetDraft(), record: null })}
              >
                New preset
              </button>
            </div>
          )
        }
      />
      {notice && (
        <p role="status" className="page-notice">
          {notice}
        </p>
      )}
      {pending && (
        <ImportClashes
          fileName={pending.fileName}
          clashes={pending.clashes}
          onImport={(resolutions) => sendImport(pending.fileName, pending.document, resolutions)}
          onCancel={() => setPending(null)}
        />
      )}
      {editing && (
        <PresetEditor
          key={editing.record?.id ?? 'new'}
          initial={editing.initial}
          editing={editing.record}
          categories={categories}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      {!editing && (
        <PresetTable
          items={items}
          onEdit={(record) => setEditing({ initial: record.definition, record })}
          onHistory={setHistory}
          onExport={(record) =>
            run(async () => downloadJson(presetFileName(record.name), await presetsApi.export([record.id])))
          }
          onDelete={remove}
        />
      )}
      {history && (
        <PresetVersionsDrawer
          preset={history}
          onRestore={(version) => restore(history, version)}
          onClose={() => setHistory(null)}
        />
      )}
    </div>
  );
}

/** "Imported 2 presets from x.json (1 as a new version, 1 skipped)." and the word on credentials. */
function importSummary(fileName: string, outcomes: ImportOutcome[]): string {
  const count = (kind: ImportOutcome['outcome']) => outcomes.filter((item) => item.outcome === kind).length;
  const saved = count('created') + count('new-version');
  const details = [
    count('new-version') && `${count('new-version')} as a new version`,
    count('unchanged') && `${count('unchanged')} already the same`,
    count('skipped') && `${count('skipped')} skipped`,
  ].filter(Boolean);
  return (
    `Imported ${saved} preset${saved === 1 ? '' : 's'} from ${fileName}${details.length ? ` (${details.join(', ')})` : ''}. ` +
    'Credentials are not exported: choose an authentication integration where one is needed.'
  );
}

interface PresetTableProps {
  items: PresetRecord[] | null;
  onEdit: (record: PresetRecord) => void;
  onHistory: (record: PresetRecord) => void;
  onExport: (record: PresetRecord) => void;
  onDelete: (record: PresetRecord) => void;
}

function PresetTable({ items, onEdit, onHistory, onExport, onDelete }: PresetTableProps) {
  return (
    <RecordTable
      items={items}
      columns={['Name', 'Category', 'Request', { label: 'Version', numeric: true }, 'Updated']}
      empty={{
        title: 'No presets yet',
        hint: 'Create one, start from a library template, or import a file exported elsewhere.',
      }}
    >
      {(rows) =>
        rows.map((item) => (
          <tr key={item.id} data-preset-id={item.id}>
            <td className="scenario-name">
              {item.name}
              {item.definition.webhook.batch && <span className="badge">batch</span>}
              {item.needsCredentials && (
                <span className="badge warn-badge" title="Imported: choose its authentication integration">
                  needs credentials
                </span>
              )}
              {item.definition.description && (
                <div className="preset-desc">{item.definition.description}</div>
              )}
            </td>
            <td>{item.definition.category}</td>
            <td className="mono small request-cell">
              {item.definition.webhook.method} {item.definition.webhook.url}
            </td>
            <td className="numeric">v{item.version}</td>
            <td className="small muted">{formatAgo(item.updatedAt)}</td>
            <td className="row-actions">
              <button type="button" className="btn small" onClick={() => onEdit(item)}>
                Edit
              </button>
              <button type="button" className="btn small" onClick={() => onHistory(item)}>
                <History size={14} aria-hidden /> Versions
              </button>
              <button type="button" className="btn small" onClick={() => onExport(item)}>
                <Download size={14} aria-hidden /> Export
              </button>
              <button type="button" className="btn small ghost" onClick={() => onDelete(item)}>
                Delete
              </button>
            </td>
          </tr>
        ))
      }
    </RecordTable>
  );
}
