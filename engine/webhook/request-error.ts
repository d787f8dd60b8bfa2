/** A webhook request that cannot be built from its templates; the step fails and nothing is sent. */
export class RequestRenderError extends Error {
  override readonly name = 'RequestRenderError';
  /** The node field at fault, e.g. `config.body`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
