import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatAgo } from '../scenarios/format-date.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';

const count = (value: number) => value.toLocaleString('en-US');

/** Seconds left until `at` on the server's clock, ticking every quarter second. */
function useSecondsLeft(at: string | null, skewMs: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  if (at === null) return null;
  return Math.max(0, Math.ceil((Date.parse(at) - (now + skewMs)) / 1000));
}

/**
 * On a launch hook or schedule node: the call waiting out its delay, counting down, then the
 * fan-out it started (started of audience) and how it ended.
 */
export function LaunchStatus({ nodeId }: { nodeId: string }) {
  const activity = useEditorStore(useShallow((state) => state.launches?.byNode[nodeId]));
  const skewMs = useEditorStore((state) => state.launches?.skewMs ?? 0);
  const left = useSecondsLeft(activity?.pendingAt ?? null, skewMs);
  if (!activity) return null;
  if (left !== null) {
    return (
      <div className="launch-status pending" data-testid="launch-status" role="status">
        {left > 0 ? `Launch in ${left} s` : 'Launching…'}
      </div>
    );
  }
  const fanOut = activity.fanOut;
  if (!fanOut) return null;
  const of = fanOut.audience === null ? '' : ` / ${count(fanOut.audience)}`;
  if (fanOut.status === 'running') {
    const share = fanOut.audience ? Math.min(1, fanOut.started / fanOut.audience) : 0;
    return (
      <div className="launch-status running" data-testid="launch-status" role="status">
        <span>
          Launching: {count(fanOut.started)}
          {of} started
        </span>
        <span className="launch-bar" aria-hidden>
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </span>
      </div>
    );
  }
  const when = formatAgo(fanOut.finishedAt ?? fanOut.createdAt);
  return (
    <div
      className={`launch-status ${fanOut.status}`}
      data-testid="launch-status"
      title={fanOut.error ?? undefined}
    >
      {fanOut.status === 'done'
        ? `Launched ${count(fanOut.started)}${of} · ${when}`
        : `Launch failed after ${count(fanOut.started)} · ${when}`}
    </div>
  );
}
