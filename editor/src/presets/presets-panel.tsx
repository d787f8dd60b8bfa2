import { Package, Search } from 'lucide-react';
import { type DragEvent, useEffect, useMemo, useState } from 'react';
import { useAddNode } from '../canvas/use-add-node.ts';
import { type CatalogPreset, presetCatalog, usePresetCatalog } from './preset-catalog.ts';
import { PRESET_DRAG_TYPE } from './preset-drag.ts';
import { presetNodeConfig } from './preset-node.ts';

/** Presets grouped by category, the user's first, each group sorted by name; filtered by `query`. */
function groupPresets(presets: CatalogPreset[], query: string): [string, CatalogPreset[]][] {
  const needle = query.trim().toLowerCase();
  const matches = presets.filter((preset) =>
    [preset.name, preset.definition.description, preset.definition.category]
      .join(' ')
      .toLowerCase()
      .includes(needle),
  );
  const groups = new Map<string, CatalogPreset[]>();
  for (const preset of matches) {
    const title = preset.library ? preset.definition.category : 'My presets';
    groups.set(title, [...(groups.get(title) ?? []), preset]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'My presets' ? -1 : b === 'My presets' ? 1 : a.localeCompare(b)))
    .map(([title, items]) => [title, items.sort((x, y) => x.name.localeCompare(y.name))]);
}

/**
 * The user's presets and the template library. Drag one onto the canvas, or press Enter on it to
 * add it under the selected node: it becomes a webhook node that asks only for its parameters.
 */
export function PresetsPanel() {
  const { status, error, presets } = usePresetCatalog((state) => state);
  const [query, setQuery] = useState('');
  const addNode = useAddNode();
  useEffect(() => {
    void presetCatalog.getState().load();
  }, []);
  const groups = useMemo(() => groupPresets(Object.values(presets), query), [presets, query]);
  const onDragStart = (event: DragEvent, preset: CatalogPreset) => {
    event.dataTransfer.setData(PRESET_DRAG_TYPE, JSON.stringify({ id: preset.id, version: preset.version }));
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette presets-panel" aria-label="Presets">
      <label className="preset-search">
        <Search size={14} aria-hidden />
        <input
          type="search"
          aria-label="Search presets"
          placeholder="Search presets"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      {status === 'loading' && <p className="muted small">Loading presets…</p>}
      {status === 'error' && (
        <p className="alert small" role="alert">
          {error}
        </p>
      )}
      {status === 'ready' && groups.length === 0 && <p className="muted small">No preset matches.</p>}
      {groups.map(([title, items]) => (
        <section key={title} className="palette-group">
          <h3>{title}</h3>
          {items.map((preset) => {
            const batch = preset.definition.webhook.batch !== undefined;
            return (
              <button
                key={preset.id}
                type="button"
                className="palette-item group-actions"
                draggable
                data-preset-id={preset.id}
                title={`${preset.definition.description} Drag onto the canvas, or press Enter to add it.`}
                onDragStart={(event) => onDragStart(event, preset)}
                onClick={() => addNode('webhook', undefined, presetNodeConfig(preset))}
              >
                <span className="node-icon">
                  <Package size={15} aria-hidden />
                </span>
                <span className="palette-text">
                  <span className="palette-title">
                    {preset.name}
                    {!preset.library && <span className="badge">v{preset.version}</span>}
                    {batch && <span className="badge">batch</span>}
                  </span>
                  <span className="palette-desc">{preset.definition.description}</span>
                </span>
              </button>
            );
          })}
        </section>
      ))}
    </nav>
  );
}
