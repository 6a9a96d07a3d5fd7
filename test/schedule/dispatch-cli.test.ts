// mto-planner dispatch: the foreman's list from a real .xlsx through the CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { tempDir } from '../helpers';
import { order, records, wc } from '../plan/fixture';

describe('mto-planner dispatch', () => {
  const dir = tempDir('mto-dispatch-');
  // ASSY, 8 h a day from Monday 01-05: A1 (priority 1) 30 × 1 h runs Mon–Thu 14:00; A2
  // (priority 3) gets the plan's 10 units of week 0 on Thu 14–16 and Fri 08–16.
  const book = records({
    Items: [{ ItemId: 'FG', Type: 'Make', Uom: '台' }],
    Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
    WorkCenters: [wc('ASSY', 8), wc('PACK', 8)],
    Orders: [order('A1', 'FG', 30, '2026-01-09', 1), order('A2', 'FG', 30, '2026-01-09', 3)],
  });

  it('lists one work center’s lots for the days asked, in sequence, as text and JSON', async () => {
    const input = join(dir, 'book.xlsx');
    writeFileSync(input, Buffer.from(await inputWorkbook(book.settings, book.sheets).xlsx.writeBuffer()));
    const j = await cli(['dispatch', input, '--work-center', 'assy', '--from', '2026-01-08', '--days', '2', '--json']);
    expect(j.stderr).toBe('');
    expect(j.code).toBe(0);
    const rows = JSON.parse(j.stdout).dispatch.map((r: Record<string, unknown>) => [r.day, r.seq, r.orderId, r.start, r.end, r.quantity, r.part, r.materialReady]);
    expect(rows).toEqual([
      ['2026-01-08', 1, 'A1', '08:00', '14:00', 30, '4/4', true],
      ['2026-01-08', 2, 'A2', '14:00', '16:00', 10, '1/2', true],
      ['2026-01-09', 1, 'A2', '08:00', '16:00', 10, '2/2', true],
    ]);
    const t = await cli(['dispatch', input, '--work-center', 'ASSY', '--from', '2026-01-09', '--days', '1', '--lang', 'zh']);
    expect(t.code).toBe(0);
    expect(t.stdout).toBe('ASSY  2026-01-09 周五\n   1  08:00–16:00  设备 1  A2  FG  ASSY10  10 台（第 2/2 天）  优先级 3  交期 2026-01-09  齐料 是  延期\n'); // A2 finishes Wed 01-14
    const none = await cli(['dispatch', input, '--work-center', 'PACK']);
    expect(none.stdout).toBe('nothing dispatched on PACK in the 7 days from 2026-01-05\n');
  });

  it('rejects a bad date, day count or work center, naming the choices', async () => {
    const input = join(dir, 'book.xlsx');
    expect(await cli(['dispatch', input, '--from', 'Tuesday'])).toMatchObject({ code: 1, stderr: '--from must be a date such as 2026-12-07 (got Tuesday)\n' });
    expect(await cli(['dispatch', input, '--days', '0'])).toMatchObject({ code: 1, stderr: '--days must be a whole number from 1 to 366 (got 0)\n' });
    writeFileSync(input, Buffer.from(await inputWorkbook(book.settings, book.sheets).xlsx.writeBuffer()));
    expect(await cli(['dispatch', input, '--work-center', 'CNC'])).toMatchObject({ code: 1, stderr: 'unknown work center "CNC": choose one of ASSY, PACK\n' });
  });
});
