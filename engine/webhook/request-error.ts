import { NodeFieldError } from '../scenario/node-field-error.ts';

/** A webhook request that cannot be built from its templates; the step fails and nothing is sent. */
export class RequestRenderError extends NodeFieldError {
  override readonly name = 'RequestRenderError';
}
