import { useEffect } from 'react';
import { subscriptionsApi } from '../api/subscriptions-api.ts';
import { useRecordList } from '../ui/use-record-list.ts';
import { healthProblem } from './subscription-draft.ts';

/** Subscriptions change health in the background: read them again this often. */
const REFRESH_MS = 60_000;

/**
 * Above every settings and list page while an enabled subscription is failing or was disabled:
 * the editor's side of "notify on error" (the alert URL is the other). The subscription open on
 * the page (`openId`) has its own banner there.
 */
export function FailingSubscriptionsBanner({ openId }: { openId?: string }) {
  const { items, reload } = useRecordList(subscriptionsApi.list);
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const failing = (items ?? []).filter((item) => item.id !== openId && item.enabled && healthProblem(item));
  if (failing.length === 0) return null;
  return (
    <div className="health-banner app-banner" role="alert" data-testid="failing-subscriptions">
      {failing.map((item) => (
        <div key={item.id}>
          Event subscription{' '}
          <a href={`#/settings/subscriptions/${encodeURIComponent(item.id)}`}>{item.name}</a>:{' '}
          {healthProblem(item)}
        </div>
      ))}
    </div>
  );
}
