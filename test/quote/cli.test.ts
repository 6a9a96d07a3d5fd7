// `mto-planner quote` on a real .xlsx, as a user runs it (the built CLI, real files, exit codes).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { runCli, tempDir } from '../helpers';
import { twoLevel } from './fixture';

let dir: string;
let book: string;
beforeAll(async () => {
  dir = tempDir('mto-quote-');
  book = join(dir, 'quote.xlsx');
  // The hand-worked fixture (rollup.test.ts: 225.80 per unit at 10, price 282.25 at 20 % margin),
  // on an empty plant from Monday 2026-11-30 with weekly buckets.
  const p = twoLevel({ settings: { PlanStart: '2026-11-30', BucketDays: 7, HorizonBuckets: 8 } });
  p.sheets.Quotes = [
    { QuoteId: 'Q1', Customer: 'Acme', Item: 'FG', Quantity: 10, MarginPct: 20, RequestedDate: '2026-12-31' },
    { QuoteId: 'Q1', Customer: 'Acme', Item: 'FG', Quantity: 100, MarginPct: 20, RequestedDate: '2026-12-31' },
  ];
  await writeFile(book, Buffer.from(await inputWorkbook(p.settings, p.sheets).xlsx.writeBuffer()));
});

describe('mto-planner quote', () => {
  it('adds QuoteResults, QuoteDistribution and QuoteLines to a copy of the book', async () => {
    const out = join(dir, 'out.xlsx');
    const r = runCli(['quote', book, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Q1\s+FG\s+10\s+225\.80\s+282\.25/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Quotes')).toBeDefined(); // inputs kept
    const ws = wb.getWorksheet('QuoteResults')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const row = (n: number) => Object.fromEntries(header.map((h, j) => [h, ws.getRow(n).getCell(j + 1).value]));
    // Q = 10: 39.80 + 82 + 104 = 225.80; Q = 100: 39.80 + 53.20 + 64.40 = 157.40 (rollup.test.ts)
    expect(row(2)).toMatchObject({ Quote: 'Q1', Quantity: 10, 'Material (CNY)': expect.closeTo(39.8, 9), 'Labour (CNY)': expect.closeTo(82, 9), 'Overhead (CNY)': expect.closeTo(104, 9), 'Unit cost (CNY)': expect.closeTo(225.8, 9), 'Unit price (CNY)': expect.closeTo(282.25, 9) });
    expect(row(3)).toMatchObject({ Quantity: 100, 'Unit cost (CNY)': expect.closeTo(157.4, 9) });
    // No CostRisk rows: every draw is the deterministic cost.
    expect([row(2)['Cost P10 (CNY)'], row(2)['Cost P50 (CNY)'], row(2)['Cost P90 (CNY)']]).toEqual([expect.closeTo(225.8, 9), expect.closeTo(225.8, 9), expect.closeTo(225.8, 9)]);
    // Empty plant: FG 7 h at ASSY and SA 9 h at CNC fit in the first week (40 h each); the
    // promise is the day the last operation ends in the schedule (8 h a day from 08:00). CNC:
    // 4 h setup + 20 SA × 0.25 h, in two transfer batches of 10: the first at 4 + 2.5 = 6.5 h,
    // Monday 14:30, the second at 9 h, Tuesday 09:00. ASSY: 2 h setup + 10 FG × 0.5 h = 7 h from
    // Monday 14:30 (1.5 h Monday, 5.5 h Tuesday; its second batch of 5 starts 11:00, after the
    // SA it needs) → Tuesday 12-01 13:30 → promise 12-01.
    expect(row(2)['Promise date']).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(row(2)['Rush premium (CNY)']).toBe(0);
    const dist = wb.getWorksheet('QuoteDistribution')!;
    expect(dist.rowCount).toBe(1 + 2 * 20); // 20 histogram bins per quote line, no tornado factors
    const lines = wb.getWorksheet('QuoteLines')!;
    expect(lines.rowCount).toBe(1 + 2 * 6); // RM, BP and labour + overhead of 2 operations, per line
  });

  it('--json gives the quotes with breakdown, lines and simulation; --lang zh writes Chinese headers', async () => {
    const r = runCli(['quote', book, '--json']);
    expect(r.code).toBe(0);
    const q = JSON.parse(r.stdout).quotes[0];
    expect(q).toMatchObject({ quoteId: 'Q1', item: 'FG', quantity: 10, promiseDate: '2026-12-01', rushPremium: 0 }); // scheduled finish, as above
    expect(q.unitCost).toBeCloseTo(225.8, 9);
    expect(q.breakdown).toEqual({ material: expect.closeTo(39.8, 9), labour: expect.closeTo(82, 9), overhead: expect.closeTo(104, 9), subcontract: 0 });
    expect(q.lines.map((l: { item: string; element: string }) => `${l.item}:${l.element}`)).toEqual(['FG:labour', 'FG:overhead', 'SA:labour', 'SA:overhead', 'RM:material', 'BP:material']);
    expect(Object.keys(q.simulation)).toEqual(expect.arrayContaining(['mean', 'stdev', 'p10', 'p50', 'p90', 'histogram', 'tornado']));
    const zhOut = join(dir, 'zh.xlsx');
    expect(runCli(['quote', book, '--out', zhOut, '--lang', 'zh']).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(zhOut);
    expect(wb.getWorksheet('QuoteResults')!.getCell('A1').value).toBe('报价单号');
  });

  it('names the cell of bad input and exits 2', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    wb.getWorksheet('Quotes')!.getCell('D2').value = -5; // Quantity
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = runCli(['quote', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('Quotes!D2: Quantity must be a positive number (got -5)');
  });
});
