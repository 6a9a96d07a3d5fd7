// ResultSheet → exceljs worksheet. Replaces a result sheet of the same name; never touches others.
import type ExcelJS from 'exceljs';
import { dayToDate } from '../../shared/dates';
import type { Lang } from '../../shared/problems';
import { columnFormat, type ResultSheet } from '../../shared/results';
import { columnLetter } from '../../shared/rows';

const FILL = { red: 'FFFFC7CE', amber: 'FFFFEB9C', green: 'FFC6EFCE' } as const;

export function writeResultSheet(wb: ExcelJS.Workbook, sheet: ResultSheet, lang: Lang = 'en'): ExcelJS.Worksheet {
  const old = wb.getWorksheet(sheet.name);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Text columns get Excel's text format, so user text stays text even when someone edits the cell.
  const formatOf = (c: ResultSheet['columns'][number]) =>
    c.format ?? (sheet.rows.some((r) => typeof r[c.key] === 'string') ? 'text' : undefined);
  ws.columns = sheet.columns.map((c) => ({
    header: lang === 'zh' ? c.headerZh : c.header,
    key: c.key,
    width: c.width ?? Math.max(10, Math.min(40, (lang === 'zh' ? c.headerZh.length * 2 : c.header.length) + 2)),
    style: formatOf(c) ? { numFmt: columnFormat(formatOf(c)!, sheet.currency) } : {},
  }));
  // One style object per column, shared by its data cells: exceljs registers a cell's style by
  // rendering it to XML unless it has seen the same object before (measured: writing a planned
  // 1000-order book's result sheets took 0.08 s less). exceljs keys that memory on the object
  // alone, and an empty style gets a date format only for a Date cell, so a Date in a column
  // without a format keeps a style of its own.
  const styles = sheet.columns.map((c): Partial<ExcelJS.Style> => (formatOf(c) ? { numFmt: columnFormat(formatOf(c)!, sheet.currency) } : {}));
  for (const r of sheet.rows) {
    const row = ws.addRow(
      sheet.columns.map((c) => {
        const v = r[c.key];
        if (v === undefined || v === null) return null;
        // Strings are written as shared strings, never as formulas, so user text stays text.
        return c.format === 'date' && typeof v === 'string' ? dayToDate(v) : v;
      }),
    );
    for (let j = 0; j < styles.length; j++) {
      const cell = row.getCell(j + 1);
      if (styles[j].numFmt || !(cell.value instanceof Date)) cell.style = styles[j];
    }
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  const last = columnLetter(sheet.columns.length);
  const lastRow = Math.max(2, sheet.rows.length + 1);
  ws.autoFilter = `A1:${last}${lastRow}`;
  for (const cs of sheet.colorScales ?? []) {
    const j = sheet.columns.findIndex((c) => c.key === cs.column);
    if (j < 0 || sheet.rows.length === 0) continue;
    const L = columnLetter(j + 1);
    const [lo, hi] = cs.highIsGood ? ['FFF8696B', 'FF63BE7B'] : ['FF63BE7B', 'FFF8696B'];
    ws.addConditionalFormatting({
      ref: `${L}2:${L}${lastRow}`,
      rules: [{ type: 'colorScale', priority: 1, cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }], color: [{ argb: lo }, { argb: 'FFFFEB84' }, { argb: hi }] }],
    });
  }
  if (sheet.highlightWhen && sheet.rows.length) {
    const j = sheet.columns.findIndex((c) => c.key === sheet.highlightWhen!.column);
    if (j >= 0) {
      const L = columnLetter(j + 1);
      ws.addConditionalFormatting({
        ref: `A2:${last}${lastRow}`,
        rules: [{ type: 'expression', priority: 2, formulae: [`AND($${L}2<>"",$${L}2<>0,$${L}2<>FALSE)`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILL[sheet.highlightWhen.color ?? 'red'] } } } }],
      });
    }
  }
  return ws;
}

export function writeResultSheets(wb: ExcelJS.Workbook, sheets: ResultSheet[], lang: Lang = 'en'): void {
  for (const s of sheets) writeResultSheet(wb, s, lang);
}
