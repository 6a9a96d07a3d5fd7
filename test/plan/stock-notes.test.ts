// `validate` tells which orders will ship from stock of Make items (a note, not a problem), on a
// real .xlsx through the CLI, with the same netting the plan does (stock.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../service/cli';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { tempDir } from '../helpers';
import { order, records, wc } from './fixture';

async function validate(r: ReturnType<typeof records>, args: string[] = []) {
  const path = join(tempDir('mto-notes-'), 'book.xlsx');
  writeFileSync(path, Buffer.from(await inputWorkbook(r.settings, r.sheets).xlsx.writeBuffer()));
  let stdout = '';
  let stderr = '';
  const io = { out: { write: (s: string) => ((stdout += s), true) }, err: { write: (s: string) => ((stderr += s), true) } };
  const code = await main(['validate', path, ...args], io as unknown as Parameters<typeof main>[1]);
  return { code, stdout, stderr };
}

describe('validate notes stock of Make items', () => {
  it('names the orders that ship from stock, first come by priority, and the rest made', async () => {
    // FG: 30 on hand, 10 safety stock → 20 to hand out. O2 (priority 1) takes its 15, O1 (priority 3) the 5 left.
    const book = records({
      Items: [{ ItemId: 'FG', Type: 'Make', Uom: 'pcs', OnHand: 30, SafetyStock: 10 }, { ItemId: 'SA', Type: 'Make', Uom: 'pcs', OnHand: 4 }],
      BOM: [{ Parent: 'FG', Component: 'SA', QtyPer: 2 }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }, { Item: 'SA', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [wc('ASSY', 8)],
      Orders: [order('O1', 'FG', 15, '2026-01-09', 3), order('O2', 'FG', 15, '2026-01-16', 1)],
    });
    const r = await validate(book);
    expect(r.code).toBe(0); // notes are not problems
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^no problems found/);
    // O1 makes 10 FG: 20 SA, of which the 4 on hand come from stock.
    expect(lines.slice(1)).toEqual([
      'Items!F2: note: 20 pcs of Make item FG in stock above safety stock are used before anything is made (first come by priority, then due date): O1 takes 5 of its 15; O2 ships 15 from stock',
      'Items!F3: note: 4 pcs of Make item SA in stock above safety stock are used before anything is made (first come by priority, then due date): O1 takes 4 as a component',
    ]);
    const j = JSON.parse((await validate(book, ['--json', '--lang', 'zh'])).stdout);
    expect(j.notes[0]).toBe('Items!F2: 提示：自制件 FG 有 20 pcs 超出安全库存的库存，排产时先用库存（按优先级、交期先到先得）：O1 取用 5 件（共 15 件）；O2 的 15 件由库存发货');
  });

  it('says nothing when no Make item has stock above safety stock', async () => {
    const r = await validate(records({ Items: [{ ItemId: 'FG', Type: 'Make', OnHand: 5, SafetyStock: 5 }], Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }], WorkCenters: [wc('ASSY', 8)], Orders: [order('O1', 'FG', 15, '2026-01-09')] }));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});
