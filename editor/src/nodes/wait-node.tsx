import type { NodeProps } from '@xyflow/react';
import { Hourglass } from 'lucide-react';
import { memo, useState } from 'react';
import { WaitNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { numberOr, text } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { FlowNode } from '../store/flow-types.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';
import { Segmented } from '../ui/segmented.tsx';

const UNITS = [
  { id: 'days', seconds: 86_400 },
  { id: 'hours', seconds: 3600 },
  { id: 'minutes', seconds: 60 },
  { id: 'seconds', seconds: 1 },
] as const;

/** The largest unit that divides the duration evenly, so "7200" reads as "2 hours". */
function splitSeconds(seconds: number): { amount: number; unit: (typeof UNITS)[number] } {
  const unit = UNITS.find((candidate) => seconds > 0 && seconds % candidate.seconds === 0) ?? UNITS[3];
  return { amount: seconds / unit.seconds, unit };
}

/**
 * The unit the user picked stays picked ("60 minutes" does not turn into "1 hours" while typing);
 * only a value it cannot show whole (after an undo, say) switches to the unit that fits.
 */
function useDurationUnit(seconds: number) {
  const [picked, setPicked] = useState(() => splitSeconds(seconds).unit);
  const fits = seconds === 0 || seconds % picked.seconds === 0;
  const unit = fits ? picked : splitSeconds(seconds).unit;
  return { unit, amount: seconds / unit.seconds, setUnit: setPicked };
}

const WAIT_MODES = [
  { id: 'duration', label: 'For a duration' },
  { id: 'until', label: 'Until a date' },
] as const;

function WaitForm({ config, errors, onChange }: NodeFormProps) {
  const mode = config.mode === 'until' ? 'until' : 'duration';
  const seconds = numberOr(config.seconds, 0);
  const { amount, unit, setUnit } = useDurationUnit(seconds);
  return (
    <>
      <Segmented
        label="Wait mode"
        field="config.mode"
        options={WAIT_MODES}
        value={mode}
        onPick={(picked) =>
          onChange(
            picked === 'duration'
              ? { mode: picked, seconds: seconds || 3600, at: undefined }
              : { mode: picked, at: text(config.at), seconds: undefined },
            'mode',
          )
        }
      />
      {mode === 'duration' ? (
        <Field label="Wait for" field="config.seconds" errors={errors}>
          {(control) => (
            <div className="inline-inputs">
              <input
                {...control}
                type="number"
                min={1}
                value={seconds ? amount : ''}
                onChange={(event) =>
                  onChange({ mode, seconds: Number(event.target.value) * unit.seconds }, 'seconds')
                }
              />
              <select
                aria-label="Unit"
                value={unit.id}
                onChange={(event) => {
                  const next = UNITS.find((candidate) => candidate.id === event.target.value) ?? unit;
                  setUnit(next);
                  onChange({ mode, seconds: amount * next.seconds }, 'seconds');
                }}
              >
                {UNITS.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.id}
                  </option>
                ))}
              </select>
            </div>
          )}
        </Field>
      ) : (
        <Field
          label="Until"
          field="config.at"
          errors={errors}
          hint="An ISO date (2026-01-31T09:00:00Z) or a template such as {{ customer.renewal_at }}."
        >
          {(control) => (
            <input
              {...control}
              className="mono"
              value={text(config.at)}
              onChange={(event) => onChange({ mode, at: event.target.value }, 'at')}
            />
          )}
        </Field>
      )}
    </>
  );
}

function summary(config: Record<string, unknown>): string {
  if (config.mode === 'until') return text(config.at) ? `until ${text(config.at)}` : '';
  const seconds = numberOr(config.seconds, 0);
  if (seconds <= 0) return '';
  const { amount, unit } = splitSeconds(seconds);
  return `for ${amount} ${amount === 1 ? unit.id.slice(0, -1) : unit.id}`;
}

export const waitNode: NodeSpec = {
  type: 'wait',
  title: 'Wait',
  group: 'waits',
  description: 'Pauses the run for a duration or until a date.',
  icon: Hourglass,
  schema: WaitNodeSchema,
  defaultConfig: () => ({ mode: 'duration', seconds: 3600 }),
  summary,
  Component: memo(function WaitNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={waitNode} />;
  }, sameCard),
  Form: WaitForm,
  fieldLabels: { 'config.seconds': 'Wait for', 'config.at': 'Until' },
};
