// The plan LP with all three alternatives (alternate components, order-dedicated material,
// alternative work centers) written as an LP file (--export-lp) and solved by glpsol: the same
// objective as HiGHS on the arrays, so the new rows and columns are valid LP-file names.
import { describe, expect, it } from 'vitest';
import { relativeGap } from '../../shared/lp/check';
import { toLpFile } from '../../shared/lp/lp-file';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveHighs } from '../../service/solvers/highs';
import { lpFileBackend, onPath } from '../../service/solvers/lp-file-solver';
import { order, plantOf, records, wc } from './fixture';

const onCi = !!process.env.CI && process.env.CI !== 'false';

const plant = () =>
  plantOf(
    records({
      Items: [
        { ItemId: 'FG', Type: 'Make' },
        { ItemId: 'MOTOR', Type: 'Buy', OnHand: 6, LeadTimeDays: 60 },
        { ItemId: 'MOTOR-B', Type: 'Buy', OnHand: 10, LeadTimeDays: 60 },
      ],
      BOM: [
        { Parent: 'FG', Component: 'MOTOR', QtyPer: 1 },
        { Parent: 'FG', Component: 'MOTOR-B', QtyPer: 1, AlternateOf: 'MOTOR' },
      ],
      Routing: [
        { Item: 'FG', OpSeq: 10, WorkCenter: 'CNC-1', RunHoursPerUnit: 4, Preference: 1 },
        { Item: 'FG', OpSeq: 10, WorkCenter: 'CNC-2', RunHoursPerUnit: 5, Preference: 2 },
      ],
      WorkCenters: [wc('CNC-1', 8), wc('CNC-2', 8)],
      Suppliers: [{ SupplierId: 'S1', Name: 'Motors Ltd' }],
      PurchaseOrders: [{ PoId: 'P-1', Supplier: 'S1', Item: 'MOTOR', Quantity: 8, UnitPrice: 100, DueDate: '2026-01-12', Order: 'B' }],
      Orders: [order('A', 'FG', 12, '2026-01-09', 1), order('B', 'FG', 8, '2026-01-16', 4)],
    }),
  );

describe('the plan LP file with alternatives', () => {
  it('names every new column and row', () => {
    const lp = buildPlanModel(plant()).lp;
    const prefixes = (names: string[]) => new Set(names.map((n) => n.split('_')[0]));
    expect([...prefixes(lp.colNames)]).toEqual(expect.arrayContaining(['sub', 'xw', 'ded', 'dinv']));
    expect([...prefixes(lp.rowNames)]).toEqual(expect.arrayContaining(['alt', 'split', 'dstock', 'dcap']));
    expect(toLpFile(lp)).toContain('split_A_CNC110_t0');
  });

  it.runIf(onPath('glpsol') || onCi)('solves in glpsol to HiGHS’s objective', async () => {
    const lp = buildPlanModel(plant()).lp;
    const file = await lpFileBackend('glpk').solve(lp, { timeLimitSeconds: 30 });
    const highs = await solveHighs(lp, { timeLimitSeconds: 30 });
    expect(file.status).toBe('optimal');
    expect(highs.status).toBe('optimal');
    expect(relativeGap(file.objective, highs.objective)).toBeLessThan(1e-6);
  });
});
