/** What starts runs, by trigger type, in the words of the activation and stop notices. */
const STARTERS: Record<string, string> = {
  'trigger.event': 'new events',
  'trigger.hook': 'calls to its launch hook',
  'trigger.schedule': 'its schedule',
};

/** "new events and calls to its launch hook", from the trigger types of the scenario's nodes. */
function starters(types: readonly (string | undefined)[]): string {
  const found = [...new Set(types.flatMap((type) => (type && STARTERS[type] ? [STARTERS[type]] : [])))];
  if (found.length === 0) return 'its triggers';
  return found.length === 1 ? found[0]! : `${found.slice(0, -1).join(', ')} and ${found.at(-1)}`;
}

/** "start" after a plural subject, "starts" after the one singular one. */
const start = (what: string) => (what === 'its schedule' ? 'starts' : 'start');

/** The notice after an activation: which version is live, and what starts runs on it. */
export function liveNotice(options: {
  version: number;
  unchanged: boolean;
  types: readonly (string | undefined)[];
}) {
  const live = options.unchanged
    ? `Nothing changed since version ${options.version}: it is live`
    : `Version ${options.version} is live`;
  const what = starters(options.types);
  return `${live}: ${what} ${start(what)} runs on it.`;
}

/** The notice after a deactivation. */
export function stoppedNotice(types: readonly (string | undefined)[]) {
  const what = starters(types);
  return `Stopped: runs in flight continue, ${what} ${start(what)} nothing.`;
}
