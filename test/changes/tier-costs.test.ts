// The purchase cost a what-if reports (Changes' "Suggested purchases" row, the change's cost and
// Stranded's value) prices each purchase lot at the supplier tier it reaches, as the Materials
// sheet buys it — not at StdCost when every tier has a MinOrderQty — and Stranded shows the value
// in the plant's currency. A real .xlsx through the CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { tempDir } from '../helpers';

describe('what-if purchase costs at the price tier the lot reaches', () => {
  it('prices 140 and 100 units of RM at the 100-unit tier (4 CNY), not at StdCost 6', async () => {
    // FG needs 2 RM a piece; RM has no stock, StdCost 6, and S1's tiers 5 CNY from 25 units and
    // 4 CNY from 100 units. A (50 FG) and B (20 FG), both due 01-23 (week of 01-19): RM 140 in that
    // week, one lot of 140 ≥ 100 → 140 × 4 = 560 CNY. B cancelled: 100 RM → 100 × 4 = 400 CNY,
    // −160 CNY; the 40 RM no longer needed are suggested units not to buy, 40 × 4 = 160 CNY.
    // (At StdCost it read 840 → 600, −240, stranded 240.)
    const dir = tempDir('mto-tier-costs-');
    const book = join(dir, 'tiers.xlsx');
    const settings = { PlanStart: '2026-01-05', BucketDays: 7, HorizonBuckets: 4, LatePenaltyPerUnitDay: 10, Currency: 'CNY' };
    const wb = inputWorkbook(settings, {
      Orders: [
        { OrderId: 'A', Customer: 'C', Item: 'FG', Quantity: 50, DueDate: '2026-01-23' },
        { OrderId: 'B', Customer: 'C', Item: 'FG', Quantity: 20, DueDate: '2026-01-23' },
      ],
      Items: [
        { ItemId: 'FG', Type: 'Make', Uom: 'pcs' },
        { ItemId: 'RM', Type: 'Buy', Uom: 'pcs', StdCost: 6, LeadTimeDays: 7 },
      ],
      BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 2 }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 0.1 }],
      WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8 }],
      Suppliers: [{ SupplierId: 'S1', Name: 'One', Approved: 'Y' }],
      SupplierItems: [
        { Supplier: 'S1', Item: 'RM', UnitPrice: 5, MinOrderQty: 25, LeadTimeDays: 7 },
        { Supplier: 'S1', Item: 'RM', UnitPrice: 4, MinOrderQty: 100, LeadTimeDays: 7 },
      ],
      WhatIf: [{ Action: 'Cancel', OrderId: 'B' }],
    });
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));

    const out = join(dir, 'tiers-plan.xlsx');
    const r = await cli(['plan', book, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.purchaseSuggestions).toEqual([{ item: 'RM', supplier: 'S1', quantity: 100, orderBy: '2026-01-12', needBy: '2026-01-19' }]);
    expect(j.changes.costsBefore.purchases).toBe(560);
    expect(j.changes.costsAfter.purchases).toBe(400);
    expect(j.stranded).toMatchObject([{ item: 'RM', stranded: 40, dropSuggested: 40, value: 160 }]);

    const sheets = workbookRows(await loadWorkbook(readFileSync(out)));
    const changes = sheets.Changes!;
    const col = (name: string) => changes.header.indexOf(name);
    const cost = changes.rows.find((row) => row[col('Order / change / work center / item')] === 'Suggested purchases')!;
    expect([cost[col('Unit')], cost[col('Before')], cost[col('After')], cost[col('Change')]]).toEqual(['CNY', 560, 400, -160]);
    const cancel = changes.rows.find((row) => row[col('What')] === 'Change')!;
    expect(cancel[col('Change')]).toBe(-160);
    const stranded = sheets.Stranded!;
    expect(stranded.rows[0][stranded.header.indexOf('Value (CNY)')]).toBe(160);
    // The value in the plant's currency, the units as whole numbers (40, not 40.00).
    const ws = (await loadWorkbook(readFileSync(out))).getWorksheet('Stranded')!;
    const fmt = (header: string) => ws.getRow(2).getCell(stranded.header.indexOf(header) + 1).numFmt;
    expect(fmt('Value (CNY)')).toBe('#,##0.00 "CNY"');
    expect(fmt('Stranded (units)') ?? 'General').toBe('General');
  });
});
