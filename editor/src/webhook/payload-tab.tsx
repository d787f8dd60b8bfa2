import { lazy, Suspense, useMemo } from 'react';
import type { TemplateIssue } from '../api/api-types.ts';
import { text } from '../inspector/config-values.ts';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import type { CodeLanguage } from './code-editor.tsx';
import { cleanMessage, templateDiagnostic } from './template-diagnostics.ts';

const FORMATS: { id: CodeLanguage; label: string }[] = [
  { id: 'json', label: 'JSON' },
  { id: 'text', label: 'TEXT' },
  { id: 'xml', label: 'XML' },
];

// CodeMirror is the largest dependency and only this tab needs it: load it when the tab opens.
const CodeEditor = lazy(() => import('./code-editor.tsx').then((module) => ({ default: module.CodeEditor })));

const PLACEHOLDER =
  '{\n  "customer": "{{ customer.id }}",\n  "plan": {{ event.properties.plan | tojson }}\n}';

export interface PayloadTabProps extends NodeFormProps {
  /** The live template check's error in the body, marked where the server located it. */
  bodyIssue: TemplateIssue | undefined;
}

/** The request body: a Nunjucks template in JSON, text or XML, with template errors marked inline. */
export function PayloadTab({ config, errors, onChange, bodyIssue }: PayloadTabProps) {
  const body = text(config.body);
  const format = (['json', 'text', 'xml'] as const).find((id) => id === config.format) ?? 'json';
  const bodyError = errors['config.body'];
  const diagnostics = useMemo(() => {
    const located = bodyIssue && templateDiagnostic(body, bodyIssue);
    return located ? [located] : [];
  }, [body, bodyIssue]);
  return (
    <>
      <div className="payload-head">
        <span className="label">Payload</span>
        <div
          className="segmented small"
          role="radiogroup"
          aria-label="Payload format"
          data-field="config.format"
        >
          {FORMATS.map((option) => (
            <button
              key={option.id}
              type="button"
              role="radio"
              aria-checked={format === option.id}
              className={format === option.id ? 'on' : ''}
              onClick={() => onChange({ format: option.id }, 'format')}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      <div className={`field${bodyError ? ' invalid' : ''}`} data-field="config.body">
        <Suspense fallback={<div className="code-editor loading">Loading editor…</div>}>
          <CodeEditor
            value={body}
            language={format}
            diagnostics={diagnostics}
            ariaLabel="Payload template"
            placeholderText={format === 'json' ? PLACEHOLDER : ''}
            onChange={(value) => onChange({ body: value }, 'body')}
          />
        </Suspense>
        {bodyError && (
          <p className="field-error" role="alert" data-testid="body-error">
            {cleanMessage(bodyError)}
          </p>
        )}
      </div>
      <p className="field-hint">
        Use <code>{'{{ customer.email }}'}</code>, <code>{'{{ event.properties.plan }}'}</code>,{' '}
        <code>{'{{ webhook.field }}'}</code>, and <code>{'[[ name : type ]]'}</code> for fields filled in
        Parameters.
      </p>
    </>
  );
}
