// Everything about writing a ResultSheet that does not need Excel: the cell matrix, formats,
// conditional-format rules and chart ranges, as plain data. write-results.ts only applies it.
// Mirrors service/xlsx/write-results.ts (the exceljs writer) so both produce the same sheet.
import { dayToExcelSerial, toDay } from '../../shared/dates';
import type { Lang } from '../../shared/problems';
import { columnFormat, guardFormula, type ColumnFormat, type ResultColumn, type ResultSheet } from '../../shared/results';
import { columnLetter, type CellValue } from '../../shared/rows';

export const HIGHLIGHT_FILL = { red: '#FFC7CE', amber: '#FFEB9C', green: '#C6EFCE' } as const;
export const SCALE = { good: '#63BE7B', middle: '#FFEB84', bad: '#F8696B' } as const;

export interface ResultLayout {
  /** A1 address of header + data, e.g. A1:F11 */
  address: string;
  rowCount: number; // including the header
  columnCount: number;
  /** header + data, ready for one `range.values` write */
  values: (string | number | boolean)[][];
  /** per data row, per column: the Excel number format (same strings as the exceljs writer) */
  numberFormats: string[][];
  /** column widths in points */
  widths: number[];
  colorScales: { address: string; lowColor: string; midColor: string; highColor: string }[];
  highlight?: { address: string; formula: string; fill: string };
  chart?: { type: 'ColumnClustered' | 'Line' | 'BarClustered'; title: string; category: string; series: { name: string; values: string }[]; at: string };
}

/** A column's format: its own, else text for text columns and Excel's General for the rest (as exceljs leaves them). */
export function formatOf(col: ResultColumn, sheet: ResultSheet): ColumnFormat | 'general' {
  if (col.format) return col.format;
  const first = sheet.rows.find((r) => r[col.key] !== undefined && r[col.key] !== null)?.[col.key];
  return typeof first === 'string' ? 'text' : 'general';
}

export const numberFormatOf = (f: ColumnFormat | 'general', currency?: string): string => (f === 'general' ? 'General' : columnFormat(f, currency));

/** One cell as Office.js should receive it: dates as serials, user text guarded against formulas. */
export function cellFor(v: CellValue | undefined, format: ColumnFormat | 'general'): string | number | boolean {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return dayToExcelSerial(v.toISOString().slice(0, 10));
  if (format === 'date' && typeof v === 'string') {
    const d = toDay(v);
    if (d) return dayToExcelSerial(d);
  }
  return typeof v === 'string' ? guardFormula(v) : v;
}

/** Width in points of a column of `chars` characters of the default font (about 5.25 pt each plus padding). */
const points = (chars: number): number => Math.round(chars * 5.25 + 4);

export function resultLayout(sheet: ResultSheet, lang: Lang): ResultLayout {
  const cols = sheet.columns;
  const formats = cols.map((c) => formatOf(c, sheet));
  const header = cols.map((c) => guardFormula(lang === 'zh' ? c.headerZh : c.header));
  const body = sheet.rows.map((r) => cols.map((c, j) => cellFor(r[c.key], formats[j])));
  const rowCount = body.length + 1;
  const last = columnLetter(cols.length);
  const dataRows = Math.max(1, body.length); // conditional formats need a non-empty range
  const col = (key: string) => cols.findIndex((c) => c.key === key);
  const dataRange = (j: number) => `${columnLetter(j + 1)}2:${columnLetter(j + 1)}${dataRows + 1}`;

  const colorScales = (sheet.colorScales ?? [])
    .filter((cs) => col(cs.column) >= 0 && body.length > 0)
    .map((cs) => ({
      address: dataRange(col(cs.column)),
      lowColor: cs.highIsGood ? SCALE.bad : SCALE.good,
      midColor: SCALE.middle,
      highColor: cs.highIsGood ? SCALE.good : SCALE.bad,
    }));

  let highlight: ResultLayout['highlight'];
  const hj = sheet.highlightWhen ? col(sheet.highlightWhen.column) : -1;
  if (sheet.highlightWhen && hj >= 0 && body.length > 0) {
    const L = columnLetter(hj + 1);
    highlight = {
      address: `A2:${last}${dataRows + 1}`,
      // Truthy: not blank, not zero, not FALSE (the exceljs writer's rule, with Office.js's leading '=').
      formula: `=AND($${L}2<>"",$${L}2<>0,$${L}2<>FALSE)`,
      fill: HIGHLIGHT_FILL[sheet.highlightWhen.color ?? 'red'],
    };
  }

  let chart: ResultLayout['chart'];
  const ch = sheet.chart;
  const cj = ch ? col(ch.category) : -1;
  const sj = ch ? ch.series.map(col).filter((j) => j >= 0) : [];
  if (ch && cj >= 0 && sj.length > 0 && body.length > 0) {
    chart = {
      type: ch.type === 'line' ? 'Line' : ch.type === 'bar' ? 'BarClustered' : 'ColumnClustered',
      title: lang === 'zh' ? ch.titleZh : ch.title,
      category: dataRange(cj),
      series: sj.map((j) => ({ name: String(header[j]), values: dataRange(j) })),
      // to the right of the table, two columns of gap
      at: `${columnLetter(cols.length + 2)}2`,
    };
  }

  return {
    address: `A1:${last}${rowCount}`,
    rowCount,
    columnCount: cols.length,
    values: [header, ...body],
    numberFormats: body.map(() => formats.map((f) => numberFormatOf(f, sheet.currency))),
    widths: cols.map((c) => points(c.width ?? Math.max(10, Math.min(40, (lang === 'zh' ? c.headerZh.length * 2 : c.header.length) + 2)))),
    colorScales,
    highlight,
    chart,
  };
}

/** Excel table names: letters, digits, underscores, starting with a letter; unique per workbook. */
export const tableNameFor = (sheetName: string): string => `tbl${sheetName.replace(/[^A-Za-z0-9_]/g, '_')}`;
