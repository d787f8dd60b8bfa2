import { Workflow } from 'lucide-react';
import { useEffect, useState } from 'react';
import { apiKey, forgetApiKey, onUnauthorized } from './api/api-client.ts';
import { ApiKeysPage } from './api-keys/api-keys-page.tsx';
import { ApiKeyForm } from './auth/api-key-form.tsx';
import { CustomerImportPage } from './customers/customer-import-page.tsx';
import { IntegrationsPage } from './integrations/integrations-page.tsx';
import { PresetsPage } from './presets/presets-page.tsx';
import { useHashRoute } from './routing/use-hash-route.ts';
import { ScenarioEditorPage } from './scenario-editor/scenario-editor-page.tsx';
import { ScenariosPage } from './scenarios/scenarios-page.tsx';
import { EndpointHealthPage } from './endpoint-health/endpoint-health-page.tsx';
import { FailingSubscriptionsBanner } from './subscriptions/failing-subscriptions-banner.tsx';
import { SubscriptionPage } from './subscriptions/subscription-page.tsx';
import { SubscriptionsPage } from './subscriptions/subscriptions-page.tsx';
import { ThroughputPage } from './throughput/throughput-page.tsx';

/** Asks for the API key when there is none or the server refuses it, then routes by hash. */
export function App() {
  const [connected, setConnected] = useState(apiKey() !== '');
  const [notice, setNotice] = useState<string | null>(null);
  const route = useHashRoute();
  useEffect(
    () =>
      onUnauthorized(() => {
        setNotice('The server no longer accepts the saved key. Enter a valid one.');
        setConnected(false);
      }),
    [],
  );

  if (!connected) {
    return (
      <div className="app-shell">
        <AppHeader signedIn={false} />
        <ApiKeyForm
          notice={notice}
          onSaved={() => {
            setNotice(null);
            setConnected(true);
          }}
        />
      </div>
    );
  }
  if (route.page === 'editor')
    return <ScenarioEditorPage key={route.scenarioId} scenarioId={route.scenarioId} />;
  return (
    <div className="app-shell">
      <AppHeader
        signedIn
        onSignOut={() => {
          forgetApiKey();
          setConnected(false);
        }}
      />
      {/* Read again on every page change: health changes in the background. */}
      <FailingSubscriptionsBanner
        key={JSON.stringify(route)}
        {...(route.page === 'subscription' ? { openId: route.subscriptionId } : {})}
      />
      {route.page === 'integrations' ? (
        <IntegrationsPage />
      ) : route.page === 'throughput' ? (
        <ThroughputPage />
      ) : route.page === 'api-keys' ? (
        <ApiKeysPage />
      ) : route.page === 'presets' ? (
        <PresetsPage />
      ) : route.page === 'subscriptions' ? (
        <SubscriptionsPage />
      ) : route.page === 'subscription' ? (
        <SubscriptionPage key={route.subscriptionId} subscriptionId={route.subscriptionId} />
      ) : route.page === 'endpoint-health' ? (
        <EndpointHealthPage />
      ) : route.page === 'customers' ? (
        <CustomerImportPage />
      ) : (
        <ScenariosPage />
      )}
    </div>
  );
}

/** Navigation only once signed in: every page behind it needs the key. */
function AppHeader({ signedIn, onSignOut }: { signedIn: boolean; onSignOut?: () => void }) {
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        <Workflow size={20} aria-hidden /> Hookflow
      </a>
      {signedIn && <AppNav />}
      {onSignOut && (
        <button type="button" className="btn ghost small" onClick={onSignOut}>
          Change API key
        </button>
      )}
    </header>
  );
}

function AppNav() {
  return (
    <nav>
      <a href="#/">Scenarios</a>
      <a href="#/settings/integrations">Integrations</a>
      <a href="#/settings/presets">Presets</a>
      <a href="#/settings/throughput">Throughput</a>
      <a href="#/settings/subscriptions">Subscriptions</a>
      <a href="#/settings/endpoint-health">Endpoint health</a>
      <a href="#/settings/api-keys">API keys</a>
      <a href="#/settings/customers">Customers</a>
      <a href="/api/docs" target="_blank" rel="noreferrer">
        API docs
      </a>
    </nav>
  );
}
