// Result sheets read as words in the user's language: no CamelCase field names as headers, no
// English left in a Chinese sheet (headers, notes, kinds, cost elements, advice), money headers
// with the Settings currency, whole units without forced decimals, no TRUE/FALSE helper columns.
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../../service/jobs/plan';
import { runQuote } from '../../service/jobs/quote';
import { runSuppliers } from '../../service/jobs/suppliers';
import type { Lang } from '../../shared/problems';

const rows = recordsToRows(samplePlant());
const sheetsOf = async (lang: Lang): Promise<ResultSheet[]> => [
  ...(await runPlan(readPlant(rows, 'plan').plant, { lang })).sheets,
  ...(await runQuote(readPlant(rows, 'quote').plant, { lang })).sheets,
  ...(await runSuppliers(readPlant(rows, 'suppliers').plant, { lang })).sheets,
];
/** English words of three or more lower-case letters (ids such as FG-PUMP-100 are upper case). */
const englishWord = /\b[a-z]{3,}\b/;

describe('result sheets in words', () => {
  it('has no CamelCase header on any sheet, and money headers name the currency', async () => {
    const sheets = await sheetsOf('en');
    expect(sheets.map((s) => s.name)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order', 'QuoteResults', 'QuoteDistribution', 'QuoteLines', 'SupplierScorecard']);
    for (const s of sheets)
      for (const c of s.columns) {
        expect(c.header, `${s.name}.${c.key}`).not.toMatch(/[a-z][A-Z]/);
        if (c.format === 'money') expect(c.header, `${s.name}.${c.key}`).toMatch(/\(CNY\)$/);
      }
    const q = sheets.find((s) => s.name === 'QuoteResults')!;
    // The buyer's figures come first: price, price at P90 cost, promise date within the first nine columns.
    const first = q.columns.slice(0, 9).map((c) => c.key);
    expect(first).toEqual(expect.arrayContaining(['unitPrice', 'priceAtP90', 'promiseDate']));
  });

  it('leaves no English in a Chinese sheet: headers, promise notes, kinds, cost elements, advice', async () => {
    const sheets = await sheetsOf('zh');
    for (const s of sheets) {
      for (const c of s.columns) expect(c.headerZh, `${s.name}.${c.key}`).not.toMatch(englishWord);
      const textCols = s.columns.filter((c) => !c.format || c.format === 'text').map((c) => c.key);
      for (const r of s.rows)
        for (const k of textCols) {
          const v = r[k];
          if (typeof v === 'string' && !['path', 'ref', 'source', 'label', 'name', 'customer', 'uom', 'subcontracting', 'componentsFromStock'].includes(k))
            expect(v, `${s.name}.${k}: ${v}`).not.toMatch(englishWord);
        }
    }
    const q = sheets.find((s) => s.name === 'QuoteResults')!;
    expect(String(q.rows[0].promiseNote)).toMatch(/^承诺交期 /);
    const lines = sheets.find((s) => s.name === 'QuoteLines')!;
    expect(new Set(lines.rows.map((r) => r.element))).toEqual(new Set(['材料', '人工', '制造费用']));
    const card = sheets.find((s) => s.name === 'SupplierScorecard')!;
    expect(card.rows.every((r) => ['保留', '观察', '淘汰', '考虑引入', '无', '本期无到货'].includes(String(r.advice)))).toBe(true);
  });

  it('writes no TRUE/FALSE cells, and unit quantities without forced decimals', async () => {
    const sheets = await sheetsOf('en');
    for (const s of sheets) for (const r of s.rows) for (const [k, v] of Object.entries(r)) expect(typeof v, `${s.name}.${k}`).not.toBe('boolean');
    const plan = sheets.find((s) => s.name === 'Plan')!;
    for (const k of ['quantity', 'shortQty', 'fromStock']) expect(plan.columns.find((c) => c.key === k)?.format, k).toBeUndefined(); // General: 10, not 10.00
    const ex = sheets.find((s) => s.name === 'Exceptions')!;
    expect(ex.columns.map((c) => c.key)).not.toContain('isError');
    expect(ex.highlightWhen).toEqual({ column: 'action', color: 'red' });
  });
});
