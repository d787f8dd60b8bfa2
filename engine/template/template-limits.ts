/**
 * What one render may use. Every render gets a fresh budget; exceeding any part throws
 * TemplateError('limit') naming the part, and the process carries on.
 */
export interface TemplateLimits {
  /** Wall-clock time of one render, in milliseconds. */
  timeoutMs: number;
  /**
   * Size of the output and of every string or list a template builds along the way. Counted in
   * UTF-16 code units while rendering and in UTF-8 bytes for the final output.
   */
  maxOutputBytes: number;
  /** Loop iterations summed over every loop of the render (nested loops multiply). */
  maxLoopIterations: number;
  /** How deep macros may call macros (recursion); deeper would risk overflowing the stack. */
  maxCallDepth: number;
}

export const DEFAULT_LIMITS: Readonly<TemplateLimits> = Object.freeze({
  timeoutMs: 250,
  maxOutputBytes: 1024 * 1024,
  maxLoopIterations: 100_000,
  maxCallDepth: 100,
});

/** `base` with the given overrides; non-positive or non-numeric overrides are ignored. */
export function resolveLimits(base: TemplateLimits, overrides: Partial<TemplateLimits> = {}): TemplateLimits {
  const pick = (name: keyof TemplateLimits): number => {
    const value = overrides[name];
    return typeof value === 'number' && value > 0 ? value : base[name];
  };
  return {
    timeoutMs: pick('timeoutMs'),
    maxOutputBytes: pick('maxOutputBytes'),
    maxLoopIterations: pick('maxLoopIterations'),
    maxCallDepth: pick('maxCallDepth'),
  };
}
