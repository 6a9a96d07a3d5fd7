// `mto-planner plan` on real .xlsx files: result sheets read back with exceljs, the input left
// untouched unless it is the output, nothing written when the input is bad.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { loadWorkbook } from '../exceljs-read';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { tempDir } from '../helpers';
import { order, records, wc } from './fixture';

// The priority conflict of allocation.test.ts: A2 (priority 3) finishes a week late behind A1.
const book = records({
  Items: [{ ItemId: 'FG', Type: 'Make' }],
  Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
  WorkCenters: [wc('ASSY', 8)],
  Orders: [order('A1', 'FG', 30, '2026-01-09', 1), order('A2', 'FG', 30, '2026-01-09', 3)],
});

async function writeBook(path: string, r = book): Promise<void> {
  writeFileSync(path, Buffer.from(await inputWorkbook(r.settings, r.sheets).xlsx.writeBuffer()));
}

async function sheet(path: string, name: string): Promise<ExcelJS.Worksheet> {
  const ws = (await loadWorkbook(readFileSync(path))).getWorksheet(name);
  expect(ws, name).toBeDefined();
  return ws!;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

describe('mto-planner plan', () => {
  const dir = tempDir('mto-plan-cli-');

  it('writes Plan, Load, Materials and Exceptions to --out and prints the JSON, leaving the input as it was', async () => {
    const input = join(dir, 'book.xlsx');
    const out = join(dir, 'result.xlsx');
    const lp = join(dir, 'model.lp');
    await writeBook(input);
    const before = readFileSync(input);
    const r = await cli(['plan', input, '--out', out, '--json', '--export-lp', lp, '--solver', 'highs']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['status', 'objective', 'solver', 'orders', 'load', 'materials', 'purchaseSuggestions', 'exceptions', 'roundedObjective', 'roundingGap', 'sequencing', 'schedule']);
    expect(json.status).toBe('optimal');
    expect(json.objective).toBeCloseTo(5600, 6); // 20 units × 7 days × 10 × weight 4
    expect(Object.keys(json.solver)).toEqual(['name', 'seconds', 'variables', 'constraints']);
    expect(json.orders[1]).toEqual({
      orderId: 'A2',
      item: 'FG',
      quantity: 30,
      fromStock: 0,
      dueDate: '2026-01-09',
      // The schedule, 8 h a day from Monday 01-05: A1 (priority 1) 30 h, Mon–Thu 14:00; A2 then
      // 2 h Thu + 8 h Fri = 10 units in week 0 (the plan's 40 h), its other 20 units Mon 8 + Tue 8
      // + Wed 4 h → finishes Wed 01-14, 14 − 9 = 5 calendar days late.
      finishDate: '2026-01-14',
      daysLate: 5,
      subcontractedQty: 0,
      shortQty: 0,
      lateBecause: 'work center ASSY full in the week of 2026-01-05 (no overtime allowed), taken by higher-priority A1',
    });
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readFileSync(lp, 'utf8')).toContain('cap_ASSY_t0:');

    const plan = await sheet(out, 'Plan');
    expect(rowValues(plan, 1).slice(0, 8)).toEqual(['Order', 'Customer', 'Item', 'Quantity', 'Priority', 'Due date', 'Finish date', 'Days late']);
    const a2 = rowValues(plan, 3);
    expect(a2[0]).toBe('A2');
    expect(a2[6]).toEqual(new Date(Date.UTC(2026, 0, 14)));
    expect(a2[7]).toBe(5);
    expect(a2[11]).toBe('LATE');
    expect(plan.getCell('G3').numFmt).toBe('yyyy-mm-dd');
    const load = await sheet(out, 'Load');
    expect(rowValues(load, 2)).toEqual(['ASSY 01-05', 'ASSY', new Date(Date.UTC(2026, 0, 5)), 40, 40, 0, 1]);
    expect(load.getCell('G2').numFmt).toBe('0.0%');
    await sheet(out, 'Materials');
    const ex = await sheet(out, 'Exceptions');
    expect(rowValues(ex, 2).slice(0, 3)).toEqual(['warning', 'late', 'A2']);
    // Start and End are real date-times (A1's 30 h: Monday 01-05 08:00 to Thursday 01-08 14:00).
    const schedule = await sheet(out, 'Schedule');
    const head = rowValues(schedule, 1);
    const [start, end] = ['Start', 'End'].map((h) => head.indexOf(h) + 1);
    expect([schedule.getCell(2, start).value, schedule.getCell(2, end).value]).toEqual([new Date(Date.UTC(2026, 0, 5, 8)), new Date(Date.UTC(2026, 0, 8, 14))]);
    expect(schedule.getCell(2, start).numFmt).toBe('yyyy-mm-dd hh:mm');
    // The input sheets are still there in the output.
    expect(rowValues(await sheet(out, 'Orders'), 2)[0]).toBe('A1');
  });

  it('writes <book>-plan.xlsx by default, leaves the book alone, and replaces result sheets on a re-run, in Chinese with --lang zh', async () => {
    const input = join(dir, 'self.xlsx');
    await writeBook(input);
    const before = readFileSync(input);
    const planned = join(dir, 'self-plan.xlsx');
    // First run: the book → self-plan.xlsx. Second run: plan that file into itself.
    for (const args of [['plan', input, '--lang', 'zh'], ['plan', planned, '--out', planned, '--lang', 'zh']]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('共 2 个订单：1 个按期，1 个延期');
      expect(r.stdout).toContain('A2  2026-01-14  延期 5 天：工作中心 ASSY');
    }
    expect(readFileSync(input).equals(before)).toBe(true);
    const wb = await loadWorkbook(readFileSync(planned));
    expect(wb.worksheets.filter((w) => w.name === 'Plan')).toHaveLength(1);
    expect((await sheet(planned, 'Plan')).getCell('A1').value).toBe('订单号');
    // --json alone prints and writes nothing.
    const onlyJson = join(dir, 'json-only.xlsx');
    await writeBook(onlyJson);
    expect((await cli(['plan', onlyJson, '--json'])).code).toBe(0);
    expect(existsSync(join(dir, 'json-only-plan.xlsx'))).toBe(false);
  });

  it('stops with exit 2 and the cell when the book is invalid, writing nothing', async () => {
    const input = join(dir, 'bad.xlsx');
    const out = join(dir, 'bad-result.xlsx');
    await writeBook(input, records({ ...book.sheets, Orders: [order('A1', 'NOPE', 30, '2026-01-09')] }));
    const before = readFileSync(input);
    const r = await cli(['plan', input, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Orders!C2: unknown item "NOPE": add it to Items or correct the code\n');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('rejects an unknown solver or a bad time limit before reading anything', async () => {
    const input = join(dir, 'book.xlsx');
    expect(await cli(['plan', input, '--solver', 'gurobi'])).toMatchObject({ code: 1, stderr: '--solver must be one of auto, highs, jslp, glpk, cbc\n' });
    expect(await cli(['plan', input, '--time-limit', 'soon'])).toMatchObject({ code: 1, stderr: '--time-limit must be a positive number of seconds (got soon)\n' });
  });

  it('plans on time-phased buckets with --phasing, and rejects a bad count', async () => {
    // HorizonBuckets 4 from Monday 01-05 with 2 fine buckets: weeks 01-05 and 01-12, then one
    // two-week bucket 01-19 … 02-01 (80 h of ASSY). The priority conflict plays out in the weekly
    // buckets as before: A2 gets 10 h in week 0 and its other 20 units in week 1, which the
    // schedule finishes on Wednesday 01-14: 5 days late.
    const input = join(dir, 'phased.xlsx');
    await writeBook(input);
    const r = await cli(['plan', input, '--out', join(dir, 'phased-result.xlsx'), '--phasing', '2', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.load.map((l: { bucketStart: string; capacityHours: number }) => [l.bucketStart, l.capacityHours])).toEqual([
      ['2026-01-05', 40],
      ['2026-01-12', 40],
      ['2026-01-19', 80],
    ]);
    expect(j.orders.map((o: { orderId: string; daysLate: number }) => [o.orderId, o.daysLate])).toEqual([
      ['A1', 0],
      ['A2', 5],
    ]);
    const weekly = JSON.parse((await cli(['plan', input, '--out', join(dir, 'weekly-result.xlsx'), '--json'])).stdout);
    expect(j.solver.variables).toBeLessThan(weekly.solver.variables);
    expect(await cli(['plan', input, '--phasing', 'two'])).toMatchObject({ code: 1, stderr: '--phasing must be a whole number of fine buckets, 0 or more (got two)\n' });
  });

  it('says clearly when there is nothing to plan', async () => {
    const input = join(dir, 'empty.xlsx');
    await writeBook(input, records({ ...book.sheets, Orders: [order('D1', 'FG', 5, '2026-01-09', 3, { Status: 'Draft' })] }));
    const r = await cli(['plan', input]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('no orders to plan: none is Approved or InProduction within the plan horizon');
    const drafts = JSON.parse((await cli(['plan', input, '--include-drafts', '--json'])).stdout);
    expect(drafts.orders.map((o: { orderId: string }) => o.orderId)).toEqual(['D1']);
  });
});
