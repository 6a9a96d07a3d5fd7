// Whole units: items counted in pieces are planned, scheduled, required and bought in whole
// numbers; items measured in kg, m, l … stay fractional. Rounding works on running totals, so
// the parts of a series add up to the rounded total and a later bucket never holds fewer
// cumulative units than the LP gave an earlier one (precedence between operations holds, as
// rounding a running total keeps its order).
import type { SettingsValues } from '../contract';

/** Units that count whole pieces; a blank Uom counts as pieces. Settings DiscreteUoms adds more. */
export const DISCRETE_UOMS = ['', 'pc', 'pcs', 'piece', 'pieces', 'ea', 'each', 'set', 'sets', 'unit', 'units', '件', '台', '个', '套', '只', '把'];

const norm = (u: string | undefined): string => (u ?? '').trim().toLowerCase();

/** The discrete units of a plant: the built-in list plus the comma-separated Settings key. */
export function discreteUoms(settings: Pick<SettingsValues, 'DiscreteUoms'>): Set<string> {
  const extra = (settings.DiscreteUoms ?? '').split(/[,，;；]/).map(norm).filter(Boolean);
  return new Set([...DISCRETE_UOMS, ...extra]);
}

// Each unit's answer per set, remembered: the schedule asks for every lot and row, of a few units.
const answers = new WeakMap<Set<string>, Map<string | undefined, boolean>>();
export function isDiscrete(uom: string | undefined, set: Set<string>): boolean {
  let known = answers.get(set);
  if (!known) answers.set(set, (known = new Map()));
  let v = known.get(uom);
  if (v === undefined) known.set(uom, (v = set.has(norm(uom))));
  return v;
}

const EPS = 1e-6;

/** A quantity as a whole number of pieces: nearest for an order's own quantity, up for what it needs. */
export const wholeUp = (q: number): number => Math.max(0, Math.ceil(q - EPS));
export const wholeNearest = (q: number): number => Math.max(0, Math.round(q));

/**
 * Whole parts of a series by rounding its running total (`mode` nearest or up), so the parts add
 * up to the rounded total. [0.4, 0.4, 0.2] → running 0.4, 0.8, 1 → 0, 1, 1 → parts 0, 1, 0.
 */
export function wholeSeries(values: ArrayLike<number>, mode: 'nearest' | 'up' = 'nearest'): number[] {
  const out = new Array<number>(values.length);
  wholeSeriesInto(values, mode, out);
  return out;
}

/** wholeSeries into `out` (as long as `values`): no array made, for a caller that reuses one. */
export function wholeSeriesInto(values: ArrayLike<number>, mode: 'nearest' | 'up', out: { [i: number]: number }): void {
  const up = mode === 'up';
  let cum = 0;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    cum += values[i];
    const r = Math.max(prev, up ? wholeUp(cum) : wholeNearest(cum));
    out[i] = r - prev;
    prev = r;
  }
}
