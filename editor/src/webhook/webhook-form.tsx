import { useEffect, useMemo, useState } from 'react';
import { listOf, text } from '../inspector/config-values.ts';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { extractParams } from './bracket-params.ts';
import { EndpointTab } from './endpoint-tab.tsx';
import { ParametersTab } from './parameters-tab.tsx';
import { PayloadTab } from './payload-tab.tsx';
import { SettingsTab } from './settings-tab.tsx';
import { TestWebhook } from './test-webhook.tsx';
import { useTemplateIssues } from './use-template-issues.ts';

const TABS = [
  {
    id: 'endpoint',
    title: 'Endpoint',
    fields: ['config.method', 'config.url', 'config.query', 'config.headers'],
  },
  { id: 'payload', title: 'Payload', fields: ['config.body', 'config.format'] },
  { id: 'parameters', title: 'Parameters', fields: ['config.parameters'] },
  {
    id: 'settings',
    title: 'Settings',
    fields: ['config.timeoutMs', 'config.responseFormat', 'config.retry'],
  },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function tabForField(field: string): TabId | undefined {
  return TABS.find((tab) => tab.fields.some((prefix) => field === prefix || field.startsWith(`${prefix}.`)))
    ?.id;
}

/** The webhook inspector: Endpoint, Payload, Parameters and Settings tabs, then Test webhook. */
export function WebhookForm(props: NodeFormProps) {
  const { nodeId, config, focus } = props;
  const [tab, setTab] = useState<TabId>('endpoint');
  const templateIssues = useTemplateIssues(nodeId, config);
  const errors = useMemo(() => ({ ...props.errors, ...templateIssues }), [props.errors, templateIssues]);
  const params = useMemo(
    () =>
      extractParams([
        text(config.url),
        ...listOf<{ value?: unknown }>(config.query).map((param) => text(param.value)),
        ...listOf<{ value?: unknown }>(config.headers).map((header) => text(header.value)),
        text(config.body),
      ]),
    [config.url, config.query, config.headers, config.body],
  );

  useEffect(() => {
    const wanted = focus?.field && tabForField(focus.field);
    if (wanted) setTab(wanted);
  }, [focus]);

  const tabErrors = (id: TabId) => Object.keys(errors).some((field) => tabForField(field) === id);
  const tabProps = { ...props, errors };
  return (
    <div className="webhook-form">
      <div className="tabs" role="tablist" aria-label="Webhook settings">
        {TABS.map(({ id, title }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            className={`tab${tab === id ? ' on' : ''}${tabErrors(id) ? ' has-error' : ''}`}
            onClick={() => setTab(id)}
          >
            {title}
            {id === 'parameters' && params.length > 0 && <span className="tab-count">{params.length}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'endpoint' && <EndpointTab {...tabProps} />}
        {tab === 'payload' && <PayloadTab {...tabProps} />}
        {tab === 'parameters' && <ParametersTab {...tabProps} params={params} />}
        {tab === 'settings' && <SettingsTab {...tabProps} />}
      </div>
      <TestWebhook nodeId={nodeId} config={config} />
    </div>
  );
}
