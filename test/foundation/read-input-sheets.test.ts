// Reading a book that already holds result sheets: SheetJS parses only the input sheets (and the
// ones asked for by name), and what comes back is what a reading of every sheet gives.
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { generatePlant } from '../../shared/plan/generate-plant';
import type { ResultSheet } from '../../shared/results';
import { readBook } from '../../service/xlsx/read-book';
import { resultWorkbook } from '../../service/xlsx/result-book';
import { xlsxBytes } from '../../service/xlsx/workbook';
import { inputWorkbook } from '../../service/xlsx/write-inputs';

const result = (name: string): ResultSheet => ({
  name,
  columns: [{ key: 'o', header: 'Order', headerZh: '订单号' }, { key: 'q', header: 'Quantity', headerZh: '数量', format: 'integer' }],
  rows: [{ o: 'SO-1', q: 4 }, { o: 'SO-2', q: 7 }],
});

describe('reading a planned book', () => {
  it('gives the same input rows as the book before planning, and a result sheet asked for by name', async () => {
    const p = generatePlant({ orders: 30, workCenters: 4, buckets: 8, seed: 2 });
    const fresh = readBook(await xlsxBytes(inputWorkbook(p.settings, p.sheets)));
    // A result sheet named with an escape (&amp; in the workbook part) as well: then every sheet is read.
    for (const names of [['Plan', 'Schedule'], ['Plan', 'R&D notes']]) {
      const planned = await resultWorkbook(fresh, names.map(result), 'en');
      const again = readBook(planned);
      expect(again.sheetNames).toEqual([...fresh.sheetNames, ...names]);
      expect(again.rows).toEqual(fresh.rows);
      expect(again.problems).toEqual(fresh.problems);
      // As SheetJS reads every sheet of it: the same input rows.
      const all = XLSX.read(planned, { type: 'buffer' });
      expect(XLSX.utils.sheet_to_json(all.Sheets.Orders, { header: 1 }).length).toBe(fresh.rows.Orders.rows.length + 1);
      // `extra` (an earlier plan to compare with) reads the named result sheet: 2 rows under its header.
      const withPlan = readBook(planned, {}, ['Plan']);
      expect(withPlan.rows.Plan.header).toEqual(['Order', 'Quantity']);
      expect(withPlan.rows.Plan.rows).toEqual([['SO-1', 4], ['SO-2', 7]]);
      expect(again.rows.Plan).toBeUndefined();
    }
  });
});
