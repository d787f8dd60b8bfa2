import type { TemplateParameter } from '../../../engine/template/template-parameters.ts';

/** Shapes the editor reads from the API beyond the shared scenario schemas. */

export interface NodeCounts {
  entered: number;
  waiting: number;
  succeeded: number;
  failed: number;
  /** Runs that left the node by each output (`yes`, `no`, `success`, `failure`, `out`). */
  branches?: Record<string, number>;
}

export interface ScenarioStats {
  version: number | null;
  nodes: Record<string, NodeCounts>;
}

export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ReceivedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  data?: unknown;
  json?: unknown;
}

/** One visit of a node by a run, newest first (`GET /api/scenarios/:id/nodes/:nodeId/runs`). */
export interface NodeRunItem {
  runId: string;
  customerId: string;
  status: string;
  /** The scenario version the run started on. */
  version?: number;
  kind?: string;
  at: string;
  request?: RenderedRequest | null;
  response?: ReceivedResponse | null;
  error?: string | null;
  /** Set on a batch webhook's step: the request is the delivery's, shared by the whole batch. */
  batch?: { size: number } | null;
  deliveryId?: string | null;
  /** Set on a set-attributes step: the values saved on the customer. */
  attributes?: Record<string, unknown> | null;
  /** The output the run left the node by (`yes`, `no`, `success`, `failure`). */
  branch?: string | null;
}

/** One outbound request as stored (`GET /api/deliveries/:id`). */
export interface DeliveryView {
  id: string;
  status: string;
  attempts: number;
  request: RenderedRequest;
  /** The latest answer to it, whole (a batch's runs keep only its status and headers). */
  response: ReceivedResponse | null;
  runIds: string[];
}

export interface WebhookTestResult {
  request: RenderedRequest;
  response?: ReceivedResponse & { error?: string };
  /** What `webhook.<field>` reads on the response (sent tests only). */
  fields?: string[];
}

/** A template that does not compile; `line` and `column` (1-based) are known for most syntax errors. */
export interface TemplateIssue {
  /** The source it was found in, as sent: `config.body`, `config.headers.0.value`. */
  field: string;
  message: string;
  line?: number;
  column?: number;
}

/** `POST /api/templates/check`. */
export interface TemplateCheckResult {
  issues: TemplateIssue[];
  parameters: TemplateParameter[];
}
