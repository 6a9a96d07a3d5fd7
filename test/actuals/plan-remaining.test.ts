// InProduction orders are planned from where their work stands, through the real HiGHS solver.
// Weeks from Monday 2026-03-02 (fixture.ts): bucket 0 = 03-02 … 03-08, 1 = 03-09 …, 2 = 03-16 …
import { describe, expect, it } from 'vitest';
import type { Plant } from '../../shared/domain';
import type { PlanResult } from '../../shared/plan/extract';
import { solvePlan } from '../../shared/plan/solve-plan';
import { formatProblem } from '../../shared/problems';
import { recordsToRows, type PlantRecords } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { pickBackend } from '../../service/solvers/index';
import { actualsBook } from './fixture';

const plantOf = (r: PlantRecords): Plant => {
  const { plant, problems } = readPlant(recordsToRows(r), 'plan');
  expect(problems.map((p) => formatProblem(p))).toEqual([]);
  return plant;
};
const planOf = async (r: PlantRecords): Promise<PlanResult> => (await solvePlan(plantOf(r), { clock: () => performance.now(), lang: 'en', backend: (m) => pickBackend('highs', m) })).result;
const hours = (r: PlanResult, wc: string) => r.load.filter((l) => l.workCenter === wc).reduce((s, l) => s + l.loadHours, 0);
const needed = (r: PlanResult, item: string) => r.materials.filter((m) => m.item === item).reduce((s, m) => s + m.requirement, 0);
const bought = (r: PlanResult, item: string) => r.purchaseSuggestions.filter((p) => p.item === item).reduce((s, p) => s + p.quantity, 0);
/** Only order `id` is planned: the other is marked Completed (its reports stay valid). */
const only = (id: string) => (r: PlantRecords) => {
  for (const o of r.sheets.Orders) if (o.OrderId !== id) o.Status = 'Completed';
  return r;
};

describe('plans from where the work stands', () => {
  it('plans SO1 for its remaining 6 of 10 units: op 10 is done, 6 units wait in front of op 20', async () => {
    const book = only('SO1')(actualsBook());
    book.sheets.Orders.find((o) => o.OrderId === 'SO1')!.DueDate = '2026-03-06'; // due in week 0
    const r = await planOf(book);
    const so1 = r.orders.find((o) => o.orderId === 'SO1')!;
    expect(so1.quantity).toBe(6); // 10 ordered − 4 reported good at the last operation
    expect(so1.shortQty).toBe(0);
    expect(hours(r, 'CUT')).toBeCloseTo(0, 6); // op 10 reported 10 good of 10: nothing left to cut
    expect(hours(r, 'ASM')).toBeCloseTo(6, 6); // 6 units × 1 h at op 20
    // The 6 units are already past the material: no RM or RM2 is bought, and they finish in week 0
    // although a new RM purchase would take 14 days.
    expect(bought(r, 'RM')).toBe(0);
    expect(bought(r, 'RM2')).toBe(0);
    expect(r.load.find((l) => l.workCenter === 'ASM' && l.bucketStart === '2026-03-02')!.loadHours).toBeCloseTo(6, 6);
    expect(so1.state).toBe('onTime');
  });

  it('the same order not yet started is planned for all 10 units and needs RM bought', async () => {
    const book = only('SO1')(actualsBook());
    book.sheets.Orders.find((o) => o.OrderId === 'SO1')!.Status = 'Approved';
    const r = await planOf(book);
    expect(r.orders.find((o) => o.orderId === 'SO1')!.quantity).toBe(10);
    expect(hours(r, 'CUT')).toBeCloseTo(7, 6); // 2 h setup + 10 × 0.5 h
    expect(hours(r, 'ASM')).toBeCloseTo(10, 6);
    expect(needed(r, 'RM')).toBeCloseTo(20, 6); // 10 × 2 kg, none on hand: bought (the cheap tier's 100 kg)
    expect(bought(r, 'RM')).toBeGreaterThanOrEqual(20);
  });

  it('material issued to an order and not yet used covers its need', async () => {
    const book = only('SO1')(actualsBook());
    book.sheets.WorkReports = book.sheets.WorkReports.filter((w) => w.Order !== 'SO1');
    book.sheets.MaterialIssues = [
      { IssueId: 'I1', Order: 'SO1', Item: 'RM', Quantity: 20, Date: '2026-02-27' },
      { IssueId: 'I2', Order: 'SO1', Item: 'RM2', Quantity: 10, Date: '2026-02-27' },
    ];
    const r = await planOf(book);
    expect(r.orders.find((o) => o.orderId === 'SO1')!.quantity).toBe(10);
    expect(r.orders.find((o) => o.orderId === 'SO1')!.shortQty).toBe(0);
    // The 20 kg issued cover 10 × 2 kg: SO1 draws nothing from common stock.
    expect(needed(r, 'RM')).toBeCloseTo(0, 6);
    expect(bought(r, 'RM')).toBe(0);
    expect(bought(r, 'RM2')).toBe(0);
  });

  it('issued material stays with its order: what SO1 does not need is no stock for SO3', async () => {
    const book = only('SO1')(actualsBook());
    book.sheets.WorkReports = book.sheets.WorkReports.filter((w) => w.Order !== 'SO1');
    book.sheets.Orders.push({ OrderId: 'SO3', Customer: 'ACME', Item: 'FG', Quantity: 5, DueDate: '2026-04-24', Status: 'Approved' });
    book.sheets.MaterialIssues = [
      { IssueId: 'I1', Order: 'SO1', Item: 'RM', Quantity: 30, Date: '2026-02-27' }, // 10 kg more than SO1's 10 × 2
      { IssueId: 'I2', Order: 'SO1', Item: 'RM2', Quantity: 10, Date: '2026-02-27' },
    ];
    const r = await planOf(book);
    for (const id of ['SO1', 'SO3']) expect(r.orders.find((o) => o.orderId === id)!.shortQty).toBe(0);
    // SO3 needs 5 × 2 = 10 kg RM and 5 × 1 RM2 from common stock (none on hand): bought, although
    // 10 kg issued to SO1 lie unused.
    expect(needed(r, 'RM')).toBeCloseTo(10, 6);
    expect(bought(r, 'RM')).toBeGreaterThanOrEqual(10); // (in SUP1's cheaper 100 kg tier)
    expect(needed(r, 'RM2')).toBeCloseTo(5, 6);
  });

  it('issued material covering part of the need: the rest comes from common stock', async () => {
    const book = only('SO1')(actualsBook());
    book.sheets.WorkReports = book.sheets.WorkReports.filter((w) => w.Order !== 'SO1');
    book.sheets.MaterialIssues = [{ IssueId: 'I1', Order: 'SO1', Item: 'RM', Quantity: 12, Date: '2026-02-27' }];
    const r = await planOf(book);
    expect(r.orders.find((o) => o.orderId === 'SO1')!.shortQty).toBe(0);
    // 10 units × 2 kg = 20 kg, 12 kg issued: 8 kg from common stock; RM2: 10 × 1, none issued.
    expect(needed(r, 'RM')).toBeCloseTo(8, 6);
    expect(bought(r, 'RM')).toBeGreaterThanOrEqual(8);
    expect(needed(r, 'RM2')).toBeCloseTo(10, 6);
  });

  it('a half-done order needs material only for the units still to start', async () => {
    const book = only('SO1')(actualsBook());
    // Op 10 reported 6 good of 10 (none scrapped); op 20 none: 4 units still to start op 10.
    book.sheets.WorkReports = [{ ReportId: 'R1', Order: 'SO1', OpSeq: 10, WorkCenter: 'CUT', Date: '2026-02-23', Hours: 3, GoodQty: 6 }];
    // 16 kg issued: 6 × 2 = 12 used by what entered op 10, 4 left for the 4 × 2 = 8 still needed.
    book.sheets.MaterialIssues = [{ IssueId: 'I1', Order: 'SO1', Item: 'RM', Quantity: 16, Date: '2026-02-23' }];
    const r = await planOf(book);
    expect(r.orders.find((o) => o.orderId === 'SO1')!.quantity).toBe(10); // none finished yet
    expect(needed(r, 'RM')).toBeCloseTo(4, 6); // 8 − 4 issued and unused
    expect(needed(r, 'RM2')).toBeCloseTo(4, 6); // 4 units × 1, none issued
  });

  it('an open subcontract lot comes back as WIP: SO2 needs no new plating, only assembly of 8 + 2 units', async () => {
    const r = await planOf(only('SO2')(actualsBook()));
    const so2 = r.orders.find((o) => o.orderId === 'SO2')!;
    expect(so2.quantity).toBe(10);
    expect(so2.shortQty).toBe(0);
    expect(so2.subcontractedQty).toBe(0); // the 2 units out are already on their way back
    expect(hours(r, 'CUT')).toBeCloseTo(0, 6);
    expect(hours(r, 'ASM')).toBeCloseTo(2, 6); // 10 × 0.2 h
  });
});
