// Time-phased buckets: weekly near the start, two-week buckets later. Settings:
// BucketDays 7, HorizonBuckets 6 (42 days from Monday 01-05); 2 fine buckets →
//   bucket 0 = 01-05…01-11, 1 = 01-12…01-18, 2 = 01-19…02-01, 3 = 02-02…02-15.
import { describe, expect, it } from 'vitest';
import { bucketEnd, bucketIndex, bucketsOf, bucketStart } from '../../shared/plan/buckets';
import { solvePlan } from '../../shared/plan/solve-plan';
import { runPlan } from '../../service/jobs/plan';
import { jobOptions, parseOptions } from '../../service/jobs/options';
import { pickBackend } from '../../service/solvers/index';
import { loadOf, order, orderOf, plantOf, records, wc } from './fixture';

const book = (qty: number, due: string) =>
  records(
    {
      Items: [{ ItemId: 'FG', Type: 'Make' }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [wc('ASSY', 8, { MaxOvertimeHoursPerWeek: 5, OvertimeRate: 2000 })],
      Orders: [order('Q', 'FG', qty, due)],
    },
    { HorizonBuckets: 6 },
  );
const planPhased = (qty: number, due: string, fineBuckets?: number) =>
  solvePlan(plantOf(book(qty, due)), { clock: () => performance.now(), lang: 'en', phasing: fineBuckets === undefined ? undefined : { fineBuckets }, backend: (m) => pickBackend('highs', m) });

describe('time-phased buckets', () => {
  it('lays out fine then double buckets up to the same horizon end', () => {
    const b = bucketsOf(plantOf(book(1, '2026-01-09')).settings, { fineBuckets: 2 });
    expect(b.offsets).toEqual([0, 7, 14, 28, 42]);
    expect([0, 1, 2, 3].map((t) => [bucketStart(b, t), bucketEnd(b, t)])).toEqual([
      ['2026-01-05', '2026-01-11'],
      ['2026-01-12', '2026-01-18'],
      ['2026-01-19', '2026-02-01'],
      ['2026-02-02', '2026-02-15'],
    ]);
    expect(['2026-01-04', '2026-01-18', '2026-01-25', '2026-02-15', '2026-02-16', '2026-02-23'].map((d) => bucketIndex(b, d))).toEqual([-1, 1, 2, 3, 4, 5]);
  });

  it('plans with two-week capacity and overtime in the coarse buckets, and counts lateness in days', async () => {
    // 200 units × 1 h due 01-09 (bucket 0), priority 3 (weight 4); overtime at 2,000/h is never
    // worth it (even 28 days late costs 4 × 10 × 28 = 1,120 a unit). Capacity 40, 40, 80, 80 h: 40 on time, 40 seven days
    // late, 80 fourteen days late, 40 twenty-eight days late (bucket 3 starts 28 days after bucket 0).
    //   4 × 10 × (40 × 7 + 80 × 14 + 40 × 28) = 100,800.
    const { json, result, stats } = await planPhased(200, '2026-01-09', 2);
    expect(json.objective).toBeCloseTo(100800, 6);
    expect(orderOf(result, 'Q')).toMatchObject({ finishDate: '2026-02-15', daysLate: 28, shortQty: 0 });
    expect(loadOf(result, 'ASSY', '2026-01-19')).toMatchObject({ capacityHours: 80, loadHours: 80 });
    expect(result.load.map((l) => l.bucketStart)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-02-02']);
    // x in 4 buckets, overtime in 4, short: 9 columns against 13 with six weekly buckets.
    expect(stats.variables).toBe(9);
    expect((await planPhased(200, '2026-01-09')).stats.variables).toBe(13);
  });

  it('treats finishing inside the coarse bucket that holds the due date as on time', async () => {
    // 100 units due Friday 01-23 (bucket 2, 80 h): 80 there, 20 a bucket early (earliness 0.01
    // each: 0.20). Finish is reported on the bucket's last day, 02-01, 0 days late.
    const { json, result } = await planPhased(100, '2026-01-23', 2);
    expect(json.objective).toBeCloseTo(0.2, 9);
    expect(orderOf(result, 'Q')).toMatchObject({ finishDate: '2026-02-01', daysLate: 0 });
  });

  it('is an API option too, passed through to the plan job', async () => {
    // options { phasing: "2" } (a form field is a string) → 2 fine buckets, as in the test above:
    // 9 columns against 13 on six weekly buckets.
    const parsed = parseOptions({ phasing: '2' });
    expect(parsed).toEqual({ options: { phasing: 2 } });
    const opts = jobOptions((parsed as { options: { phasing: number } }).options, 'en', 60);
    expect(opts.phasing).toBe(2);
    const r = await runPlan(plantOf(book(200, '2026-01-09')), opts);
    expect(r.stats?.variables).toBe(9);
    expect(parseOptions({ phasing: -1 })).toMatchObject({ error: expect.stringMatching(/^options\.phasing: /) });
  });
});
