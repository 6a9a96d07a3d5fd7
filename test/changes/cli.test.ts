// `mto-planner plan` with a WhatIf sheet and with --compare, on real .xlsx files of the sample
// plant. A mixed set of changes (a rush order, a cancellation, a due date pulled in, a quantity
// cut) planned as a what-if must give the same scenario as a separate plan of the edited book,
// and the same Changes as that plan compared with a separate plan of the original book.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { SqliteRunStore } from '../../service/store/runs';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { samplePlant, type PlantRecords } from '../../shared/sample-plant';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { tempDir } from '../helpers';

type Rec = Record<string, unknown>;

async function writeBook(path: string, r: PlantRecords): Promise<void> {
  writeFileSync(path, Buffer.from(await inputWorkbook(r.settings, r.sheets).xlsx.writeBuffer()));
}

const CHANGES: Rec[] = [
  { Action: 'AddOrder', OrderId: 'RUSH-1', Item: 'FG-PUMP-100', Quantity: 10, Date: '2026-12-11', Priority: 1, Note: 'Rush customer' },
  { Action: 'Cancel', OrderId: 'SO-261101' },
  { Action: 'DueDate', OrderId: 'SO-261103', Date: '2026-12-04' },
  { Action: 'Quantity', OrderId: 'SO-261107', Quantity: 2 },
];

/** The sample with the same changes typed into Orders by hand. */
function edited(): PlantRecords {
  const r = samplePlant();
  const orders = (r.sheets.Orders as Rec[]).map((o) => ({ ...o }));
  const find = (id: string) => orders.find((o) => o.OrderId === id)!;
  find('SO-261101').Status = 'Cancelled';
  find('SO-261103').DueDate = '2026-12-04';
  find('SO-261107').Quantity = 2;
  orders.push({ OrderId: 'RUSH-1', Customer: 'Rush customer', Item: 'FG-PUMP-100', Quantity: 10, DueDate: '2026-12-11', Priority: 1, Status: 'Approved', Notes: 'Rush customer' });
  return { ...r, sheets: { ...r.sheets, Orders: orders } };
}

describe('mto-planner plan: what-if and --compare on the sample plant', () => {
  const dir = tempDir('mto-whatif-cli-');

  it('a what-if equals two separate runs compared', async () => {
    const whatIf = join(dir, 'whatif.xlsx');
    const original = join(dir, 'original.xlsx');
    const editedBook = join(dir, 'edited.xlsx');
    await writeBook(whatIf, { ...samplePlant(), sheets: { ...samplePlant().sheets, WhatIf: CHANGES } });
    await writeBook(original, samplePlant());
    await writeBook(editedBook, edited());
    const whatIfBefore = readFileSync(whatIf);

    const w = await cli(['plan', whatIf, '--json', '--out', join(dir, 'whatif-plan.xlsx'), '--solver', 'highs']);
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    const wj = JSON.parse(w.stdout);
    expect(readFileSync(whatIf).equals(whatIfBefore)).toBe(true); // --out elsewhere: the book is untouched

    // The earlier plan is written in Chinese (Chinese headers) and read back for the comparison.
    const o = await cli(['plan', original, '--out', join(dir, 'original-plan.xlsx'), '--solver', 'highs', '--lang', 'zh']);
    expect(o.code).toBe(0);
    const e = await cli(['plan', editedBook, '--json', '--compare', join(dir, 'original-plan.xlsx'), '--solver', 'highs']);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    const ej = JSON.parse(e.stdout);

    // The scenario is the edited book's plan.
    expect(wj.objective).toBeCloseTo(ej.objective, 6);
    expect(wj.orders).toEqual(ej.orders);
    expect(wj.load).toEqual(ej.load);
    expect(wj.purchaseSuggestions).toEqual(ej.purchaseSuggestions);
    // The what-if's baseline is the original's plan, so the changes agree.
    expect(wj.changes.orders).toEqual(ej.changes.orders);
    expect(wj.changes.load).toEqual(ej.changes.load);
    expect(wj.changes.purchases).toEqual(ej.changes.purchases);
    expect(wj.changes.costsBefore).toEqual(ej.changes.costsBefore);
    expect(wj.changes.costsAfter).toEqual(ej.changes.costsAfter);
    expect(wj.changes.summary).toBe(ej.changes.summary);
    expect(wj.stranded).toEqual(ej.stranded);
    // Each change is told apart; the cancelled order is gone and the rush order added.
    expect(wj.changes.effects.map((x: Rec) => x.action)).toEqual(['AddOrder', 'Cancel', 'DueDate', 'Quantity']);
    expect(wj.changes.effects[0].rush).toMatchObject({ orderId: 'RUSH-1', dueDate: '2026-12-11' });
    const moves = Object.fromEntries(wj.changes.orders.map((x: Rec) => [x.orderId, x.move]));
    expect(moves['RUSH-1']).toBe('added');
    expect(moves['SO-261101']).toBe('gone');
    // The per-change costs add up to the whole change in cost.
    const total = (c: Rec) => ['lateness', 'overtime', 'subcontract', 'purchases'].reduce((s, k) => s + ((c[k] as number) ?? 0), 0);
    const sum = wj.changes.effects.reduce((s: number, x: { costDelta: { total: number } }) => s + x.costDelta.total, 0);
    expect(sum).toBeCloseTo(total(wj.changes.costsAfter) - total(wj.changes.costsBefore), 1);

    // The result workbook carries the Changes, Stranded and RunOut sheets beside the plan.
    const book = workbookRows(await loadWorkbook(readFileSync(join(dir, 'whatif-plan.xlsx'))));
    expect(Object.keys(book)).toEqual(expect.arrayContaining(['WhatIf', 'Plan', 'Changes', 'Stranded', 'RunOut']));
    expect(book.Changes.rows[0][book.Changes.header.indexOf('What it means')]).toBe(wj.changes.summary);
  }, 120_000);

  it('reports bad change rows by cell and writes nothing', async () => {
    const path = join(dir, 'bad.xlsx');
    await writeBook(path, { ...samplePlant(), sheets: { ...samplePlant().sheets, WhatIf: [{ Action: 'Cancel', OrderId: 'SO-261199' }, { Action: 'Priority', OrderId: 'SO-261102' }] } });
    const r = await cli(['plan', path, '--out', join(dir, 'bad-plan.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'WhatIf!B2: unknown order "SO-261199": use an OrderId from Orders (or an order added above)',
      'WhatIf!F3: Priority is empty: a priority change needs the new priority 1–5',
    ]);
    const zh = await cli(['plan', path, '--lang', 'zh', '--out', join(dir, 'bad-plan.xlsx')]);
    expect(zh.stderr).toContain('WhatIf!B2: 未知订单“SO-261199”');
    expect(() => readFileSync(join(dir, 'bad-plan.xlsx'))).toThrow();
  });

  it('a change cell that is not a valid value is reported once, with its reason', async () => {
    const path = join(dir, 'bad-values.xlsx');
    await writeBook(path, { ...samplePlant(), sheets: { ...samplePlant().sheets, WhatIf: [{ Action: 'Quantity', OrderId: 'SO-261102', Quantity: -3 }, { Action: 'Priority', OrderId: 'SO-261103', Priority: 9 }] } });
    const r = await cli(['plan', path, '--out', join(dir, 'bad-values-plan.xlsx')]);
    expect(r.code).toBe(2);
    // Not also "Quantity is empty" / "Priority is empty" at the same cells: they are not.
    expect(r.stderr.trim().split('\n')).toEqual(['WhatIf!D2: Quantity must be a positive number (got -3)', 'WhatIf!F3: Priority must be at most 5 (got 9)']);
  });

  it('says what is wrong with --compare and --compare-run', async () => {
    const book = join(dir, 'plain.xlsx');
    await writeBook(book, samplePlant());
    const notPlan = await cli(['plan', book, '--json', '--compare', book]);
    expect(notPlan.code).toBe(2);
    expect(notPlan.stderr).toContain('the earlier plan has no Plan sheet');
    const both = await cli(['plan', book, '--compare', book, '--compare-run', '1']);
    expect(both.code).toBe(1);
    const saved = process.env.MTO_DB;
    process.env.MTO_DB = join(dir, 'none.db');
    try {
      const noDb = await cli(['plan', book, '--compare-run', '3']);
      expect(noDb.code).toBe(1);
      expect(noDb.stderr).toContain(`no run history at ${join(dir, 'none.db')}`);
    } finally {
      if (saved === undefined) delete process.env.MTO_DB;
      else process.env.MTO_DB = saved;
    }
  });

  it('--compare-run compares with a plan stored in the run history', async () => {
    const book = join(dir, 'stored.xlsx');
    await writeBook(book, samplePlant());
    const first = await cli(['plan', book, '--json', '--solver', 'highs']);
    expect(first.code).toBe(0);
    const db = join(dir, 'runs.db');
    const store = new SqliteRunStore(db);
    const id = await store.insert({ job: 'plan', kind: 'json', status: 'ok', createdAt: new Date().toISOString(), waitMs: 0, durationMs: 1, lang: 'en', options: {}, resultGz: gzipSync(first.stdout), appVersion: 'test' });
    const quote = await store.insert({ job: 'quote', kind: 'json', status: 'ok', createdAt: new Date().toISOString(), waitMs: 0, durationMs: 1, lang: 'en', options: {}, appVersion: 'test' });
    await store.close();
    const editedBook = join(dir, 'stored-edited.xlsx');
    await writeBook(editedBook, edited());
    const saved = process.env.MTO_DB;
    process.env.MTO_DB = db;
    try {
      const r = await cli(['plan', editedBook, '--compare-run', String(id), '--out', join(dir, 'stored-edited-plan.xlsx'), '--solver', 'highs']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^changes: \d+ orders? later.*1 added, 1 gone/m);
      expect(r.stdout).toContain('(sheets Plan, Load, Materials, Exceptions, Schedule, Dispatch, Gantt by work center, Gantt by order, Changes, Stranded, RunOut)');
      const q = await cli(['plan', editedBook, '--compare-run', String(quote)]);
      expect(q.code).toBe(2);
      expect(q.stderr).toContain(`run ${quote} is not a successful plan run (quote, ok)`);
    } finally {
      if (saved === undefined) delete process.env.MTO_DB;
      else process.env.MTO_DB = saved;
    }
  }, 60_000);
});
