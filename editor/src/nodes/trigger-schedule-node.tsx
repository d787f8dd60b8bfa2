import type { NodeProps } from '@xyflow/react';
import { CalendarClock } from 'lucide-react';
import { memo } from 'react';
import { TriggerScheduleNodeSchema } from '../../../engine/scenario/index.ts';
import { NodeCard, sameCard } from '../canvas/node-card.tsx';
import { text } from '../inspector/config-values.ts';
import type { FlowNode } from '../store/flow-types.ts';
import { AudienceSection, audienceSummary } from '../triggers/audience-section.tsx';
import { scheduleOf, tomorrowMorning } from '../triggers/schedule-config.ts';
import { CronFields, OnceFields } from '../triggers/schedule-fields.tsx';
import { browserZone } from '../triggers/zoned-time.ts';
import { ruleLabels } from './field-labels.ts';
import type { NodeFormProps, NodeSpec } from './node-spec.ts';
import { Segmented } from '../ui/segmented.tsx';

const MODES = [
  { id: 'once', label: 'Once' },
  { id: 'cron', label: 'Repeating (cron)' },
] as const;

function TriggerScheduleForm({ config, errors, onChange }: NodeFormProps) {
  const schedule = scheduleOf(config);
  const mode = schedule.mode === 'once' ? 'once' : 'cron';
  const onSchedule = (next: Record<string, unknown>, key: string) => onChange({ schedule: next }, key);
  return (
    <>
      <Segmented
        label="Schedule"
        field="config.schedule.mode"
        options={MODES}
        value={mode}
        onPick={(picked) =>
          onSchedule(
            picked === 'once'
              ? { mode: 'once', at: tomorrowMorning() }
              : { mode: 'cron', cron: '0 9 * * 1-5', timezone: browserZone() },
            'schedule.mode',
          )
        }
      />
      {mode === 'once' ? (
        <OnceFields schedule={schedule} errors={errors} onSchedule={onSchedule} />
      ) : (
        <CronFields schedule={schedule} errors={errors} onSchedule={onSchedule} />
      )}
      <AudienceSection
        config={config}
        errors={errors}
        onChange={onChange}
        emptyText="Every customer is targeted; runs start in pages, never all at once."
      />
    </>
  );
}

function summary(config: Record<string, unknown>): string {
  const schedule = scheduleOf(config);
  const when =
    schedule.mode === 'once'
      ? text(schedule.at)
        ? `once ${text(schedule.at).slice(0, 16).replace('T', ' ')}`
        : ''
      : text(schedule.cron)
        ? `cron ${text(schedule.cron)} ${text(schedule.timezone, 'UTC')}`
        : '';
  return when ? `${when} · ${audienceSummary(config)}` : '';
}

export const triggerScheduleNode: NodeSpec = {
  type: 'trigger.schedule',
  title: 'Schedule',
  group: 'triggers',
  description: 'Starts runs for an audience once at a date and time, or on a cron rhythm.',
  icon: CalendarClock,
  schema: TriggerScheduleNodeSchema,
  defaultConfig: () => ({
    audience: { rules: [] },
    schedule: { mode: 'cron', cron: '0 9 * * 1-5', timezone: browserZone() },
  }),
  summary,
  Component: memo(function TriggerScheduleNode(props: NodeProps<FlowNode>) {
    return <NodeCard node={props} spec={triggerScheduleNode} />;
  }, sameCard),
  Form: TriggerScheduleForm,
  fieldLabels: {
    ...ruleLabels('config.audience.rules', 'Audience rule'),
    'config.schedule.at': 'Send at',
    'config.schedule.cron': 'Cron expression',
    'config.schedule.timezone': 'Time zone',
  },
};
