// ResultSheet → Excel through Office.js: replace the result sheet, one 2-D values write (row
// blocks only for very large sheets), a table, number formats, conditional formats and a native
// chart, with calculation suspended while writing. Input sheets are never touched.
import type { Lang } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';
import { columnLetter } from '../../shared/rows';
import { inputSheetNames, ROWS_PER_BLOCK } from './read-plan';
import { resultLayout, tableNameFor } from './result-layout';

export class InputSheetClash extends Error {
  constructor(readonly sheet: string) {
    super(`refusing to overwrite input sheet ${sheet}`);
    this.name = 'InputSheetClash';
  }
}

/** Writes every sheet, then activates the first; returns the names written. */
export async function writeResultSheets(context: Excel.RequestContext, sheets: ResultSheet[], lang: Lang, onProgress?: (sheet: string) => void): Promise<string[]> {
  const clash = inputSheetNames(sheets.map((s) => s.name))[0];
  if (clash !== undefined) throw new InputSheetClash(clash);
  for (const s of sheets) {
    onProgress?.(s.name);
    await writeResultSheet(context, s, lang);
  }
  if (sheets.length) {
    context.workbook.worksheets.getItem(sheets[0].name).activate();
    await context.sync();
  }
  return sheets.map((s) => s.name);
}

export async function writeResultSheet(context: Excel.RequestContext, sheet: ResultSheet, lang: Lang): Promise<void> {
  const layout = resultLayout(sheet, lang);
  const sheets = context.workbook.worksheets;
  const old = sheets.getItemOrNullObject(sheet.name);
  old.load('isNullObject');
  await context.sync();

  context.application.suspendApiCalculationUntilNextSync();
  // Rename, add, delete: the workbook never drops to zero sheets, even if this was the only one.
  if (!old.isNullObject) old.name = `~${sheet.name}`.slice(0, 31);
  const ws = sheets.add(sheet.name);
  if (!old.isNullObject) old.delete();

  // Formats before values, so text columns keep text such as 00123 as typed.
  const last = columnLetter(layout.columnCount);
  for (let start = 0; start < layout.rowCount; start += ROWS_PER_BLOCK) {
    const end = Math.min(layout.rowCount, start + ROWS_PER_BLOCK);
    const block = ws.getRange(`A${start + 1}:${last}${end}`);
    const bodyFrom = Math.max(start, 1);
    if (end > bodyFrom) ws.getRange(`A${bodyFrom + 1}:${last}${end}`).numberFormat = layout.numberFormats.slice(bodyFrom - 1, end - 1);
    block.values = layout.values.slice(start, end);
    if (end < layout.rowCount) {
      await context.sync();
      context.application.suspendApiCalculationUntilNextSync();
    }
  }

  const table = ws.tables.add(layout.address, true);
  table.name = tableNameFor(sheet.name);
  table.style = 'TableStyleMedium2';
  layout.widths.forEach((w, j) => (ws.getRange(`${columnLetter(j + 1)}:${columnLetter(j + 1)}`).format.columnWidth = w));
  ws.freezePanes.freezeRows(1);

  for (const cs of layout.colorScales) {
    const cf = ws.getRange(cs.address).conditionalFormats.add('ColorScale');
    // formula null for lowest/highest value, as Office.js documents (its typings say string).
    const none = null as unknown as string;
    cf.colorScale.criteria = {
      minimum: { formula: none, type: 'LowestValue', color: cs.lowColor },
      midpoint: { formula: '50', type: 'Percentile', color: cs.midColor },
      maximum: { formula: none, type: 'HighestValue', color: cs.highColor },
    };
  }
  if (layout.highlight) {
    const cf = ws.getRange(layout.highlight.address).conditionalFormats.add('Custom');
    cf.custom.rule.formula = layout.highlight.formula;
    cf.custom.format.fill.color = layout.highlight.fill;
  }
  if (layout.chart) {
    const c = layout.chart;
    const chart = ws.charts.add(c.type, ws.getRange(c.series[0].values), 'Columns');
    chart.title.text = c.title;
    const category = ws.getRange(c.category);
    c.series.forEach((s, i) => {
      const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
      if (i > 0) series.setValues(ws.getRange(s.values));
      series.name = s.name;
      series.setXAxisValues(category);
    });
    chart.setPosition(c.at);
  }
  await context.sync();
}
