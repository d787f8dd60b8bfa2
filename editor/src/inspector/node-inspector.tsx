import { Copy, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeSpec } from '../nodes/registry.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';
import { ConnectionsSection } from './connections-section.tsx';
import type { InspectorProps } from './inspector.tsx';
import { NodeRunsPanel } from './node-runs-panel.tsx';
import { nodeFieldErrors } from './node-field-errors.ts';
import { useFocusField } from './use-focus-field.ts';
import { IconButton } from '../ui/icon-button.tsx';
import { SuggestionScope } from '../suggestions/field-suggestions.tsx';

type Tab = 'configure' | 'runs';

/** One node: name, its type's form with inline errors, next steps, and recent runs. */
export function NodeInspector({
  nodeId,
  scenarioId,
  hasRuns,
  preferRuns,
}: InspectorProps & { nodeId: string }) {
  const node = useEditorStore(
    useShallow((state) => {
      const found = state.nodes.find((candidate) => candidate.id === nodeId);
      return { type: found?.type, data: found?.data };
    }),
  );
  const serverIssues = useEditorStore(
    useShallow((state) => state.issues.filter((issue) => issue.nodeId === nodeId)),
  );
  const focus = useEditorStore((state) => (state.focus?.nodeId === nodeId ? state.focus : null));
  const updateNode = useEditorStore((state) => state.updateNode);
  const dismissFieldIssues = useEditorStore((state) => state.dismissFieldIssues);
  const { copy, paste, deleteSelection } = useEditorStore(
    useShallow((state) => ({ copy: state.copy, paste: state.paste, deleteSelection: state.deleteSelection })),
  );
  // A node no run has reached yet (one just dropped in) has nothing to monitor: set it up first.
  const reached = useEditorStore((state) => state.stats?.[nodeId] !== undefined);
  const [tab, setTab] = useState<Tab>(hasRuns && preferRuns && reached ? 'runs' : 'configure');
  const body = useRef<HTMLDivElement>(null);
  const spec = nodeSpec(node.type);
  const config = node.data?.config;

  const errors = useMemo(
    () =>
      spec && config
        ? nodeFieldErrors(spec.schema, { id: nodeId, type: spec.type, config }, serverIssues)
        : {},
    [spec, nodeId, config, serverIssues],
  );
  const onChange = useCallback(
    (patch: Record<string, unknown>, key?: string) => {
      if (!config) return;
      updateNode(nodeId, { config: { ...config, ...patch } }, key);
      // The last validation's word on this field may be stale now; the next validation speaks again.
      if (key) dismissFieldIssues(nodeId, `config.${key}`);
    },
    [updateNode, dismissFieldIssues, nodeId, config],
  );
  useEffect(() => {
    if (focus) setTab('configure');
  }, [focus]);
  // Going live (activation) turns the inspector into a monitor of the node's runs.
  const wasLive = useRef(preferRuns);
  useEffect(() => {
    if (hasRuns && preferRuns && !wasLive.current) setTab('runs');
    wasLive.current = preferRuns;
  }, [hasRuns, preferRuns]);
  const currentTab = tab;
  useFocusField(body, currentTab === 'configure' ? focus : null);

  if (!spec || !node.data || !config) return null;
  const { Form, icon: Icon } = spec;
  const nodeLevel = serverIssues.filter((issue) => !issue.field);
  return (
    <div className="node-inspector">
      <header className={`inspector-head group-${spec.group}`}>
        <span className="node-icon">
          <Icon size={16} aria-hidden />
        </span>
        <div className="inspector-title">
          <h2>{spec.title}</h2>
          <code className="node-id" title="Stable node id: run history refers to it">
            {nodeId}
          </code>
        </div>
        <IconButton
          label="Duplicate node"
          title="Duplicate (Ctrl D)"
          onClick={() => {
            copy();
            paste();
          }}
        >
          <Copy size={15} aria-hidden />
        </IconButton>
        <button
          type="button"
          className="icon-btn danger-text"
          aria-label="Delete node"
          title="Delete"
          onClick={deleteSelection}
        >
          <Trash2 size={15} aria-hidden />
        </button>
      </header>
      {hasRuns && (
        <div className="tabs inspector-tabs" role="tablist" aria-label="Node panels">
          {(['configure', 'runs'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={currentTab === id}
              className={`tab${currentTab === id ? ' on' : ''}`}
              onClick={() => setTab(id)}
            >
              {id === 'configure' ? 'Configure' : 'Recent runs'}
            </button>
          ))}
        </div>
      )}
      <div className="inspector-body" ref={body}>
        {currentTab === 'runs' ? (
          <NodeRunsPanel scenarioId={scenarioId} nodeId={nodeId} />
        ) : (
          <>
            {nodeLevel.map((issue) => (
              <p key={issue.message} className="alert small">
                {issue.message}
              </p>
            ))}
            <div className="field" data-field="label">
              <label htmlFor={`${nodeId}-label`}>Name</label>
              <input
                id={`${nodeId}-label`}
                placeholder={spec.title}
                value={node.data.label ?? ''}
                onChange={(event) => updateNode(nodeId, { label: event.target.value || undefined }, 'label')}
              />
            </div>
            <SuggestionScope scenarioId={scenarioId} nodeId={nodeId}>
              <Form nodeId={nodeId} config={config} errors={errors} onChange={onChange} focus={focus} />
            </SuggestionScope>
            <ConnectionsSection nodeId={nodeId} type={spec.type} />
          </>
        )}
      </div>
    </div>
  );
}
