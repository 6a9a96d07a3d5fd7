// Every row of the Exceptions sheet names its kind in words, in English as in Chinese: four kinds
// (a lot over several days, no working day, moved on, not scheduled) had a Chinese word and an
// empty Type cell in English. A real .xlsx through the CLI, read back from Exceptions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { tempDir } from '../helpers';

describe('Exceptions: the Type column', () => {
  it('names a lot split over days in English and Chinese', async () => {
    // WC1 works 8 h a day; FG1's operation has a 10 h setup, longer than any day, so A's lot
    // (10 h setup + 4 × 1 h) runs over two days: one lotSplit exception, info.
    const dir = tempDir('mto-exception-types-');
    const book = join(dir, 'split.xlsx');
    const wb = inputWorkbook(
      { PlanStart: '2026-12-07', BucketDays: 7, HorizonBuckets: 4 },
      {
        Orders: [{ OrderId: 'A', Customer: 'C', Item: 'FG1', Quantity: 4, DueDate: '2026-12-18' }],
        Items: [{ ItemId: 'FG1', Type: 'Make', Uom: 'pcs' }],
        Routing: [{ Item: 'FG1', OpSeq: 10, WorkCenter: 'WC1', SetupHours: 10, RunHoursPerUnit: 1 }],
        WorkCenters: [{ WorkCenterId: 'WC1', HoursPerDay: 8 }],
      },
    );
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    for (const [lang, type] of [['en', 'lot over several days'], ['zh', '跨天批次']]) {
      const out = join(dir, `split-${lang}.xlsx`);
      expect((await cli(['plan', book, '--out', out, '--lang', lang])).code).toBe(0);
      const ex = workbookRows(await loadWorkbook(readFileSync(out))).Exceptions!;
      // Columns: Severity, Type, Order / work center / item, Date, Message, Act now.
      expect(ex.rows.map((r) => [r[1], r[2]])).toEqual([[type, 'FG1']]);
    }
  });
});
