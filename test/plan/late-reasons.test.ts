// Late reasons that name the binding cause in planners' terms: the plan start, closed days, the
// release date, the material and from when, every full week, the bucket's own word, and how a
// purchase lead time is rounded to a bucket. Weeks from Monday 2026-01-05 (see fixture.ts);
// lateness 10 per unit-day × weight (priority 1 → 16, 3 → 4).
import { describe, expect, it } from 'vitest';
import { order, orderOf, plan, records, wc } from './fixture';

const FG = { ItemId: 'FG', Type: 'Make' };
const assy = { Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 };
const book = (orders: Record<string, unknown>[], extra: Record<string, Record<string, unknown>[]> = {}, settings: Record<string, unknown> = {}) =>
  records({ Items: [FG], Routing: [assy], WorkCenters: [wc('ASSY', 8)], Orders: orders, ...extra }, settings);

describe('late reasons', () => {
  it('names the full work center an order due before PlanStart then queues on', async () => {
    // H (priority 1) takes all 40 h of week 0 (late it would cost 16 × 10 × 7 = 1,120 a unit);
    // PAST, due 01-02 (before PlanStart), waits for week 1 (280 a unit more than week 0).
    const { result } = await plan(book([order('H', 'FG', 40, '2026-01-09', 1), order('PAST', 'FG', 10, '2026-01-02', 3, { ReleaseDate: '2025-12-15' })]));
    const past = orderOf(result, 'PAST');
    expect([past.finishDate, past.daysLate]).toEqual(['2026-01-18', 14]);
    expect(past.lateBecause!.en).toBe('due 2026-01-02, before the plan starts (PlanStart 2026-01-05); work center ASSY full in the week of 2026-01-05 (no overtime allowed), taken by higher-priority H');
  });

  it('names the closed week and the full week after it, and no subcontracting where there is none', async () => {
    // The plant is closed all of week 0 (Calendar '*' 01-05 … 01-09, 0 h). A (10 units, due 01-09)
    // cannot start before week 1, which H (priority 1, 40 units due 01-16) fills → A in week 2,
    // 14 days late.
    const closed = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'].map((Date) => ({ WorkCenter: '*', Date, Hours: 0 }));
    const { result } = await plan(book([order('A', 'FG', 10, '2026-01-09'), order('H', 'FG', 40, '2026-01-16', 1)], { Calendar: closed }));
    const a = orderOf(result, 'A');
    expect([a.finishDate, a.daysLate]).toEqual(['2026-01-25', 14]);
    expect(a.lateBecause!.en).toBe('work center ASSY closed in the week of 2026-01-05 (Calendar); work center ASSY full in the week of 2026-01-12 (no overtime allowed), taken by higher-priority H');
    expect(a.lateBecause!.en).not.toContain('subcontract');
    expect(a.lateBecause!.zh).toContain('停工');
  });

  it('blames the release date when the work center had idle hours the order could not use', async () => {
    // R and H are both released on 01-12 (week 1) and due 01-16; week 0 is idle. H (priority 1)
    // takes week 1, R finishes in week 2, 7 days late.
    const { result } = await plan(book([order('R', 'FG', 10, '2026-01-16', 3, { ReleaseDate: '2026-01-12' }), order('H', 'FG', 40, '2026-01-16', 1, { ReleaseDate: '2026-01-12' })]));
    const r = orderOf(result, 'R');
    expect(r.daysLate).toBe(7);
    expect(r.lateBecause!.en).toBe('released only on 2026-01-12 (ReleaseDate): work center ASSY had hours free before then; work center ASSY full in the week of 2026-01-12 (no overtime allowed), taken by higher-priority H');
  });

  it('names every full week of a short order', async () => {
    // 200 units × 1 h, 40 h a week, short above 150 × 4 = 600 a unit: weeks 0, 1 and 2 are full
    // (the third week late costs 840 > 600, so week 3 gets nothing and 80 stay short).
    const { result } = await plan({ ...book([order('BIG', 'FG', 200, '2026-01-09')]), settings: { ...book([]).settings, ShortPenaltyPerUnit: 150 } });
    const big = orderOf(result, 'BIG');
    expect([big.state, big.shortQty]).toEqual(['short', 80]);
    expect(big.lateBecause!.en).toBe('work center ASSY full in the weeks of 2026-01-05 – 2026-01-19 (no overtime allowed)');
  });

  it('says "14-day period" for 14-day buckets, not "week"', async () => {
    // 14-day buckets: ASSY has 80 h a bucket. H (priority 1) takes 80 units in bucket 0, A (10
    // units, due 01-09) waits for bucket 1: 14 days late.
    const { result } = await plan(book([order('H', 'FG', 80, '2026-01-09', 1), order('A', 'FG', 10, '2026-01-09')], {}, { BucketDays: 14, HorizonBuckets: 3 }));
    const a = orderOf(result, 'A');
    expect(a.daysLate).toBe(14);
    expect(a.lateBecause!.en).toBe('work center ASSY full in the 14-day period of 2026-01-05 (no overtime allowed), taken by higher-priority H');
    const overload = result.exceptions.find((e) => e.type === 'overload');
    expect(overload?.message.en).toContain('in the 14-day period of 2026-01-05');
  });

  it('explains a purchase lead time rounded up to the next bucket, and says from when a material is short', async () => {
    // RM-X: nothing in stock, 10 days' lead time: bought on 01-05 it arrives Thursday 01-15, and
    // the plan counts it from the next week, 01-19. M (due 01-09) needs 5 → late to week 2.
    const { result } = await plan(
      records({
        Items: [FG, { ItemId: 'RM-X', Type: 'Buy', LeadTimeDays: 10 }],
        BOM: [{ Parent: 'FG', Component: 'RM-X', QtyPer: 1 }],
        Routing: [{ ...assy, RunHoursPerUnit: 0.1 }],
        WorkCenters: [wc('ASSY', 8)],
        Orders: [order('M', 'FG', 5, '2026-01-09')],
      }),
    );
    const m = orderOf(result, 'M');
    expect([m.finishDate, m.daysLate]).toEqual(['2026-01-25', 14]);
    expect(m.lateBecause!.en).toBe(
      'material RM-X has no stock or open PO before 2026-01-19 (purchase lead time 10 days: bought on 2026-01-05 it arrives 2026-01-15, and the plan counts it from the next week, 2026-01-19)',
    );
    // The shortage is from the first week, when M wanted it.
    expect(result.exceptions.find((e) => e.type === 'shortage')?.message.en).toBe('RM-X: stock and open POs run short from 2026-01-05; buy 5 pcs in total, the first by 2026-01-09');
  });

  it('keeps the note of an order due after the horizon out of lateBecause', async () => {
    const { result } = await plan(book([order('FAR', 'FG', 5, '2026-03-02')]));
    const far = orderOf(result, 'FAR');
    expect([far.state, far.lateBecause]).toEqual(['notPlanned', null]);
    expect(result.exceptions.find((e) => e.subject === 'FAR')).toMatchObject({ type: 'beyondHorizon', severity: 'info' });
  });
});
