// Settings Currency is shown on every money column: in the .xlsx (exceljs), in the Office.js
// layout and on the standalone page, all from the one sheet description.
import { describe, expect, it } from 'vitest';
import { resultLayout } from '../../shared/result-layout';
import { display } from '../../addin/html';
import { runQuote } from '../../service/jobs/quote';
import { resultPackage } from '../../service/xlsx/result-parts';
import { columnFormat } from '../../shared/results';
import { plantOf, twoLevel } from '../quote/fixture';
import { loadWorkbook } from '../exceljs-read';

describe('Currency', () => {
  it('is part of every money column’s format, wherever the sheet is written', async () => {
    expect(columnFormat('money', 'EUR')).toBe('#,##0.00 "EUR"');
    expect(columnFormat('money', undefined)).toBe('#,##0.00');
    expect(columnFormat('number', 'EUR')).toBe('#,##0.00');

    const plant = plantOf(twoLevel({ settings: { Currency: 'EUR', SimulationRuns: 200 } }));
    const { sheets } = await runQuote({ ...plant, Orders: [] }, { lang: 'en' });
    const results = sheets.find((s) => s.name === 'QuoteResults')!;
    const money = results.columns.filter((c) => c.format === 'money');
    expect(money.length).toBeGreaterThan(3);

    // the service's writer, read back by exceljs
    const back = await loadWorkbook(resultPackage(sheets, 'en'));
    const ws = back.getWorksheet('QuoteResults')!;
    for (const c of money) expect(ws.getRow(2).getCell(results.columns.indexOf(c) + 1).numFmt, c.key).toBe('#,##0.00 "EUR"');

    // Office.js layout
    const layout = resultLayout(results, 'en');
    for (const c of money) expect(layout.columns[results.columns.indexOf(c)].numberFormat).toBe('#,##0.00 "EUR"');

    // the page
    expect(display(1234.5, 'money', 'en-US', results.currency)).toBe('1,234.50 EUR');
  });
});
