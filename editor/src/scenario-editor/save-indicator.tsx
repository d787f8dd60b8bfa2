import type { SaveState } from './autosaver.ts';

const TEXT = { saved: 'All changes saved', pending: 'Unsaved changes…', saving: 'Saving…' } as const;

export function SaveIndicator({ state }: { state: SaveState }) {
  return (
    <span className={`save-indicator ${state.kind}`} role="status" data-save-state={state.kind}>
      {state.kind === 'error' ? `Not saved: ${state.message}` : TEXT[state.kind]}
    </span>
  );
}
