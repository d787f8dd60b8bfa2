/** A node field whose value cannot be used when a run reaches the node; the message starts with the field. */
export class NodeFieldError extends Error {
  override readonly name: string = 'NodeFieldError';
  /** The node field at fault, e.g. `config.body`, which the editor highlights. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
