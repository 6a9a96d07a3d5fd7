// `mto-planner costs`, `prices`, `plan` and `suppliers` on a real .xlsx of the hand-worked book
// (fixture.ts; figures worked out in costs.test.ts), as a user runs them: the built CLI.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { runCli, tempDir } from '../helpers';
import { actualsBook } from './fixture';

let dir: string;
let book: string;
beforeAll(async () => {
  dir = tempDir('mto-actuals-');
  book = join(dir, 'shop.xlsx');
  const r = actualsBook();
  await writeFile(book, Buffer.from(await inputWorkbook(r.settings, r.sheets).xlsx.writeBuffer()));
});

const sheetRows = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name)!;
  expect(ws, name).toBeDefined();
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const out: Record<string, unknown>[] = [];
  for (let n = 2; n <= ws.rowCount; n++) out.push(Object.fromEntries(header.map((h, j) => [h, ws.getRow(n).getCell(j + 1).value])));
  return out;
};

describe('mto-planner costs', () => {
  it('writes OrderCosts, OrderCostTrace, SubcontractLots and Wages to a copy of the book', async () => {
    const out = join(dir, 'costs.xlsx');
    const r = runCli(['costs', book, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // order, qty, finished, standard, actual, to complete, projected, variance, quoted margin, projected margin
    expect(r.stdout).toMatch(/SO1\s+10\s+4\s+1040\.00\s+997\.60\s+240\.00\s+1237\.60\s+197\.60\s+290\.00\s+212\.40/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('WorkReports')).toBeDefined(); // inputs kept
    const so1 = sheetRows(wb, 'OrderCosts').find((x) => x.Order === 'SO1')!;
    expect(so1).toMatchObject({
      'Standard cost': 1040, 'Quoted cost': 1160, 'Quoted price': 1450, 'Actual to date': 997.6, 'Estimate to complete': 240, 'Projected cost': 1237.6,
      'Material price variance': 8.6, 'Material usage variance': 19, 'Labour efficiency variance': 70, 'Labour rate variance': 70, 'Overhead variance': 30,
      'Total variance': 197.6, 'Quoted margin': 290, 'Projected margin': 212.4, 'Margin lost': 77.6,
    });
    expect(so1['Projected margin %']).toBeCloseTo(212.4 / 1450, 9);
    expect(wb.getWorksheet('OrderCosts')!.getRow(2).getCell(8).numFmt).toMatch(/^#,##0\.00/);
    const trace = sheetRows(wb, 'OrderCostTrace');
    expect(trace.find((t) => t['Source cell'] === 'MaterialIssues!D2')).toMatchObject({ Order: 'SO1', Figure: 'actual', Element: 'material', Quantity: 22, 'Rate or price': 9.8, Amount: 215.6, 'Rate from': 'PurchaseOrders!E2' });
    expect(sheetRows(wb, 'SubcontractLots')).toEqual([expect.objectContaining({ 'PO line': 'L1', Sent: 10, Received: 8, 'Still at subcontractor': 2, 'Days overdue': 3 })]);
    expect(sheetRows(wb, 'Wages').find((w) => w.Worker === 'W1')).toMatchObject({ Month: '2026-02', Hours: 10, 'Time wage': 420, 'Piece wage': 17, 'Total wage': 437 });
  });

  it('--json gives the figures; --lang zh words the sheets in Chinese', async () => {
    const r = runCli(['costs', book, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const so1 = j.orders.find((o: { orderId: string }) => o.orderId === 'SO1');
    expect(so1.variances).toEqual({ materialPrice: 8.6, materialUsage: 19, labourEfficiency: 70, labourRate: 70, overhead: 30, subcontract: 0, total: 197.6 });
    expect(j.lots[0]).toMatchObject({ poId: 'L1', open: 2, overdue: true });
    const out = join(dir, 'costs-zh.xlsx');
    expect(runCli(['costs', book, '--out', out, '--lang', 'zh']).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(sheetRows(wb, 'OrderCosts').find((x) => x['订单号'] === 'SO1')).toMatchObject({ 标准成本: 1040, 预计毛利: 212.4 });
    expect(sheetRows(wb, 'OrderCostTrace')[0]).toMatchObject({ 口径: '标准' });
  });

  it('rejects bad reports with every problem at its cell, exit 2, and warns about off-BOM issues', async () => {
    const r0 = actualsBook();
    r0.sheets.WorkReports.push({ ReportId: 'R5', Order: 'SO9', OpSeq: 10, Date: '2026-02-25', Hours: -1, GoodQty: 1 });
    const bad = join(dir, 'bad.xlsx');
    await writeFile(bad, Buffer.from(await inputWorkbook(r0.settings, r0.sheets).xlsx.writeBuffer()));
    const r = runCli(['costs', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['WorkReports!F6: Hours must be a number ≥ 0 (got -1)', 'WorkReports!B6: unknown order "SO9": use an OrderId of the Orders sheet']);

    const r1 = actualsBook();
    r1.sheets.Items.push({ ItemId: 'RM-ALT', Type: 'Buy', StdCost: 8 });
    r1.sheets.MaterialIssues.push({ IssueId: 'I3', Order: 'SO1', Item: 'RM-ALT', Quantity: 2, Date: '2026-02-25' });
    const warn = join(dir, 'warn.xlsx');
    await writeFile(warn, Buffer.from(await inputWorkbook(r1.settings, r1.sheets).xlsx.writeBuffer()));
    const w = runCli(['costs', warn, '--out', join(dir, 'warn-out.xlsx')]);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/^MaterialIssues!C4: warning: RM-ALT is not in the BOM of order SO1/);
  });
});

describe('mto-planner prices, plan and suppliers on the same book', () => {
  it('prices flags P2 (10 % over its tier) and P4 (off the list), not P3', () => {
    const r = runCli(['prices', book, '--period', '2026-Q1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const line = (id: string) => j.lines.find((l: { poId: string }) => l.poId === id);
    expect(line('P2')).toMatchObject({ approvedPrice: 9, deviationPct: 10, deviation: 108, flags: ['overTolerance'] });
    expect(line('P3').flags).toEqual([]);
    expect(line('P4').flags).toEqual(['notOnAvl', 'noApprovedPrice']);
    expect(j.tolerancePct).toBe(2);
  });

  it('prices --with-plan holds each line against the plan of the same book; the table is aligned', () => {
    const r = runCli(['prices', book, '--period', '2026-Q1', '--with-plan', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.plan).toBe("this book's plan");
    // The plan buys no RM: SO1's 6 units left are past the material, SO2 uses none. No suggestion, no comparison.
    expect(j.lines.every((l: { suggestedQty: number | null }) => l.suggestedQty === null)).toBe(true);
    const t = runCli(['prices', book, '--period', '2026-Q1', '--with-plan', '--lang', 'zh', '--out', join(dir, 'prices-zh.xlsx')]);
    expect(t.code).toBe(0);
    const lines = t.stdout.split('\n').filter((l) => /^(采购单号|P\d|L\d)/.test(l));
    // CJK headers are two columns wide: the price column ends at the same terminal column on every line
    const cols = (l: string) => [...l].reduce((a, ch) => a + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
    const ends = lines.map((l) => cols(l.slice(0, l.indexOf(l.includes('采购单号') ? '单价' : l.split(/\s+/)[5]) + (l.includes('采购单号') ? 2 : l.split(/\s+/)[5].length))));
    expect(new Set(ends).size).toBe(1);
  });

  it('plan plans SO1 for its remaining 6 units', () => {
    const r = runCli(['plan', book, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.orders.find((o: { orderId: string }) => o.orderId === 'SO1')).toMatchObject({ quantity: 6, shortQty: 0 });
  });

  it('the scorecard export carries the period price review', async () => {
    const out = join(dir, 'scorecard.xlsx');
    const r = runCli(['suppliers', book, '--period', '2026-Q1', '--out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = sheetRows(wb, 'PriceReview');
    expect(rows.find((x) => x['PO line'] === 'P2')).toMatchObject({ 'Approved price': 9, Deviation: 108, Flag: 'over the approved price' });
    expect(rows.find((x) => x['PO line'] === 'P3')!.Flag).toBeNull();
    // the subcontractor is scored like any supplier (its lot: on time, 8 of 8 accepted)
    expect(sheetRows(wb, 'Scorecard').some((x) => Object.values(x).includes('SUB'))).toBe(true);
  });
});
