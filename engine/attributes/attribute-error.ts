import { NodeFieldError } from '../scenario/node-field-error.ts';

/** A set-attributes value that cannot be rendered or converted; the run fails at the node. */
export class AttributeValueError extends NodeFieldError {
  override readonly name = 'AttributeValueError';
}
