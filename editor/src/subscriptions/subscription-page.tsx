import { ArrowLeft } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Subscription, SubscriptionInput } from '../../../engine/subscriptions/subscription-schema.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { subscriptionsApi } from '../api/subscriptions-api.ts';
import { Field } from '../inspector/field.tsx';
import { IntegrationPicker } from '../integrations/integration-picker.tsx';
import { navigate } from '../routing/use-hash-route.ts';
import { FormFooter } from '../ui/form-footer.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import { EventMatrix } from './event-matrix.tsx';
import { PayloadTemplates } from './payload-templates.tsx';
import { emptySubscription, errorsByField, inputOf } from './subscription-draft.ts';
import { SubscriptionSettingsFields } from './subscription-settings-fields.tsx';
import { SubscriptionHealthBanner, SubscriptionStatus } from './subscription-status.tsx';
import { TestEventPanel } from './test-event-panel.tsx';

const toList = () => navigate({ page: 'subscriptions' });

/** One subscription: what it receives and how, its test send and delivery log (`id` "new" creates one). */
export function SubscriptionPage({ subscriptionId }: { subscriptionId: string }) {
  const creating = subscriptionId === 'new';
  const [saved, setSaved] = useState<Subscription | null>(null);
  const [draft, setDraft] = useState<SubscriptionInput | null>(creating ? emptySubscription() : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  const reload = useCallback(async () => {
    try {
      const found = await subscriptionsApi.get(subscriptionId);
      setSaved(found);
      return found;
    } catch (failure) {
      setLoadError(errorMessage(failure));
      return null;
    }
  }, [subscriptionId]);
  useEffect(() => {
    if (!creating) void reload().then((found) => found && setDraft(inputOf(found)));
  }, [creating, reload]);

  const title = creating ? 'New subscription' : (saved?.name ?? 'Subscription');
  return (
    <div className="page subscription-page" data-subscription-id={creating ? undefined : subscriptionId}>
      <a className="back-link small" href="#/settings/subscriptions">
        <ArrowLeft size={14} aria-hidden /> Subscriptions
      </a>
      <div className="page-head">
        <div>
          <h1>
            {title} {saved && <SubscriptionStatus subscription={saved} />}
          </h1>
          <p className="muted">Hookflow's events of the ticked types, POSTed as JSON, one call per event.</p>
        </div>
      </div>
      {loadError && (
        <p role="alert" className="alert">
          {loadError}
        </p>
      )}
      {saved && <SubscriptionHealthBanner subscription={saved} />}
      {draft && (
        <SubscriptionForm
          key={saved?.updatedAt ?? 'new'}
          initial={draft}
          subscriptionId={creating ? null : subscriptionId}
          onSaved={(stored) => {
            if (creating) navigate({ page: 'subscription', subscriptionId: stored.id });
            else {
              setSaved(stored);
              setDraft(inputOf(stored));
            }
          }}
        />
      )}
      {saved && (
        <>
          <section className="card subscription-section">
            <h2>Send test event</h2>
            <p className="muted small">
              Sends a sample event of the type with the saved URL, credentials and template. A 2xx answer
              enables a subscription that failures disabled.
            </p>
            <TestEventPanel
              subscription={saved}
              onSent={() => {
                void reload();
                setRefreshKey((key) => key + 1);
              }}
            />
          </section>
          <section className="card subscription-section">
            <h2>Delivery log</h2>
            <DeliveryLog subscriptionId={saved.id} refreshKey={refreshKey} />
          </section>
        </>
      )}
    </div>
  );
}

interface SubscriptionFormProps {
  initial: SubscriptionInput;
  /** null while creating. */
  subscriptionId: string | null;
  onSaved: (stored: Subscription) => void;
}

function SubscriptionForm({ initial, subscriptionId, onSaved }: SubscriptionFormProps) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const stored = subscriptionId
        ? await subscriptionsApi.update(subscriptionId, draft)
        : await subscriptionsApi.create(draft);
      setError(null);
      setErrors({});
      onSaved(stored);
    } catch (failure) {
      setError(errorMessage(failure));
      setErrors(failure instanceof ApiError ? errorsByField(failure.issues) : {});
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="subscription-form" onSubmit={submit} aria-label="Subscription">
      <section className="card subscription-section">
        <h2>Endpoint</h2>
        <div className="form-grid">
          <Field label="Name" field="name" errors={errors}>
            {(control) => (
              <input
                {...control}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="URL"
            field="url"
            errors={errors}
            hint="https, or http to a host the operator allow-listed."
          >
            {(control) => (
              <input
                {...control}
                className="mono"
                placeholder="https://hooks.example.com/hookflow"
                value={draft.url}
                onChange={(e) => setDraft({ ...draft, url: e.target.value })}
              />
            )}
          </Field>
          <IntegrationPicker
            field="integrationId"
            value={draft.integrationId ?? undefined}
            errors={errors}
            onChange={(integrationId) => setDraft({ ...draft, integrationId: integrationId ?? null })}
          />
          <label className="checkbox-row subscription-enabled">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
            />
            Enabled
          </label>
        </div>
      </section>
      <section className="card subscription-section">
        <h2>Events and channels</h2>
        <EventMatrix value={draft} onChange={setDraft} errors={errors} />
      </section>
      <section className="card subscription-section">
        <h2>Payloads</h2>
        <PayloadTemplates value={draft} onChange={setDraft} errors={errors} />
      </section>
      <section className="card subscription-section">
        <h2>Settings</h2>
        <SubscriptionSettingsFields value={draft} onChange={setDraft} errors={errors} />
      </section>
      <div className="subscription-footer">
        <FormFooter
          error={error}
          submitLabel={subscriptionId ? 'Save' : 'Create subscription'}
          busy={busy}
          onCancel={toList}
        />
      </div>
    </form>
  );
}
