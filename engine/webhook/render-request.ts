import type { TemplateEngine } from '../template/index.ts';
import { substituteParameters } from '../template/template-parameters.ts';
import type { WebhookNode } from '../scenario/node-schemas.ts';
import { jsonProblem, xmlProblem } from './body-shape.ts';
import type { RenderedRequest } from './rendered-request.ts';
import { RequestRenderError } from './request-error.ts';

const DEFAULT_CONTENT_TYPE = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  xml: 'application/xml',
} as const;

/**
 * Renders a webhook node's URL, headers and body against one run's context. Throws
 * RequestRenderError naming the field when a template fails or the result is not sendable.
 */
export function renderRequest(options: {
  node: WebhookNode;
  context: Record<string, unknown>;
  templates: TemplateEngine;
}): RenderedRequest {
  const config = options.node.config;
  const render = fieldRenderer(options);
  const url = checkUrl(render('config.url', config.url).trim());
  config.query.forEach((param, index) => {
    url.searchParams.append(
      render(`config.query.${index}.key`, param.key),
      render(`config.query.${index}.value`, param.value),
    );
  });
  const headers: Record<string, string> = {};
  config.headers.forEach((header, index) => {
    const value = render(`config.headers.${index}.value`, header.value);
    if (/[\r\n\0]/.test(value)) {
      throw new RequestRenderError(
        `config.headers.${index}.value`,
        'a header value may not contain line breaks',
      );
    }
    headers[header.key.toLowerCase()] = value;
  });
  const hasBody = config.method !== 'GET' && config.body.trim() !== '';
  const body = hasBody ? render('config.body', config.body) : null;
  if (body !== null) {
    if (config.format === 'json') checkJson(body);
    if (config.format === 'xml') checkXml(body);
    headers['content-type'] ??= DEFAULT_CONTENT_TYPE[config.format];
  }
  return { method: config.method, url: url.toString(), headers, body };
}

/**
 * Renders a batch node's customer template for one customer; the output joins the batch's
 * `customers` list, which the root template (the node's body) renders once per batch.
 */
export function renderBatchCustomer(options: {
  node: WebhookNode;
  context: Record<string, unknown>;
  templates: TemplateEngine;
}): string {
  return batchCustomerRenderer(options.node, options.templates)(options.context);
}

/**
 * The batch node's customer template, its parameters filled and compiled once, to render for
 * many customers (a fan-out's page); throws RequestRenderError naming the field.
 */
export function batchCustomerRenderer(
  node: WebhookNode,
  templates: TemplateEngine,
): (context: Record<string, unknown>) => string {
  const source = node.config.batch?.customerTemplate;
  if (source === undefined) throw new RequestRenderError('config.batch', 'the node is not in batch mode');
  const field = 'config.batch.customerTemplate';
  let template: ReturnType<TemplateEngine['compile']>;
  try {
    template = templates.compile(substituteParameters(source, node.config.parameters));
  } catch (error) {
    throw new RequestRenderError(field, (error as Error).message);
  }
  return (context) => {
    try {
      return template.render(context);
    } catch (error) {
      throw new RequestRenderError(field, (error as Error).message);
    }
  };
}

/** Renders one templated field of the node, naming the field when it fails. */
function fieldRenderer(options: {
  node: WebhookNode;
  context: Record<string, unknown>;
  templates: TemplateEngine;
}): (field: string, source: string) => string {
  const { node, context, templates } = options;
  return (field, source) => {
    try {
      return templates.compile(substituteParameters(source, node.config.parameters)).render(context);
    } catch (error) {
      throw new RequestRenderError(field, (error as Error).message);
    }
  };
}

function checkUrl(rendered: string): URL {
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    throw new RequestRenderError('config.url', `"${rendered.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RequestRenderError('config.url', `only http and https URLs can be called, not ${url.protocol}`);
  }
  return url;
}

function checkXml(body: string): void {
  const problem = xmlProblem(body);
  if (problem) throw new RequestRenderError('config.body', `the rendered body is ${problem.message}`);
}

function checkJson(body: string): void {
  const problem = jsonProblem(body);
  if (problem) throw new RequestRenderError('config.body', `the rendered body is ${problem.message}`);
}
