// An input sheet that is there but empty is reported as empty, with what to type, not as missing
// (a planner looking at the Orders tab was told to add it); an empty optional sheet is no data.
// A missing sheet says how to fix it in Chinese too. Real .xlsx files through the CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { tempDir } from '../helpers';

const settings = { PlanStart: '2026-01-05' };
const sheets = {
  Orders: [{ OrderId: 'A', Customer: 'C', Item: 'FG', Quantity: 5, DueDate: '2026-01-16' }],
  Items: [{ ItemId: 'FG', Type: 'Make' }],
  Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
  WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8 }],
};

/** The book with these sheets replaced by empty ones (or dropped), saved as .xlsx. */
async function book(dir: string, empty: string[], drop: string[] = []): Promise<string> {
  const wb = inputWorkbook(settings, sheets);
  for (const name of [...empty, ...drop]) wb.removeWorksheet(wb.getWorksheet(name)!.id);
  for (const name of empty) wb.addWorksheet(name);
  const path = join(dir, `${empty.join('-')}-${drop.join('-')}.xlsx`);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

describe('an empty input sheet', () => {
  const dir = tempDir('mto-empty-sheet-');

  it('is reported as empty, with the header to type, and the book is untouched', async () => {
    const path = await book(dir, ['Orders', 'Calendar']);
    const before = readFileSync(path);
    const en = await cli(['plan', path]);
    expect(en.code).toBe(2);
    // Orders is required for a plan; the empty Calendar (optional) is no data and no problem.
    expect(en.stderr.trim().split('\n')).toEqual(['Orders!A1: sheet Orders is empty: add the header row OrderId, Customer, Item, Quantity, DueDate and a row for each entry below it']);
    const zh = await cli(['plan', path, '--lang', 'zh']);
    expect(zh.stderr.trim().split('\n')).toEqual(['Orders!A1: 工作表“Orders”为空：请添加表头行 OrderId、Customer、Item、Quantity、DueDate，并在其下逐行填写']);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a missing sheet says how to add it, in Chinese too', async () => {
    const path = await book(dir, [], ['WorkCenters']);
    const zh = await cli(['validate', path, '--job', 'plan', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim().split('\n')).toEqual(['WorkCenters!A1: 缺少工作表“工作中心”（WorkCenters）：请添加该工作表，表头列为 WorkCenterId、HoursPerDay', 'Routing!C2: 未知工作中心“ASSY”：请在工作中心表中添加或更正编码']);
  });
});
