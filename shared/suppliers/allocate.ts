// Whole-percent shares that always add up to exactly the total (largest-remainder method).

/**
 * Split `total` (100) in proportion to `weights` into whole numbers summing to exactly `total`:
 * floor each exact share, then give the units left over to the largest remainders (ties: the
 * larger weight, then the earlier position). All weights zero → equal split.
 */
export function largestRemainder(weights: number[], total = 100): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const s = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (x / s) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || w[b] - w[a] || a - b);
  for (const i of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}
