import { ArrowUpCircle, BookOpen, KeyRound, Package } from 'lucide-react';
import type { PresetCredentials } from '../../../engine/presets/index.ts';
import { useMemo } from 'react';
import { text } from '../inspector/config-values.ts';
import { IntegrationPicker } from '../integrations/integration-picker.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { parameterErrors } from '../webhook/parameter-errors.ts';
import { ParameterFields } from '../webhook/parameter-fields.tsx';
import { BatchTemplatesView } from '../webhook/batch-templates-view.tsx';
import { TestWebhook } from '../webhook/test-webhook.tsx';
import { usePresetCatalog } from './preset-catalog.ts';
import { fillFromPreset, type PresetRef } from './preset-node.ts';
import { type PresetParameter, presetParameters } from './preset-parameters.ts';
import { usePresetDefinition } from './use-preset-definition.ts';

/**
 * The inspector of a webhook made from a preset: which preset and version, an update when a
 * newer version exists, the integration, and only the preset's parameters; the templates stay
 * in the preset.
 */
export function PresetForm(props: NodeFormProps & { presetRef: PresetRef }) {
  const { nodeId, config, errors, onChange, presetRef } = props;
  const loaded = usePresetDefinition(presetRef);
  const definition = loaded.status === 'ready' ? loaded.definition : null;
  const parameters = useMemo(() => (definition ? presetParameters(definition) : []), [definition]);
  const full = useMemo(() => (definition ? fillFromPreset(config, definition) : null), [config, definition]);
  // A value that does not fit its type shows at once; an edit dismisses the last validation's word.
  const shown = useMemo(
    () => ({ ...errors, ...parameterErrors(parameters, config.parameters) }),
    [errors, parameters, config.parameters],
  );
  return (
    <div className="preset-form">
      <PresetHeader
        presetRef={presetRef}
        error={errors['config.preset']}
        onUpdate={(version) => onChange({ preset: { id: presetRef.id, version } }, 'preset')}
      />
      {loaded.status === 'loading' && <p className="muted small">Loading the preset…</p>}
      {loaded.status === 'missing' && (
        <p className="alert small" role="alert">
          This preset (or its version {presetRef.version}) no longer exists.
        </p>
      )}
      {loaded.status === 'error' && (
        <p className="alert small" role="alert">
          {loaded.message}
        </p>
      )}
      {definition && (
        <>
          <IntegrationPicker
            value={text(config.integrationId) || undefined}
            errors={errors}
            defaultId={definition.integrationId}
            onChange={(integrationId) => onChange({ integrationId }, 'integrationId')}
          />
          {definition.credentials && !text(config.integrationId) && !definition.integrationId && (
            <CredentialsNeeded name={definition.name} credentials={definition.credentials} />
          )}
          <h4 className="section-title">Parameters</h4>
          {parameters.length === 0 && <p className="muted small">This preset has no parameters.</p>}
          <ParameterFields
            parameters={parameters}
            config={config}
            errors={shown}
            onChange={onChange}
            hint={hintFor}
          />
        </>
      )}
      {definition && <BatchTemplatesView webhook={definition.webhook} />}
      {full && <TestWebhook nodeId={nodeId} config={full} />}
    </div>
  );
}

/** Which integration a preset's credentials need, when the node has none yet. */
function CredentialsNeeded({ name, credentials }: { name: string; credentials: PresetCredentials }) {
  return (
    <p className="notice-box small" role="note" data-testid="credentials-needed">
      <KeyRound size={14} aria-hidden /> {name} sends {credentials.help || 'its credentials'} through an
      integration, never in the scenario: create a <strong>{credentials.type}</strong> integration
      {credentials.headers.length > 0 && (
        <>
          {' '}
          with the secret header <code>{credentials.headers.join(', ')}</code>
        </>
      )}{' '}
      for <code>{credentials.endpointPrefix}</code> under{' '}
      <a href="#/settings/integrations">Settings → Integrations</a>, then choose it above.
    </p>
  );
}

interface PresetHeaderProps {
  presetRef: PresetRef;
  error: string | undefined;
  onUpdate: (version: number) => void;
}

function PresetHeader({ presetRef, error, onUpdate }: PresetHeaderProps) {
  const latest = usePresetCatalog((state) => state.presets[presetRef.id]);
  const newer = latest && latest.version > presetRef.version ? latest.version : null;
  return (
    <div className="preset-head" data-field="config.preset">
      <div className="preset-head-row">
        <Package size={16} aria-hidden />
        <strong className="preset-name">{latest?.name ?? presetRef.id}</strong>
        <span className="badge">v{presetRef.version}</span>
        {latest?.library && <span className="badge">library</span>}
        {latest?.definition.docs && (
          <a className="small" href={latest.definition.docs} target="_blank" rel="noreferrer">
            <BookOpen size={13} aria-hidden /> Docs
          </a>
        )}
      </div>
      {latest?.definition.description && <p className="muted small">{latest.definition.description}</p>}
      {newer !== null && (
        <div className="preset-update" role="status">
          Newer version available: v{newer}
          <button type="button" className="btn small" onClick={() => onUpdate(newer)}>
            <ArrowUpCircle size={14} aria-hidden /> Update to v{newer}
          </button>
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function hintFor(parameter: PresetParameter): string {
  const type = parameter.type === 'enum' ? `one of ${parameter.options.join(', ')}` : parameter.type;
  const fallback = parameter.default === undefined ? 'required' : `default ${parameter.default || '(empty)'}`;
  return [parameter.help, `${type} · ${fallback}`].filter(Boolean).join(' — ');
}
