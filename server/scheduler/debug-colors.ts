import { createRequire } from 'node:module';
import { isatty } from 'node:tty';

/**
 * Agenda logs through the `debug` package and derives a fresh logger (`log.extend(...)`) in its
 * hot paths, several per job. Each new logger asks whether stderr is a terminal, an `isatty`
 * system call, unless the colour choice is already settled; measured, that was the largest CPU
 * cost per job (more than the SQL). Settling it once, to the answer the call would give, keeps
 * `DEBUG=agenda*` output unchanged.
 */
export function settleDebugColors(): void {
  try {
    const fromAgenda = createRequire(createRequire(import.meta.url).resolve('agenda'));
    const debug = fromAgenda('debug') as { inspectOpts?: Record<string, unknown> };
    if (debug.inspectOpts && !('colors' in debug.inspectOpts)) {
      debug.inspectOpts.colors = isatty(process.stderr.fd);
    }
  } catch {
    // A different Agenda layout: only slower, never wrong.
  }
}
