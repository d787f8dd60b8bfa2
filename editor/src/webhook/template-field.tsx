import { lazy, type RefObject, Suspense, useMemo } from 'react';
import type { TemplateIssue } from '../api/api-types.ts';
import { useFieldSuggestions } from '../suggestions/field-suggestions.tsx';
import type { CodeEditorHandle, CodeLanguage } from './code-editor.tsx';
import { cleanMessage, templateDiagnostic } from './template-diagnostics.ts';

// CodeMirror is the largest dependency and only template fields need it: load it when one shows.
const CodeEditor = lazy(() => import('./code-editor.tsx').then((module) => ({ default: module.CodeEditor })));

export interface TemplateFieldProps {
  /** Config path, e.g. `config.body`; the issues list focuses `[data-field=…]`. */
  field: string;
  /** Shown above the editor; also its accessible name. */
  label?: string;
  ariaLabel: string;
  value: string;
  language: CodeLanguage;
  /** The field's message from the schema or the live template check. */
  error: string | undefined;
  /** The live check's issue in this source, marked inline where the server located it. */
  issue: TemplateIssue | undefined;
  placeholderText?: string;
  readOnly?: boolean;
  onChange?: (value: string) => void;
  /** Set to the code editor's handle once it has loaded. */
  handle?: RefObject<CodeEditorHandle | null>;
}

/** One Nunjucks template in a code editor, with its error marked inline and written under it. */
export function TemplateField(props: TemplateFieldProps) {
  const {
    field,
    label,
    ariaLabel,
    value,
    language,
    error,
    issue,
    placeholderText,
    readOnly,
    onChange,
    handle,
  } = props;
  const diagnostics = useMemo(() => {
    const located = issue && templateDiagnostic(value, issue);
    return located ? [located] : [];
  }, [value, issue]);
  const completions = useFieldSuggestions();
  const testId = `${field.replace(/^config\./, '').replaceAll('.', '-')}-error`;
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={field}>
      {label && <span className="label">{label}</span>}
      <Suspense fallback={<div className="code-editor loading">Loading editor…</div>}>
        <CodeEditor
          value={value}
          language={language}
          diagnostics={diagnostics}
          completions={completions}
          ariaLabel={ariaLabel}
          placeholderText={placeholderText ?? ''}
          readOnly={readOnly ?? false}
          onChange={(next) => onChange?.(next)}
          {...(handle ? { handle } : {})}
        />
      </Suspense>
      {error && (
        <p className="field-error" role="alert" data-testid={testId}>
          {cleanMessage(error)}
        </p>
      )}
    </div>
  );
}
