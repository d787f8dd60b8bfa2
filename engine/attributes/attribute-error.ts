/** A set-attributes value that cannot be rendered or converted; the run fails at the node. */
export class AttributeValueError extends Error {
  override readonly name = 'AttributeValueError';
  /** The node field at fault, e.g. `config.attributes.0.value`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
