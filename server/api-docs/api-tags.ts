/**
 * The sections of the API reference, in the order it shows them; every operation names one
 * (`OperationDocs.tag`), so an operation cannot sit in a section that is not described here.
 */
export const API_TAGS = [
  {
    name: 'Events',
    description:
      'What sending systems post: each event records itself, creates or updates its customer and starts the runs of every active scenario it triggers. An `ingest` key opens this section and nothing else.',
  },
  {
    name: 'Customers',
    description:
      'The people scenarios run for, keyed by your own id (on WhatsApp, SMS and RCS the phone number), with free-form JSON attributes that conditions, audiences and templates read.',
  },
  {
    name: 'Scenarios',
    description:
      'Scenario graphs: an editable draft, activation into frozen numbered versions that new runs start on, version history, and per-node counts for the canvas.',
  },
  {
    name: 'Runs',
    description:
      "One customer's way through one scenario version: its status, the node it stands on and every step with the requests sent and the answers received.",
  },
  {
    name: 'Launch hooks',
    description:
      "Secret URLs that start a scenario's `trigger.hook` node for an audience or a list of targets, and the fan-outs that start those runs page by page.",
  },
  {
    name: 'Webhook tools',
    description:
      'What the editor uses while a scenario is drawn: render (and optionally send) a webhook with sample data, and check templates with line and column.',
  },
  {
    name: 'Suggestions',
    description:
      "What the editor's fields suggest, read from stored data with bounded reads: event types seen lately, their property names, customer attribute names, and the fields of a webhook node's last response.",
  },
  {
    name: 'Integrations',
    description:
      'Credentials of outside systems (basic, bearer, headers, signed, OAuth 2). Secrets are write-only: answers show `••••••••` in their place.',
  },
  {
    name: 'Presets',
    description:
      'Reusable webhook definitions with `[[ parameters ]]`: your own, versioned, and the read-only library. Export and import them between servers.',
  },
  {
    name: 'Throughput policies',
    description:
      'Concurrency limits shared by every webhook that names them, across all scenarios and server processes.',
  },
  {
    name: 'Subscriptions',
    description:
      "Hookflow's own events (webhook outcomes, customer changes, scenario activations) POSTed to your endpoints, with a delivery log, replays, test sends and endpoint health.",
  },
  {
    name: 'API keys',
    description:
      'Named keys for the API: `admin` keys open everything, `ingest` keys only `POST /api/events`. A key is shown once, when it is created.',
  },
  {
    name: 'Operations',
    description: 'For load balancers, scrapers and the sign-in page: no API key needed.',
  },
] as const;

export type ApiTag = (typeof API_TAGS)[number]['name'];
