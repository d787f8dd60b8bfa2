import { useState } from 'react';
import { PresetsPanel } from '../presets/presets-panel.tsx';
import { Palette } from './palette.tsx';

type SidebarTab = 'nodes' | 'presets';

/** The left column: node types, or presets and the template library. */
export function EditorSidebar() {
  const [tab, setTab] = useState<SidebarTab>('nodes');
  return (
    <aside className="editor-sidebar">
      <div className="tabs sidebar-tabs" role="tablist" aria-label="Add to the canvas">
        {(['nodes', 'presets'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`tab${tab === id ? ' on' : ''}`}
            onClick={() => setTab(id)}
          >
            {id === 'nodes' ? 'Nodes' : 'Presets'}
          </button>
        ))}
      </div>
      {tab === 'nodes' ? <Palette /> : <PresetsPanel />}
    </aside>
  );
}
