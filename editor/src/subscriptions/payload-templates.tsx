import { RotateCcw } from 'lucide-react';
import { useRef, useState } from 'react';
import { eventProperties, type EventType } from '../../../engine/subscriptions/event-catalog.ts';
import { defaultTemplate } from '../../../engine/subscriptions/event-payload.ts';
import type { SubscriptionInput } from '../../../engine/subscriptions/subscription-schema.ts';
import { suggestionsApi } from '../api/suggestions-api.ts';
import { useCached } from '../suggestions/use-cached.ts';
import { prettyBody } from '../webhook/request-view.tsx';
import type { CodeEditorHandle } from '../webhook/code-editor.tsx';
import { TemplateField } from '../webhook/template-field.tsx';
import { setTemplate } from './subscription-draft.ts';
import { usePayloadPreview } from './use-payload-preview.ts';

export interface PayloadTemplatesProps {
  value: SubscriptionInput;
  onChange: (next: SubscriptionInput) => void;
  errors: Readonly<Record<string, string>>;
}

/**
 * Per ticked event type, the body it is sent as: the default `{ event, time, properties }`, or
 * a custom JSON template written with the event's placeholders and the customer's attributes
 * (a placeholder without data renders `null`), previewed on a sample and reset to the default.
 */
export function PayloadTemplates({ value, onChange, errors }: PayloadTemplatesProps) {
  const [chosen, setChosen] = useState<EventType | null>(null);
  const events = value.events;
  const current = events.find((event) => event.type === chosen) ?? events[0];
  if (!current) return <p className="muted">Tick an event above to choose the body it is sent as.</p>;
  const index = events.indexOf(current);
  return (
    <div className="payload-templates">
      <div className="payload-event-list" role="tablist" aria-label="Event payloads">
        {events.map((event) => (
          <button
            key={event.type}
            type="button"
            role="tab"
            aria-selected={event === current}
            className={event === current ? 'on' : ''}
            onClick={() => setChosen(event.type)}
          >
            <span className="mono">{event.type}</span>
            <span className={`small ${event.template ? 'custom-mark' : 'muted'}`}>
              {event.template ? 'custom' : 'default'}
            </span>
          </button>
        ))}
      </div>
      <PayloadTemplateEditor
        key={current.type}
        type={current.type}
        template={current.template}
        error={errors[`events[${index}].template`]}
        onChange={(text) => onChange(setTemplate(value, current.type, text))}
      />
    </div>
  );
}

interface PayloadTemplateEditorProps {
  type: EventType;
  template: string | undefined;
  error: string | undefined;
  /** `undefined` puts the default payload back. */
  onChange: (text: string | undefined) => void;
}

function PayloadTemplateEditor({ type, template, error, onChange }: PayloadTemplateEditorProps) {
  const handle = useRef<CodeEditorHandle | null>(null);
  const preview = usePayloadPreview(type, template);
  const issue = preview?.issue
    ? { field: 'template', message: preview.issue.message, ...lineOf(preview.issue) }
    : undefined;
  return (
    <div className="payload-editor" role="tabpanel" aria-label={`${type} payload`}>
      <div className="payload-editor-main">
        <div className="payload-editor-head">
          <span className="label">
            Body of <span className="mono">{type}</span>{' '}
            <span className="muted small">{template ? '(custom template)' : '(default payload)'}</span>
          </span>
          <button
            type="button"
            className="btn small"
            disabled={template === undefined}
            onClick={() => onChange(undefined)}
          >
            <RotateCcw size={14} aria-hidden /> Reset to default
          </button>
        </div>
        <TemplateField
          field="template"
          ariaLabel={`${type} payload template`}
          value={template ?? defaultTemplate(type)}
          language="json"
          error={error ?? preview?.issue?.message}
          issue={issue}
          handle={handle}
          onChange={onChange}
        />
        <div className="payload-sample">
          <span className="label">Sample body</span>
          <pre className="http-body" data-testid="payload-sample">
            {preview?.body ? prettyBody(preview.body) : '…'}
          </pre>
        </div>
      </div>
      <PlaceholderList type={type} onInsert={(text) => handle.current?.insert(text)} />
    </div>
  );
}

const lineOf = (issue: { line?: number; column?: number }) =>
  issue.line === undefined ? {} : { line: issue.line, column: issue.column ?? 1 };

/** A key Nunjucks reads with a dot, else with brackets (`customer["first-name"]`). */
const attributePath = (key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `customer.${key}` : `customer[${JSON.stringify(key)}]`;

/** Every placeholder of the event, then the customer's attributes; a click writes it at the cursor. */
function PlaceholderList({ type, onInsert }: { type: EventType; onInsert: (text: string) => void }) {
  // The same sample of stored customers the scenario fields' suggestions read.
  const found = useCached('customer-attributes', suggestionsApi.customerAttributes);
  const placeholders = [
    { name: 'event', description: 'the event type' },
    { name: 'time', description: 'when it happened, UNIX seconds' },
    ...eventProperties(type),
  ];
  const item = (path: string, description: string) => (
    <li key={path}>
      <button type="button" className="placeholder-chip mono" onClick={() => onInsert(`{{ ${path} }}`)}>
        {path}
      </button>
      <span className="muted small">{description}</span>
    </li>
  );
  return (
    <aside className="placeholder-list" aria-label="Placeholders">
      <h4>Placeholders</h4>
      <p className="muted small">Click to insert. One without data is written as null.</p>
      <ul>{placeholders.map((placeholder) => item(placeholder.name, placeholder.description))}</ul>
      <h4>Customer attributes</h4>
      <ul>
        {item('customer.id', 'the customer id')}
        {(found?.items ?? [])
          .filter((attribute) => attribute.name !== 'id')
          .map((attribute) =>
            item(
              attributePath(attribute.name),
              `on ${attribute.count} of the last ${found!.sample} customers`,
            ),
          )}
      </ul>
      {!found?.items.length && (
        <p className="muted small">No customers stored yet: any attribute reads as customer.&lt;name&gt;.</p>
      )}
    </aside>
  );
}
