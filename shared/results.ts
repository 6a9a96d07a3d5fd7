// What a result sheet IS, independent of who writes it: service/xlsx/result-parts.ts writes it
// as XML into files, addin/excel/write-results.ts with Office.js. One description, two writers.
import type { CellValue } from './rows';

/**
 * `change`: a signed difference (+1.50 / red −2.00), e.g. a trend or before → after; `dateTime`: a
 * day and a time of day ("2026-12-07 08:00" in the rows), a real date-time in the workbook
 */
export type ColumnFormat = 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'dateTime' | 'change';

export interface ResultColumn {
  key: string;
  header: string;
  headerZh: string;
  format?: ColumnFormat; // default: text for strings, number for numbers
  width?: number; // characters
}

export interface ResultChart {
  type: 'column' | 'line' | 'bar';
  title: string;
  titleZh: string;
  /** column key holding the categories (x axis) */
  category: string;
  /** column keys plotted as series */
  series: string[];
}

export interface ResultSheet {
  name: string;
  columns: ResultColumn[];
  /** one record per row, keyed by column key; dates as ISO day strings in 'date' columns, "2026-12-07 08:00" in 'dateTime' ones */
  rows: Record<string, CellValue | undefined>[];
  /**
   * column keys that get a green–yellow–red colour scale (low is good unless reversed), from the
   * column's lowest to its highest value, or anchored at three fixed values (`at`: low, middle,
   * high, e.g. the grade thresholds, so a 97 among 99s is not painted red)
   */
  colorScales?: { column: string; highIsGood?: boolean; at?: [number, number, number] }[];
  /** cells of a column holding exactly this text get this fill (RRGGBB), e.g. each grade its colour */
  valueFills?: { column: string; value: string; fill: string }[];
  /** rows where this column's value is truthy are shaded (late orders, shortages) */
  highlightWhen?: { column: string; color?: 'red' | 'amber' | 'green' };
  chart?: ResultChart;
  /** Settings Currency, shown on every 'money' column (CNY: 2,253.13 CNY) */
  currency?: string;
}

/** The Excel number format for a column format (the same string in exceljs and Office.js). */
export const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  text: '@',
  integer: '#,##0',
  number: '#,##0.00',
  money: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm',
  change: '+#,##0.00;[Red]-#,##0.00;0.00',
};

/** The Excel format of a column, money with its currency: columnFormat('money', 'CNY') === '#,##0.00 "CNY"'. */
export const columnFormat = (f: ColumnFormat, currency?: string): string => {
  const code = currency?.replace(/["\\]/g, '').trim();
  return f === 'money' && code ? `${NUMBER_FORMATS.money} "${code}"` : NUMBER_FORMATS[f];
};

/**
 * User text that Excel or a CSV reader would take as a formula (= + - @, tab, CR) gets a leading
 * apostrophe, which Excel shows as plain text. Writers that go through a formula-evaluating API
 * (Office.js `values`, CSV) pass user text through this; exceljs writes strings as strings.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
export const guardFormula = (s: string): string => (FORMULA_TRIGGER.test(s) ? `'${s}` : s);
