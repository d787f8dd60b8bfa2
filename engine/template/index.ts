export { createTemplateEngine, type CompiledTemplate, type TemplateEngine } from './template-engine.ts';
export { TemplateError, type TemplateErrorCode } from './template-error.ts';
export { DEFAULT_LIMITS, type TemplateLimits } from './render-budget.ts';
export { webhookAccessor, responseFields, type WebhookResponseView } from './webhook-accessor.ts';
export {
  extractParameters,
  substituteParameters,
  missingParameters,
  ParameterError,
  TemplateParameterSchema,
  PARAMETER_TYPES,
  type TemplateParameter,
} from './template-parameters.ts';
