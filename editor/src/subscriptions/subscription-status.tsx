import type { Subscription } from '../../../engine/subscriptions/subscription-schema.ts';
import { healthProblem } from './subscription-draft.ts';

type State = 'on' | 'off' | 'failing' | 'disabled';

const LABELS: Record<State, string> = { on: 'Enabled', off: 'Off', failing: 'Failing', disabled: 'Disabled' };
const CLASSES: Record<State, string> = {
  on: 'status-active',
  off: 'status-draft',
  failing: 'status-failing',
  disabled: 'status-failing',
};

function stateOf(subscription: Subscription): State {
  if (!subscription.enabled) return 'off';
  if (subscription.health.disabledAt) return 'disabled';
  return subscription.health.failingSince ? 'failing' : 'on';
}

/** Enabled, switched off by the user, failing, or disabled by failures; in words as well as colour. */
export function SubscriptionStatus({ subscription }: { subscription: Subscription }) {
  const state = stateOf(subscription);
  return (
    <span className={`status-badge ${CLASSES[state]}`} data-status={state}>
      {LABELS[state]}
    </span>
  );
}

/**
 * The banner of a subscription that keeps failing or was disabled (seed 003's "notify on
 * error", seed 001's automatic disable): what happened, the last error, how to recover.
 */
export function SubscriptionHealthBanner({ subscription }: { subscription: Subscription }) {
  const problem = subscription.enabled ? healthProblem(subscription) : null;
  if (!problem) return null;
  return (
    <div className="health-banner" role="alert" data-testid="subscription-health-banner">
      <strong>{subscription.name}</strong> {problem}
      {subscription.health.lastError && (
        <span className="mono small health-banner-error">Last error: {subscription.health.lastError}</span>
      )}
    </div>
  );
}
