import { staticBodyProblem } from '../webhook/body-shape.ts';
import {
  extractParameters,
  invalidParameters,
  missingParameters,
  ParameterError,
  substituteParameters,
} from '../template/template-parameters.ts';
import { recordOf, text } from './draft-values.ts';
import { type HostPolicy, staticUrlProblem } from './static-url.ts';
import { type TemplatedNode, templatedFields } from './templated-fields.ts';
import type { ValidationIssue } from './validation-issue.ts';

/** Returns null when a template compiles, else a message naming the problem (line/column). */
export type TemplateChecker = (source: string) => string | null;

/** What validation asks of the process: both are the ones runs will use. */
export interface ScenarioChecks {
  /** Compiles one template with the engine runs render with. */
  checkTemplate: TemplateChecker;
  /** The egress policy webhooks are sent through: written-out hosts it refuses are reported. */
  egress: HostPolicy;
}

/** A problem inside one node's settings, by field path (`config.body`). */
export type FieldIssue = Omit<ValidationIssue, 'nodeId' | 'edgeId' | 'loop'>;

/** A node's own problems (not the graph's): templates, parameters, URL and body. */
export function nodeIssues(node: TemplatedNode & { id: string }, checks: ScenarioChecks): ValidationIssue[] {
  const issues =
    node.type === 'webhook'
      ? webhookIssues(recordOf(node.config), checks)
      : templateIssues(templatedFields(node), {}, checks);
  return issues.map((issue) => ({ nodeId: node.id, ...issue }));
}

/**
 * A webhook's settings as activation judges them. A preset (`valuesRequired: false`) is judged
 * the same way, except that its parameters get their values on the nodes made from it.
 */
export function webhookIssues(
  config: Record<string, unknown>,
  checks: ScenarioChecks,
  options: { valuesRequired: boolean } = { valuesRequired: true },
): FieldIssue[] {
  const fields = templatedFields({ type: 'webhook', config });
  const values = recordOf(config.parameters);
  const parameters = parameterIssues(fields, options.valuesRequired ? values : null);
  const issues: FieldIssue[] = [...parameters];
  // A parameter at fault would leave a hole in the URL: it is judged once they are fixed; a URL
  // missing altogether is its schema's.
  const url = typeof config.url === 'string' ? config.url.trim() : '';
  const urlProblem =
    parameters.length === 0 &&
    url !== '' &&
    staticUrlProblem(substituteParameters(url, values), checks.egress);
  if (urlProblem) issues.push({ field: 'config.url', message: urlProblem });
  issues.push(...templateIssues(fields, values, checks));
  // Missing parameter values and template errors already say what is wrong with the body.
  const bodyJudged = !issues.some(
    (issue) => issue.field === 'config.body' || issue.field?.startsWith('config.parameters'),
  );
  const body = bodyJudged && bodyProblem(config, values);
  if (body) issues.push({ field: 'config.body', message: body });
  return issues;
}

function templateIssues(
  fields: { field: string; source: string }[],
  values: Record<string, unknown>,
  checks: ScenarioChecks,
): FieldIssue[] {
  return fields.flatMap(({ field, source }) => {
    const problem = checks.checkTemplate(substituteParameters(source, values));
    return problem ? [{ field, message: `template error: ${problem}` }] : [];
  });
}

const FORMATS = ['json', 'xml', 'text'] as const;

/** Why a webhook's JSON or XML body can never render to its format (see `staticBodyProblem`). */
function bodyProblem(config: Record<string, unknown>, values: Record<string, unknown>): string | null {
  const format = FORMATS.find((known) => known === config.format) ?? 'json';
  if (config.method === 'GET') return null;
  const problem = staticBodyProblem(text(config.body), format, values);
  return problem && `the body is ${problem.message}`;
}

/**
 * Parameters declared inconsistently, whose value or default does not fit its type, or (when
 * values are asked for) required and left without a value.
 */
function parameterIssues(fields: { source: string }[], values: Record<string, unknown> | null): FieldIssue[] {
  try {
    const parameters = extractParameters(...fields.map((field) => field.source));
    const missing = (values === null ? [] : missingParameters(parameters, values)).map((name) => ({
      name,
      message: `parameter "${name}" needs a value`,
    }));
    return [...missing, ...invalidParameters(parameters, values ?? {})].map(({ name, message }) => ({
      field: `config.parameters.${name}`,
      message,
    }));
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    return [{ field: 'config.parameters', message: error.message }];
  }
}
