import type { PresetRef } from './preset-node.ts';

/** The drag payload type of a preset: `{ id, version }` as JSON. */
export const PRESET_DRAG_TYPE = 'application/x-hookflow-preset';

export function parsePresetDrag(data: string): PresetRef | null {
  if (!data) return null;
  try {
    const parsed = JSON.parse(data) as Partial<PresetRef>;
    return typeof parsed.id === 'string' && typeof parsed.version === 'number'
      ? { id: parsed.id, version: parsed.version }
      : null;
  } catch {
    return null;
  }
}
