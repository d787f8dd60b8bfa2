import { useEffect, useMemo, useState } from 'react';
import type { WebhookConfig } from '../../../engine/scenario/index.ts';
import { recordOf } from '../inspector/config-values.ts';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { PresetForm } from '../presets/preset-form.tsx';
import { presetRefOf } from '../presets/preset-node.ts';
import { EndpointTab } from './endpoint-tab.tsx';
import { parameterErrors } from './parameter-errors.ts';
import { ParametersTab } from './parameters-tab.tsx';
import { PayloadTab } from './payload-tab.tsx';
import { scanParameters } from './scan-parameters.ts';
import { SettingsTab } from './settings-tab.tsx';
import { bodyFormat, templateSources } from './template-sources.ts';
import { TestWebhook } from './test-webhook.tsx';
import { useTemplateCheck } from './use-template-check.ts';

const TABS = [
  {
    id: 'endpoint',
    title: 'Endpoint',
    fields: ['config.method', 'config.url', 'config.query', 'config.headers', 'config.integrationId'],
  },
  {
    id: 'payload',
    title: 'Payload',
    fields: ['config.body', 'config.format', 'config.batch.customerTemplate'],
  },
  { id: 'parameters', title: 'Parameters', fields: ['config.parameters'] },
  {
    id: 'settings',
    title: 'Settings',
    fields: [
      'config.batch',
      'config.throughputPolicyId',
      'config.timeoutMs',
      'config.responseFormat',
      'config.retry',
    ],
  },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function tabForField(field: string): TabId | undefined {
  return TABS.find((tab) => tab.fields.some((prefix) => field === prefix || field.startsWith(`${prefix}.`)))
    ?.id;
}

/** The webhook inspector: a preset node shows its preset's parameters, any other the template tabs. */
export function WebhookForm(props: NodeFormProps) {
  const presetRef = presetRefOf(props.config);
  return presetRef ? <PresetForm {...props} presetRef={presetRef} /> : <TemplateWebhookForm {...props} />;
}

/** Endpoint, Payload, Parameters and Settings tabs, then Test webhook. */
function TemplateWebhookForm(props: NodeFormProps) {
  const { nodeId, config, focus } = props;
  const [tab, setTab] = useState<TabId>('endpoint');
  const sources = useMemo(() => templateSources(config), [config]);
  const scan = useMemo(() => scanParameters(sources), [sources]);
  const templateIssues = useTemplateCheck({
    sources,
    parameters: recordOf(config.parameters) as WebhookConfig['parameters'],
    ...bodyFormat(config),
  });
  // What the browser and the live check found now wins over the last validation's word.
  const errors = useMemo(
    () => ({
      ...props.errors,
      ...(scan.error ? { 'config.parameters': scan.error } : {}),
      ...parameterErrors(scan.parameters, config.parameters),
      ...Object.fromEntries(templateIssues.map((issue) => [issue.field, issue.message])),
    }),
    [props.errors, scan, config.parameters, templateIssues],
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
            {id === 'parameters' && scan.parameters.length > 0 && (
              <span className="tab-count">{scan.parameters.length}</span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'endpoint' && <EndpointTab {...tabProps} />}
        {tab === 'payload' && <PayloadTab {...tabProps} templateIssues={templateIssues} />}
        {tab === 'parameters' && <ParametersTab {...tabProps} scan={scan} />}
        {tab === 'settings' && <SettingsTab {...tabProps} />}
      </div>
      <TestWebhook nodeId={nodeId} config={config} />
    </div>
  );
}
