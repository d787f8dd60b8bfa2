import { text } from '../inspector/config-values.ts';
import { batchOf, batchSize, BATCH_DEFAULT_WINDOW_MS } from './batch-config.ts';
import type { CodeLanguage } from './code-editor.tsx';
import { TemplateField } from './template-field.tsx';

const NO_ERRORS = { error: undefined, issue: undefined } as const;

/**
 * The Customer and Root templates of a batch preset, read-only: they live in the preset (edit
 * the preset to change them); the node only fills its parameters.
 */
export function BatchTemplatesView({ webhook }: { webhook: Record<string, unknown> }) {
  const batch = batchOf(webhook);
  if (!batch) return null;
  const language =
    (['json', 'text', 'xml'] as const).find((id) => id === webhook.format) ?? ('json' as CodeLanguage);
  const windowMs = typeof batch.windowMs === 'number' ? batch.windowMs : BATCH_DEFAULT_WINDOW_MS;
  return (
    <details className="batch-templates-view" data-testid="preset-batch-templates" open>
      <summary>
        Batch webhook · {batchSize(batch)} customers per request · window {windowMs / 1000} s
      </summary>
      <TemplateField
        {...NO_ERRORS}
        field="preset.batch.customerTemplate"
        label="Customer template (from the preset)"
        ariaLabel="Preset customer template"
        value={text(batch.customerTemplate)}
        language={language}
        readOnly
      />
      <TemplateField
        {...NO_ERRORS}
        field="preset.body"
        label="Root template (from the preset)"
        ariaLabel="Preset root template"
        value={text(webhook.body)}
        language={language}
        readOnly
      />
    </details>
  );
}
