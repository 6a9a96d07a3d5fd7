// Seeded random LPs shaped like the capacity allocation of DESIGN.md §3, built straight with
// LpBuilder: orders with a release and a due bucket spread over buckets on one work center each,
// lateness priced by priority, overtime up to a cap, short quantity at a big penalty. Every one is
// feasible (all short is a plan), and each has the row kinds the backends must agree on:
// equalities (completion), ≤ rows (capacity), ranges (a work center's horizon load between a
// floor and a ceiling) and free rows (load totals kept for reporting).
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { LpBuilder, type LpModel } from '../../shared/lp/model';

export function capacityLp(seed: number, orders: number, workCenters: number, buckets: number): LpModel {
  const rng = xoroshiro128plus(seed);
  const int = (lo: number, hi: number) => uniformInt(rng, lo, hi);
  const b = new LpBuilder();
  const capacity = Array.from({ length: workCenters }, () => int(15, 40)); // hours per bucket
  const maxOvertime = 10;
  const load: { col: number; hours: number }[][][] = Array.from({ length: workCenters }, () =>
    Array.from({ length: buckets }, () => []),
  );
  const demandHours = new Array<number>(workCenters).fill(0);
  for (let o = 0; o < orders; o++) {
    const wc = int(0, workCenters - 1);
    const hours = int(5, 20) / 10; // per unit
    const qty = int(10, 60);
    const release = int(0, Math.floor(buckets / 2));
    const due = int(release, buckets - 1);
    const weight = 2 ** (5 - int(1, 5)); // priority 1 → 16 … 5 → 1
    demandHours[wc] += hours * qty;
    const idx: number[] = [];
    for (let t = release; t < buckets; t++) {
      const late = Math.max(0, t - due);
      const early = Math.max(0, due - t);
      const x = b.addVar(`x_O${o}_t${t}`, weight * late + 0.001 * early);
      idx.push(x);
      load[wc][t].push({ col: x, hours });
    }
    idx.push(b.addVar(`short_O${o}`, 100 * weight));
    b.addRow(`done_O${o}`, idx, idx.map(() => 1), qty, qty);
  }
  for (let c = 0; c < workCenters; c++) {
    const all: number[] = [];
    const allHours: number[] = [];
    for (let t = 0; t < buckets; t++) {
      const ot = b.addVar(`ot_WC${c}_t${t}`, 3, maxOvertime);
      const cols = load[c][t].map((l) => l.col);
      const hrs = load[c][t].map((l) => l.hours);
      b.addRow(`cap_WC${c}_t${t}`, [...cols, ot], [...hrs, -1], -Infinity, capacity[c]);
      all.push(...cols);
      allHours.push(...hrs);
    }
    const ceiling = 0.85 * buckets * (capacity[c] + maxOvertime);
    const floor = 0.2 * Math.min(demandHours[c], ceiling);
    b.addRow(`horizon_WC${c}`, all, allHours, floor, ceiling);
    b.addRow(`total_WC${c}`, all, allHours, -Infinity, Infinity);
  }
  return b.build();
}
