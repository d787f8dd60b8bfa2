import { statSync } from 'node:fs';

/** Samples a file's size every 10 ms until stopped (a missing file counts as empty); `stop()` gives the peak in MiB. */
export function peakFileSize(file: string): { stop(): number } {
  const size = () => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  let peak = size();
  const timer = setInterval(() => (peak = Math.max(peak, size())), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.round((Math.max(peak, size()) / 2 ** 20) * 10) / 10;
    },
  };
}
