export {
  createTemplateEngine,
  type CompiledTemplate,
  type TemplateEngine,
  type TemplateEngineOptions,
} from './template-engine.ts';
export type { TemplateOutput } from './sandbox-environment.ts';
export { TemplateError, type TemplateErrorCode, type TemplateLimitName } from './template-error.ts';
export { DEFAULT_LIMITS, type TemplateLimits } from './template-limits.ts';
export {
  responseFields,
  webhookAccessor,
  type WebhookAccessor,
  type WebhookFields,
  type WebhookResponseView,
} from './webhook-accessor.ts';
export {
  extractParameters,
  missingParameters,
  ParameterError,
  substituteParameters,
} from './template-parameters.ts';
export {
  PARAMETER_TYPES,
  TemplateParameterSchema,
  type TemplateParameter,
  type TemplateParameterType,
} from './template-parameter-schema.ts';
