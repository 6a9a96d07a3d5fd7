// Seeded random LPs shaped like the capacity allocation of docs/design.md §3, built straight with
// LpBuilder: orders with a release and a due bucket spread over buckets on one work center each,
// lateness priced by priority, overtime up to a cap, short quantity at a big penalty. Every one is
// feasible (all short is a plan), and each has the row kinds the backends must agree on:
// equalities (completion), ≤ rows (capacity), ranges (a work center's horizon load between a
// floor and a ceiling) and free rows (load totals kept for reporting). Used to warm HiGHS up on
// the shape it will meet, and by the solver tests to make every backend agree.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { LpBuilder, type LpModel } from '../../shared/lp/model';

/**
 * `maxOps` > 1 gives orders a routing of 1…maxOps operations, each on its own work center, tied
 * by cumulative flow rows (cumulative output of an operation never ahead of the one before).
 */
export function capacityLp(seed: number, orders: number, workCenters: number, buckets: number, maxOps = 1): LpModel {
  const rng = xoroshiro128plus(seed);
  const int = (lo: number, hi: number) => uniformInt(rng, lo, hi);
  const b = new LpBuilder();
  const capacity = Array.from({ length: workCenters }, () => int(15, 40) * maxOps); // hours per bucket
  const maxOvertime = 10;
  const load: { col: number; hours: number }[][][] = Array.from({ length: workCenters }, () =>
    Array.from({ length: buckets }, () => []),
  );
  const demandHours = new Array<number>(workCenters).fill(0);
  for (let o = 0; o < orders; o++) {
    const qty = int(10, 60);
    const release = int(0, Math.floor(buckets / 2));
    const due = int(release, buckets - 1);
    const weight = 2 ** (5 - int(1, 5)); // priority 1 → 16 … 5 → 1
    const ops = int(1, maxOps);
    let previous: number[] = [];
    for (let k = 0; k < ops; k++) {
      const last = k === ops - 1;
      const wc = int(0, workCenters - 1);
      const hours = int(5, 20) / 10; // per unit
      demandHours[wc] += hours * qty;
      const cols: number[] = [];
      for (let t = release; t < buckets; t++) {
        const late = last ? Math.max(0, t - due) : 0;
        const early = Math.max(0, due - t);
        const x = b.addVar(`x_O${o}_${k}_t${t}`, weight * late + 0.001 * early);
        cols.push(x);
        load[wc][t].push({ col: x, hours });
      }
      // flow: by the end of each bucket, op k has done no more than op k−1
      for (let s = 0; k > 0 && s < cols.length; s++) {
        const idx = [...cols.slice(0, s + 1), ...previous.slice(0, s + 1)];
        const coef = idx.map((_, n) => (n <= s ? 1 : -1));
        b.addRow(`flow_O${o}_${k}_t${release + s}`, idx, coef, -Infinity, 0);
      }
      if (last) {
        const short = b.addVar(`short_O${o}`, 100 * weight);
        b.addRow(`done_O${o}`, [...cols, short], [...cols, short].map(() => 1), qty, qty);
      }
      previous = cols;
    }
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
