import { type FormEvent, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client.ts';
import type { TemplateIssue } from '../api/api-types.ts';
import { type PresetRecord, presetsApi } from '../api/presets-api.ts';
import { templatesApi } from '../api/templates-api.ts';
import { Field } from '../inspector/field.tsx';
import { IntegrationPicker } from '../integrations/integration-picker.tsx';
import { bodyFormat, templateSources } from '../webhook/template-sources.ts';
import { useTemplateCheck } from '../webhook/use-template-check.ts';
import { draftErrors, draftParameters, keptHelp, type PresetDraft, templateErrors } from './preset-draft.ts';
import { PresetParameterHelp } from './preset-parameter-help.tsx';
import { PresetRequestFields } from './preset-request-fields.tsx';
import { FormFooter } from '../ui/form-footer.tsx';

export interface PresetEditorProps {
  initial: PresetDraft;
  /** The preset being edited (saving adds a version); null creates one. */
  editing: PresetRecord | null;
  /** Categories in use, offered as suggestions. */
  categories: string[];
  onSaved: (record: PresetRecord) => void;
  onCancel: () => void;
}

/** Authoring form of a preset: what it is, the request it sends, and help for its parameters. */
export function PresetEditor({ initial, editing, categories, onSaved, onCancel }: PresetEditorProps) {
  const [draft, setDraft] = useState<PresetDraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const scan = useMemo(() => draftParameters(draft), [draft]);
  const sources = useMemo(() => templateSources(draft.webhook), [draft.webhook]);
  const live = useTemplateCheck({ sources, parameters: {}, ...bodyFormat(draft.webhook) });
  // The live check waits for typing to pause; saving checks again at once and keeps what it found.
  const [checked, setChecked] = useState<TemplateIssue[]>([]);
  const issues = live.length > 0 ? live : checked;
  // Template errors show as soon as the check finds them; schema errors once saving was tried.
  const errors = useMemo(
    () => ({ ...templateErrors(issues), ...(submitted ? draftErrors(draft) : {}) }),
    [issues, draft, submitted],
  );
  const set = (patch: Partial<PresetDraft>) => {
    setChecked([]);
    setDraft((current) => ({ ...current, ...patch }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(draftErrors(draft)).length > 0 || scan.error) return;
    const definition = { ...draft, parameters: keptHelp(draft, scan) };
    setSaving(true);
    setServerError(null);
    try {
      const { issues: found } = await templatesApi.check({
        sources,
        parameters: {},
        ...bodyFormat(draft.webhook),
      });
      setChecked(found);
      if (found.length > 0) return;
      onSaved(
        editing ? await presetsApi.update(editing.id, definition) : await presetsApi.create(definition),
      );
    } catch (failure) {
      // The server judges the request as activation judges a node's: show its word at the fields.
      if (failure instanceof ApiError && failure.issues.some((issue) => issue.field))
        setChecked(failure.issues.map((issue) => ({ field: issue.field ?? '', message: issue.message })));
      setServerError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="preset-editor card" onSubmit={save} aria-label="Preset" noValidate>
      <div className="preset-editor-head">
        <h2>{editing ? `Edit ${editing.name}` : 'New preset'}</h2>
        {editing && (
          <span className="muted small">
            Saving creates version {editing.version + 1}; nodes keep the version they were made from.
          </span>
        )}
      </div>
      <section className="form-grid">
        <Field label="Name" field="name" errors={errors}>
          {(control) => (
            <input
              {...control}
              value={draft.name}
              autoFocus
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Category" field="category" errors={errors} hint="Groups it in the presets panel.">
          {(control) => (
            <>
              <input
                {...control}
                list="preset-categories"
                value={draft.category}
                onChange={(e) => set({ category: e.target.value })}
              />
              <datalist id="preset-categories">
                {categories.map((category) => (
                  <option key={category} value={category} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <div className="wide">
          <Field label="Description" field="description" errors={errors}>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={draft.description}
                onChange={(e) => set({ description: e.target.value })}
              />
            )}
          </Field>
        </div>
        <Field
          label="Documentation URL"
          field="docs"
          errors={errors}
          hint="Optional link for whoever fills it in."
        >
          {(control) => (
            <input
              {...control}
              type="url"
              value={draft.docs ?? ''}
              placeholder="https://"
              onChange={(e) => set({ docs: e.target.value.trim() || undefined })}
            />
          )}
        </Field>
        <IntegrationPicker
          value={draft.integrationId}
          errors={errors}
          noneLabel="None (chosen on each node)"
          onChange={(integrationId) => set({ integrationId })}
        />
      </section>
      <h3>Request</h3>
      <PresetRequestFields
        webhook={draft.webhook}
        errors={errors}
        issues={issues}
        onChange={(patch) => set({ webhook: { ...draft.webhook, ...patch } })}
      />
      <h3>Parameters</h3>
      <PresetParameterHelp
        scan={scan}
        help={draft.parameters}
        onChange={(name, help) => set({ parameters: { ...draft.parameters, [name]: help } })}
      />
      {(submitted || issues.length > 0) && Object.keys(errors).length > 0 && (
        <p role="alert" className="alert">
          Fix the fields marked above: {Object.values(errors)[0]}
        </p>
      )}
      <FormFooter
        error={serverError}
        submitLabel={editing ? 'Save new version' : 'Create preset'}
        busy={saving}
        onCancel={onCancel}
      />
    </form>
  );
}
