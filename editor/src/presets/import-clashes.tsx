import { useState } from 'react';
import type { ImportChoice } from '../../../engine/presets/index.ts';

/** A preset of the file whose name is taken here: its position in the file and its name. */
export interface ImportClash {
  index: number;
  name: string;
}

const CHOICES: { id: ImportChoice; label: string }[] = [
  { id: 'new-version', label: 'New version of the existing one' },
  { id: 'keep-both', label: 'Keep both' },
  { id: 'skip', label: 'Skip' },
];

export interface ImportClashesProps {
  fileName: string;
  clashes: ImportClash[];
  onImport: (resolutions: Record<string, ImportChoice>) => void;
  onCancel: () => void;
}

/** Asks, for each imported preset named like an existing one, what it should become. */
export function ImportClashes({ fileName, clashes, onImport, onCancel }: ImportClashesProps) {
  const [choices, setChoices] = useState<Record<string, ImportChoice>>(() =>
    Object.fromEntries(clashes.map((clash) => [String(clash.index), 'new-version' as const])),
  );
  return (
    <section className="import-clashes card" aria-label="Presets that already exist">
      <h2>
        {clashes.length === 1
          ? `A preset of ${fileName} already exists here`
          : `${clashes.length} presets of ${fileName} already exist here`}
      </h2>
      <p className="muted small">
        Choose what each one becomes. A new version keeps the existing preset’s authentication; nodes keep the
        version they were made from until updated.
      </p>
      <ul>
        {clashes.map((clash) => (
          <li key={clash.index}>
            <strong>{clash.name}</strong>
            <select
              aria-label={`What ${clash.name} becomes`}
              value={choices[String(clash.index)]}
              onChange={(event) =>
                setChoices({ ...choices, [String(clash.index)]: event.target.value as ImportChoice })
              }
            >
              {CHOICES.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="btn primary" onClick={() => onImport(choices)}>
          Import
        </button>
        <button type="button" className="btn ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** The clashes a 409 of the import names (`presets.<n>` fields), with the names the file gives them. */
export function clashesOf(issues: readonly { field?: string }[], document: unknown): ImportClash[] {
  const presets = (document as { presets?: { definition?: { name?: unknown } }[] }).presets ?? [];
  return issues.flatMap((issue) => {
    const match = /^presets\.(\d+)$/.exec(issue.field ?? '');
    if (!match) return [];
    const index = Number(match[1]);
    const name = presets[index]?.definition?.name;
    return [{ index, name: typeof name === 'string' ? name : `Preset ${index + 1}` }];
  });
}
