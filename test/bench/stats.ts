/** Percentile of an unsorted list (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits));

export const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
