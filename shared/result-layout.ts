// How a result sheet looks, decided once, as data: cell values, per-column number formats and
// widths, the table, colour scales (spanning the column's values, or anchored at fixed values),
// fills for cells of a given value, highlighted rows, the chart, frozen header and print setup.
// Writers only apply it: service/xlsx/result-parts.ts (XML, for every file the service and CLI
// write, the scorecard export included) and addin/excel/write-results.ts (Office.js, into the open
// workbook). Pure data, no I/O.
import { toDay, dayToDate } from './dates';
import type { Lang } from './problems';
import { columnFormat, type ColumnFormat, type ResultColumn, type ResultSheet } from './results';
import { columnLetter, type CellValue } from './rows';

/** Fills and colour-scale colours as RRGGBB; each writer adds its own prefix (# or FF). */
export const HIGHLIGHT_FILL = { red: 'FFC7CE', amber: 'FFEB9C', green: 'C6EFCE' } as const;
export const SCALE = { good: '63BE7B', middle: 'FFEB84', bad: 'F8696B' } as const;
export const TABLE_STYLE = 'TableStyleMedium2';

/** A cell as the writers receive it: dates as Date (UTC midnight, plus the time of day in 'dateTime' columns), user text as it is (unguarded). */
export type LayoutCell = string | number | boolean | Date | null;

export interface ResultLayout {
  sheet: string;
  /** header + data, e.g. A1:F11 */
  address: string;
  rowCount: number; // including the header
  columnCount: number;
  header: string[];
  body: LayoutCell[][];
  columns: {
    /** the Excel number format of the column's data cells (the header stays General) */
    numberFormat: string;
    /** text columns ('@'): Excel takes what is written there as text, never as a formula */
    text: boolean;
    /** width in characters of the default font */
    width: number;
  }[];
  /** an Excel table over header + data (at least one data row: Excel tables cannot be empty) */
  table: { name: string; address: string; style: string };
  /** `at`: the values the three colours sit at; without it the column's lowest, median and highest */
  colorScales: { address: string; low: string; middle: string; high: string; at?: [number, number, number] }[];
  /** cells equal to `value` (text) get the fill */
  valueFills: { address: string; value: string; fill: string }[];
  /** shade whole rows where the formula (relative to the first data row, no leading '=') is true */
  highlight?: { address: string; formula: string; fill: string };
  /** native chart to the right of the table (Office.js only: exceljs cannot write charts) */
  chart?: { type: 'column' | 'line' | 'bar'; title: string; category: string; series: { name: string; values: string }[]; at: string };
  freezeRows: number;
  /** the header row's font: bold, with a face that has the language's characters */
  headerFont: { name: string; size: number; bold: true };
  print: { orientation: 'landscape'; fitToPagesWide: 1; titleRows: string };
}

/** Header faces: Calibri (Excel's default), Microsoft YaHei for Chinese (on every Windows since Vista; Office on Mac has it). */
export const HEADER_FONT = { en: 'Calibri', zh: 'Microsoft YaHei' } as const;

/** A column's format: its own, else text for text columns and Excel's General for the rest. */
export function formatOf(col: ResultColumn, sheet: ResultSheet): ColumnFormat | 'general' {
  if (col.format) return col.format;
  const first = sheet.rows.find((r) => r[col.key] !== undefined && r[col.key] !== null)?.[col.key];
  return typeof first === 'string' ? 'text' : 'general';
}

export const numberFormatOf = (f: ColumnFormat | 'general', currency?: string): string => (f === 'general' ? 'General' : columnFormat(f, currency));

/** `dates`: each date text's Date, parsed once per sheet (a schedule's thousands of cells name a few hundred days). */
function cellOf(v: CellValue | undefined, format: ColumnFormat | 'general', dates: Map<string, LayoutCell>): LayoutCell {
  if (v === undefined || v === null) return null;
  if (format === 'date' && typeof v === 'string') return dayCell(v, dates);
  if (format === 'dateTime' && typeof v === 'string') {
    // "2026-12-07 08:00": the day's Date, the time added (24:00 is the next day's midnight); once
    // per text, as days are (a schedule's lots start at a few thousand distinct times).
    let c = dates.get(v);
    if (c === undefined) {
      const m = /^(\S+) (\d{2}):(\d{2})$/.exec(v);
      const day = m ? dayCell(m[1], dates) : null;
      dates.set(v, (c = day instanceof Date ? new Date(day.getTime() + (Number(m![2]) * 60 + Number(m![3])) * 60_000) : v));
    }
    return c;
  }
  return v;
}

function dayCell(v: string, dates: Map<string, LayoutCell>): LayoutCell {
  let c = dates.get(v);
  if (c === undefined) {
    const d = toDay(v);
    dates.set(v, (c = d ? dayToDate(d) : v));
  }
  return c;
}

/** Excel table names: a letter or underscore, then letters, digits, underscores, dots; at most 255. */
export const VALID_TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,254}$/;
/** Excel also refuses names that read as cell references (A1, R1C1) and the bare letters C and R. */
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}[0-9]+|[Rr]([0-9]+)?[Cc]([0-9]+)?|[CcRr])$/;

/** The table name for a sheet: tblPlan, made valid. */
export const tableNameFor = (sheetName: string): string => `tbl${sheetName.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 255);

/**
 * A table name not yet used in the workbook (names are unique per workbook, case-insensitively):
 * a renamed copy of last week's Plan still owns tblPlan, so this run's table becomes tblPlan_2.
 */
export function uniqueTableName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = VALID_TABLE_NAME.test(wanted) && !LOOKS_LIKE_CELL.test(wanted) ? wanted : `tbl_${wanted.replace(/[^A-Za-z0-9_.]/g, '_')}`;
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`;
}

/** `takenTableNames`: every table name already in the workbook, except this sheet's own table. */
export function resultLayout(sheet: ResultSheet, lang: Lang, takenTableNames: Iterable<string> = []): ResultLayout {
  const cols = sheet.columns;
  const formats = cols.map((c) => formatOf(c, sheet));
  // Table headers must differ (case-insensitively), or Excel renames them and exceljs writes a broken file.
  const seen = new Map<string, number>();
  const header = cols.map((c) => {
    const h = lang === 'zh' ? c.headerZh : c.header;
    const n = (seen.get(h.toLowerCase()) ?? 0) + 1;
    seen.set(h.toLowerCase(), n);
    return n === 1 ? h : `${h} (${n})`;
  });
  const dates = new Map<string, LayoutCell>();
  const body = sheet.rows.map((r) => cols.map((c, j) => cellOf(r[c.key], formats[j], dates)));
  const rowCount = body.length + 1;
  const last = columnLetter(cols.length);
  const dataRows = Math.max(1, body.length); // conditional formats and tables need a data row
  const col = (key: string) => cols.findIndex((c) => c.key === key);
  const dataRange = (j: number) => `${columnLetter(j + 1)}2:${columnLetter(j + 1)}${dataRows + 1}`;

  const colorScales = (sheet.colorScales ?? [])
    .filter((cs) => col(cs.column) >= 0 && body.length > 0)
    .map((cs) => ({
      address: dataRange(col(cs.column)),
      low: cs.highIsGood ? SCALE.bad : SCALE.good,
      middle: SCALE.middle,
      high: cs.highIsGood ? SCALE.good : SCALE.bad,
      ...(cs.at ? { at: cs.at } : {}),
    }));
  const valueFills = (sheet.valueFills ?? []).filter((f) => col(f.column) >= 0 && body.length > 0).map((f) => ({ address: dataRange(col(f.column)), value: f.value, fill: f.fill }));

  let highlight: ResultLayout['highlight'];
  const hj = sheet.highlightWhen ? col(sheet.highlightWhen.column) : -1;
  if (sheet.highlightWhen && hj >= 0 && body.length > 0) {
    const L = columnLetter(hj + 1);
    highlight = {
      address: `A2:${last}${dataRows + 1}`,
      // Truthy: not blank, not zero, not FALSE.
      formula: `AND($${L}2<>"",$${L}2<>0,$${L}2<>FALSE)`,
      fill: HIGHLIGHT_FILL[sheet.highlightWhen.color ?? 'red'],
    };
  }

  let chart: ResultLayout['chart'];
  const ch = sheet.chart;
  const cj = ch ? col(ch.category) : -1;
  const sj = ch ? ch.series.map(col).filter((j) => j >= 0) : [];
  if (ch && cj >= 0 && sj.length > 0 && body.length > 0) {
    chart = {
      type: ch.type,
      title: lang === 'zh' ? ch.titleZh : ch.title,
      category: dataRange(cj),
      series: sj.map((j) => ({ name: header[j], values: dataRange(j) })),
      at: `${columnLetter(cols.length + 2)}2`, // to the right of the table, one column of gap
    };
  }

  return {
    sheet: sheet.name,
    address: `A1:${last}${rowCount}`,
    rowCount,
    columnCount: cols.length,
    header,
    body,
    columns: cols.map((c, j) => ({
      numberFormat: numberFormatOf(formats[j], sheet.currency),
      text: formats[j] === 'text',
      width: c.width ?? Math.max(10, Math.min(40, (lang === 'zh' ? c.headerZh.length * 2 : c.header.length) + 2)),
    })),
    table: { name: uniqueTableName(tableNameFor(sheet.name), takenTableNames), address: `A1:${last}${dataRows + 1}`, style: TABLE_STYLE },
    colorScales,
    valueFills,
    highlight,
    chart,
    freezeRows: 1,
    headerFont: { name: HEADER_FONT[lang], size: 11, bold: true },
    print: { orientation: 'landscape', fitToPagesWide: 1, titleRows: '$1:$1' },
  };
}
