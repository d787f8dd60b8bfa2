import { type FormEvent, useState } from 'react';

/** Asks only for a name: everything else is drawn on the canvas afterwards. */
export function NewScenarioForm({
  onCreate,
  onCancel,
}: {
  onCreate: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onCreate(name.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="new-scenario card" onSubmit={submit} aria-label="New scenario">
      <label htmlFor="new-scenario-name">Scenario name</label>
      <input
        id="new-scenario-name"
        value={name}
        placeholder="e.g. Welcome series"
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onCancel()}
        autoFocus
      />
      <button type="submit" className="btn primary" disabled={busy || name.trim() === ''}>
        Create
      </button>
      <button type="button" className="btn ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
