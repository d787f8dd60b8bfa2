import type { NodeProps } from '@xyflow/react';
import { UserPen } from 'lucide-react';
import { memo, useMemo } from 'react';
import { ATTRIBUTE_KINDS, SetAttributesNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { listOf, text } from '../inspector/config-values.ts';
import { KeyValueEditor } from '../inspector/key-value-editor.tsx';
import { useEditorStore } from '../store/editor-store-context.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';

// A type literal, not an interface: the rows editor takes pairs with an index signature.
type Attribute = { key?: unknown; value?: unknown; as?: unknown };

function SetAttributesForm({ config, errors, onChange }: NodeFormProps) {
  const listError = errors['config.attributes'];
  return (
    <>
      <p className="muted small">
        Saved on the customer when a run passes here; later nodes read them as{' '}
        <code>{'{{ customer.plan }}'}</code>. Values are templates, e.g.{' '}
        <code>{'{{ webhook.body.plan }}'}</code>.
      </p>
      <KeyValueEditor
        path="config.attributes"
        noun="Attribute"
        pairs={listOf<Attribute>(config.attributes)}
        errors={errors}
        keyPlaceholder="plan"
        emptyText="No attributes yet."
        newPair={{ key: '', value: '', as: 'text' }}
        rowExtra={(pair, index, set) => (
          <select
            aria-label={`Attribute ${index + 1} type`}
            value={text(pair.as, 'text')}
            onChange={(event) => set({ as: event.target.value }, 'as')}
          >
            {ATTRIBUTE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        )}
        onChange={(attributes, key) => onChange({ attributes }, key)}
      />
      {listError && (
        <p className="field-error" data-field="config.attributes">
          {listError}
        </p>
      )}
    </>
  );
}

/**
 * `customer.<name>` for every attribute the scenario's set-attributes nodes write, for the field
 * suggestions of rules. Selected as one string, so the form re-renders only when a name changes.
 */
export function useSetAttributeFields(): string[] {
  const joined = useEditorStore((state) =>
    [
      ...new Set(
        state.nodes.flatMap((node) =>
          node.type === 'set-attributes'
            ? listOf<Attribute>(node.data.config.attributes)
                .map((attribute) => text(attribute.key).trim())
                .filter(Boolean)
                .map((key) => `customer.${key}`)
            : [],
        ),
      ),
    ]
      .sort()
      .join('\n'),
  );
  return useMemo(() => (joined ? joined.split('\n') : []), [joined]);
}

function summary(config: Record<string, unknown>): string {
  const keys = listOf<Attribute>(config.attributes)
    .map((attribute) => text(attribute.key).trim())
    .filter(Boolean);
  return keys.length > 0 ? `sets ${keys.join(', ')}` : '';
}

export const setAttributesNode: NodeSpec = {
  type: 'set-attributes',
  title: 'Set attributes',
  group: 'actions',
  description: 'Saves values on the customer, for later nodes and later runs.',
  icon: UserPen,
  schema: SetAttributesNodeSchema,
  defaultConfig: () => ({ attributes: [{ key: '', value: '', as: 'text' }] }),
  summary,
  Component: memo(function SetAttributesNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={setAttributesNode} />;
  }, sameCard),
  Form: SetAttributesForm,
  fieldLabels: {
    'config.attributes': 'Attributes',
    'config.attributes.#.key': 'Attribute # name',
    'config.attributes.#.value': 'Attribute # value',
    'config.attributes.#.as': 'Attribute # type',
  },
};
