// ResultSheet → exceljs worksheet: applies shared/result-layout.ts, the same layout the add-in
// applies through Office.js. What exceljs cannot do: native charts (it has no chart writer), so a
// file written here has the layout's table, formats and conditional formats but not its chart.
// Replaces a result sheet of the same name; never touches others.
import type ExcelJS from 'exceljs';
import type { Lang } from '../../shared/problems';
import { resultLayout, type ResultLayout } from '../../shared/result-layout';
import type { ResultSheet } from '../../shared/results';

type TableTheme = NonNullable<ExcelJS.TableStyleProperties['theme']>;

/** Table names used anywhere in the workbook, except on `except` (the sheet being replaced). */
function tableNames(wb: ExcelJS.Workbook, except?: string): string[] {
  return wb.worksheets.filter((w) => w.name !== except).flatMap((w) => Object.keys((w as unknown as { tables?: Record<string, unknown> }).tables ?? {}));
}

export function writeResultSheet(wb: ExcelJS.Workbook, sheet: ResultSheet, lang: Lang = 'en'): ExcelJS.Worksheet {
  const layout = resultLayout(sheet, lang, tableNames(wb, sheet.name));
  const old = wb.getWorksheet(sheet.name);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(sheet.name);
  applyLayout(ws, layout);
  return ws;
}

export function applyLayout(ws: ExcelJS.Worksheet, layout: ResultLayout): void {
  ws.views = [{ state: 'frozen', ySplit: layout.freezeRows }];
  ws.columns = layout.columns.map((c) => ({ width: c.width }));
  // The table writes the header and the values (strings as shared strings, never as formulas, so
  // user text stays text); Excel tables need a data row, so an empty result gets a blank one.
  ws.addTable({
    name: layout.table.name,
    ref: 'A1',
    headerRow: true,
    style: { theme: layout.table.style as TableTheme, showRowStripes: true },
    columns: layout.header.map((name) => ({ name, filterButton: true })),
    rows: layout.body.length ? layout.body : [layout.header.map(() => null)],
  });
  // One style object per column, shared by its data cells: exceljs registers a cell's style by
  // rendering it to XML unless it has seen the same object before (measured: writing a planned
  // 1000-order book's result sheets took 0.08 s less). exceljs keys that memory on the object
  // alone, and an empty style gets a date format only for a Date cell, so a Date in a column
  // without a format keeps a style of its own.
  const styles = layout.columns.map((c): Partial<ExcelJS.Style> => (c.numberFormat === 'General' ? {} : { numFmt: c.numberFormat }));
  for (let i = 0; i < layout.body.length; i++) {
    const row = ws.getRow(i + 2);
    for (let j = 0; j < styles.length; j++) {
      const cell = row.getCell(j + 1);
      if (styles[j].numFmt || !(cell.value instanceof Date)) cell.style = styles[j];
    }
  }
  ws.getRow(1).font = { ...layout.headerFont };
  let priority = 1;
  for (const cs of layout.colorScales) {
    ws.addConditionalFormatting({
      ref: cs.address,
      rules: [{ type: 'colorScale', priority: priority++, cfvo: cs.at ? cs.at.map((value) => ({ type: 'num' as const, value })) : [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }], color: [{ argb: `FF${cs.low}` }, { argb: `FF${cs.middle}` }, { argb: `FF${cs.high}` }] }],
    });
  }
  for (const f of layout.valueFills) {
    ws.addConditionalFormatting({
      ref: f.address,
      rules: [{ type: 'cellIs', operator: 'equal', priority: priority++, formulae: [`"${f.value.replace(/"/g, '""')}"`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${f.fill}` } } } }],
    });
  }
  if (layout.highlight) {
    ws.addConditionalFormatting({
      ref: layout.highlight.address,
      rules: [{ type: 'expression', priority: priority++, formulae: [layout.highlight.formula], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${layout.highlight.fill}` } } } }],
    });
  }
  ws.pageSetup.orientation = layout.print.orientation;
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = layout.print.fitToPagesWide;
  ws.pageSetup.fitToHeight = 0; // as many pages down as it takes
  ws.pageSetup.printTitlesRow = layout.print.titleRows.replace(/\$/g, '');
}

export function writeResultSheets(wb: ExcelJS.Workbook, sheets: ResultSheet[], lang: Lang = 'en'): void {
  for (const s of sheets) writeResultSheet(wb, s, lang);
}
