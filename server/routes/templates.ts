import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { extractParameters, ParameterError, type TemplateParameter } from '../../engine/template/index.ts';
import { staticBodyProblem } from '../../engine/webhook/index.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { webhookToolDocs } from './docs/webhook-tool-docs.ts';

const CheckBody = z.object({
  /** Template sources by the field they come from, e.g. `{ "config.body": "..." }`. */
  sources: z
    .record(z.string().max(200), z.string().max(1_000_000))
    .refine((sources) => Object.keys(sources).length <= 1000, {
      message: 'at most 1000 sources per request',
    }),
  /** Parameter values, substituted before checking as they will be before rendering. */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** The payload format: `config.body` is then also judged as JSON or XML (see `staticBodyProblem`). */
  format: z.enum(['json', 'xml', 'text']).optional(),
});

interface TemplateIssue {
  field: string;
  message: string;
  line?: number;
  column?: number;
}

/** Template checking for the editor: syntax errors with line and column, and the `[[ ]]` parameters found. */
export const templateRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/templates/check',
        { schema: documented(webhookToolDocs.checkTemplates, { body: CheckBody }) },
        async (request) => {
          const { sources, parameters: values } = request.body;
          const issues: TemplateIssue[] = [];
          let parameters: TemplateParameter[] = [];
          try {
            parameters = extractParameters(...Object.values(sources));
          } catch (error) {
            if (!(error instanceof ParameterError)) throw error;
            issues.push({ field: 'config.parameters', message: error.message });
          }
          // Checked as written, so line and column match the editor's text; `[[ ]]` is plain text to
          // Nunjucks. Parameter values that hold template code are checked on their own.
          const checks = [
            ...Object.entries(sources),
            ...Object.entries(values)
              .filter(([, value]) => typeof value === 'string' && /\{[{%]/.test(value))
              .map(([name, value]) => [`config.parameters.${name}`, String(value)] as const),
          ];
          for (const [field, source] of checks) {
            const problem = deps.templates.check(source);
            if (!problem) continue;
            issues.push({
              field,
              message: problem.message,
              ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column ?? 0 }),
            });
          }
          const { format } = request.body;
          const body = sources['config.body'];
          const bodyBroken = issues.some((issue) => issue.field === 'config.body');
          const shape =
            format && body !== undefined && !bodyBroken && staticBodyProblem(body, format, values);
          if (shape) issues.push({ field: 'config.body', ...shape, message: `the body is ${shape.message}` });
          return { issues, parameters };
        },
      );
  };
