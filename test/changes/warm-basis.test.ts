// A what-if's scenario starts from its baseline's optimal master (decompose.ts WarmStart): the
// schedules in use and the basis, carried by what they are. Started on the very plant it came
// from, that start is already optimal, so the first master solve takes no simplex pivot and
// nothing more prices out. Before carried schedules were kept with their repeats (the baseline
// holds some schedule twice: one copy at its upper bound, one basic), the generated 60 × 5 × 10
// plant (seed 4) took 19 pivots here and the 300 × 10 × 26 one (seed 2) 170.
import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveByColumns } from '../../shared/plan/decompose';
import { generatePlant } from '../../shared/plan/generate-plant';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { highsIncremental } from '../../service/solvers/highs';

const clock = () => performance.now();

describe("a plan started from its own end", () => {
  for (const [orders, workCenters, buckets, seed] of [
    [60, 5, 10, 4],
    [300, 10, 26, 2],
  ])
    it(`is optimal at once: generated ${orders} × ${workCenters} × ${buckets} (seed ${seed})`, async () => {
      const plant = readPlant(recordsToRows(generatePlant({ orders, workCenters, buckets, seed })), 'plan').plant;
      const base = await solveByColumns(buildPlanModel(plant), highsIncremental, { clock, timeLimitSeconds: 60 });
      expect(base.status).toBe('optimal');
      expect(base.iterations).toBeGreaterThan(100); // from scratch it takes pivots
      const again = await solveByColumns(buildPlanModel(plant), highsIncremental, { clock, timeLimitSeconds: 60, warm: base.prices, carry: base.schedules, basis: base.basis });
      expect(again.status).toBe('optimal');
      expect(again.objective).toBeCloseTo(base.objective, 6);
      expect([again.rounds, again.iterations]).toEqual([1, 0]);
    });
});
