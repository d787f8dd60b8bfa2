import { useMemo } from 'react';
import type { FieldControl } from '../inspector/field.tsx';
import { timeZones } from './zoned-time.ts';

/** An IANA time zone picker; a saved zone this browser does not know stays listed. */
export function TimeZoneSelect({
  control,
  value,
  onChange,
}: {
  control: FieldControl;
  value: string;
  onChange: (zone: string) => void;
}) {
  const zones = useMemo(timeZones, []);
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      {!zones.includes(value) && <option value={value}>{value}</option>}
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
