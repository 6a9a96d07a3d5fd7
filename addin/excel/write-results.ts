// ResultSheet → the open workbook through Office.js, applying shared/result-layout.ts (the layout
// the exceljs writer applies to files). Never breaks the user's workbook:
// - a result sheet that exists is cleared and rewritten in place, never deleted, so the user's
//   formulas, pivots and charts that point at it keep pointing at it; its table is kept and
//   resized (ExcelApi 1.13) or, on older Excel, turned into a plain range first, which Excel does
//   by rewriting structured references into cell references;
// - the table name is checked against every table in the workbook (a renamed copy of last week's
//   Plan keeps tblPlan: this run's table becomes tblPlan_2);
// - everything that can refuse (a protected sheet, an input sheet's name) is checked before the
//   first cell is written, and each sheet carries the run that wrote it (a sheet-scoped name,
//   MtoRun), so a batch that still dies half-way says which sheets are from this run and which
//   are stale (runStamps).
import { DAYS_1900_TO_1904, dayToExcelSerial } from '../../shared/dates';
import type { Lang } from '../../shared/problems';
import { resultLayout, type LayoutCell, type ResultLayout } from '../../shared/result-layout';
import type { ResultSheet } from '../../shared/results';
import { columnLetter } from '../../shared/rows';
import { inputSheetNames } from './read-plan';

/** Rows per values write, and a cell budget so one request stays under Excel on the web's 5 MB. */
export const ROWS_PER_WRITE = 5000;
export const CELLS_PER_WRITE = 50_000;
/** Serial of the same day in the 1904 date system: 1,462 days fewer (1900-01-01 … 1904-01-01, with Excel's 1900-02-29). */
/** The sheet-scoped name that records which run wrote a result sheet; the workbook-scoped one the last run's sheets. */
export const RUN_NAME = 'MtoRun';
export const LAST_RUN_NAME = 'MtoLastRun';

export class InputSheetClash extends Error {
  constructor(readonly sheet: string) {
    super(`refusing to overwrite input sheet ${sheet}`);
    this.name = 'InputSheetClash';
  }
}

export class ProtectedSheet extends Error {
  constructor(readonly sheet: string) {
    super(`${sheet} is protected`);
    this.name = 'ProtectedSheet';
  }
}

/** A write that failed after some sheets were written: which hold this run, which an older one. */
export class PartialWrite extends Error {
  constructor(
    readonly written: string[],
    readonly stale: string[],
    readonly cause: unknown,
  ) {
    super(`wrote ${written.join(', ') || 'nothing'}; not written: ${stale.join(', ')}`);
    this.name = 'PartialWrite';
  }
}

export interface WriteOptions {
  onProgress?: (sheet: string) => void;
  /** does this Excel have ExcelApi `version`? (Office.context.requirements) */
  supports?: (version: string) => boolean;
  /** the service's run id, stamped on every sheet written */
  runId?: string;
  /** the workbook counts days from 1904 (Mac workbooks of old) */
  date1904?: boolean;
}

/** Writes every sheet, then activates the first; returns the names written. */
export async function writeResultSheets(context: Excel.RequestContext, sheets: ResultSheet[], lang: Lang, opts: WriteOptions = {}): Promise<string[]> {
  const clash = inputSheetNames(sheets.map((s) => s.name))[0];
  if (clash !== undefined) throw new InputSheetClash(clash);
  const supports = opts.supports ?? (() => false);
  const wb = context.workbook;

  // Check first: which result sheets exist, whether any is protected, which table names are taken.
  const tables = wb.tables;
  tables.load('items/name');
  const lastRun = wb.names.getItemOrNullObject(LAST_RUN_NAME);
  lastRun.load('isNullObject');
  const found = sheets.map((s) => {
    const ws = wb.worksheets.getItemOrNullObject(s.name);
    ws.load('isNullObject');
    return ws;
  });
  await context.sync();
  const existing = found.map((ws) => (ws.isNullObject ? undefined : ws));
  for (const ws of existing) {
    if (!ws) continue;
    ws.protection.load('protected');
    ws.tables.load('items/name');
    ws.charts.load('items/name');
  }
  if (existing.some(Boolean)) await context.sync();
  const locked = existing.findIndex((ws) => ws?.protection.protected);
  if (locked >= 0) throw new ProtectedSheet(sheets[locked].name);

  const taken = new Set(tables.items.map((t) => t.name));
  const runId = opts.runId ?? new Date().toISOString();
  // Methods on a null object fail the batch: delete only a name that is there.
  if (!lastRun.isNullObject) lastRun.delete();
  wb.names.add(LAST_RUN_NAME, `="${runId}|${sheets.map((s) => s.name).join('|')}"`);
  const written: string[] = [];
  try {
    for (let i = 0; i < sheets.length; i++) {
      opts.onProgress?.(sheets[i].name);
      const own = existing[i]?.tables.items ?? [];
      for (const t of own) taken.delete(t.name);
      const layout = resultLayout(sheets[i], lang, taken);
      taken.add(layout.table.name);
      await writeOne(context, layout, existing[i], opts, supports, runId);
      written.push(sheets[i].name);
    }
  } catch (e) {
    if (written.length === 0) throw e;
    throw new PartialWrite(written, sheets.map((s) => s.name).filter((n) => !written.includes(n)), e);
  }
  if (sheets.length) {
    wb.worksheets.getItem(sheets[0].name).activate();
    await context.sync();
  }
  return written;
}

/**
 * Text in a General cell that Excel would take as a formula (= + - @, tab, CR) or whose leading
 * apostrophe Excel would swallow gets an apostrophe in front, which Excel does not show. Text
 * (@) cells take what is written literally, so they get nothing.
 */
export const guardGeneral = (s: string): string => (/^[=+\-@\t\r']/.test(s) ? `'${s}` : s);

/** One layout cell as Office.js takes it: dates as serials, General text guarded against formulas. */
export function officeCell(v: LayoutCell, text: boolean, date1904: boolean): string | number | boolean {
  if (v === null) return '';
  if (v instanceof Date) return dayToExcelSerial(v.toISOString().slice(0, 10)) + (v.getTime() % 86_400_000) / 86_400_000 - (date1904 ? DAYS_1900_TO_1904 : 0);
  if (typeof v === 'string') return text ? v : guardGeneral(v);
  return v;
}

const CHART_TYPES = { column: 'ColumnClustered', line: 'Line', bar: 'BarClustered' } as const;

/** Width in points of a column of `chars` characters of the default font (about 5.25 pt each plus padding). */
const points = (chars: number): number => Math.round(chars * 5.25 + 4);

async function writeOne(context: Excel.RequestContext, layout: ResultLayout, old: Excel.Worksheet | undefined, opts: WriteOptions, supports: (v: string) => boolean, runId: string): Promise<void> {
  context.application.suspendApiCalculationUntilNextSync();
  const last = columnLetter(layout.columnCount);
  let ws: Excel.Worksheet;
  let keep: Excel.Table | undefined;
  if (old) {
    ws = old;
    // Our table stays (resized) where Excel can resize tables; any other becomes a plain range.
    const tables = old.tables.items;
    keep = supports('1.13') ? tables[0] : undefined;
    for (const t of tables) if (t !== keep) t.convertToRange();
    for (const c of old.charts.items) c.delete();
    ws.getRange().conditionalFormats.clearAll();
    if (keep) {
      keep.resize(layout.table.address);
      // Below and right of the new table: whatever the last run left there.
      ws.getRange(`${layout.rowCount + 1 + (layout.body.length ? 0 : 1)}:1048576`).clear();
      ws.getRange(`${columnLetter(layout.columnCount + 1)}:XFD`).clear();
    } else ws.getRange().clear();
  } else ws = context.workbook.worksheets.add(layout.sheet);

  // Formats before values, so text columns take what is written as text.
  const rowsPerWrite = Math.max(1, Math.min(ROWS_PER_WRITE, Math.floor(CELLS_PER_WRITE / Math.max(1, layout.columnCount))));
  const header = layout.header.map(guardGeneral);
  const formats = layout.columns.map((c) => c.numberFormat);
  for (let start = 0; start < layout.rowCount; start += rowsPerWrite) {
    const end = Math.min(layout.rowCount, start + rowsPerWrite);
    const bodyFrom = Math.max(start, 1);
    if (end > bodyFrom) ws.getRange(`A${bodyFrom + 1}:${last}${end}`).numberFormat = layout.body.slice(bodyFrom - 1, end - 1).map(() => formats);
    const rows = layout.body.slice(Math.max(0, start - 1), end - 1).map((r) => r.map((v, j) => officeCell(v, layout.columns[j].text, opts.date1904 ?? false)));
    ws.getRange(`A${start + 1}:${last}${end}`).values = start === 0 ? [header, ...rows] : rows;
    if (end < layout.rowCount) {
      await context.sync();
      context.application.suspendApiCalculationUntilNextSync();
    }
  }

  const table = keep ?? ws.tables.add(layout.table.address, true);
  if (!keep) table.name = layout.table.name;
  table.style = layout.table.style;
  const headerFont = ws.getRange(`A1:${last}1`).format.font;
  [headerFont.name, headerFont.size, headerFont.bold] = [layout.headerFont.name, layout.headerFont.size, layout.headerFont.bold];
  layout.columns.forEach((c, j) => (ws.getRange(`${columnLetter(j + 1)}:${columnLetter(j + 1)}`).format.columnWidth = points(c.width)));
  ws.freezePanes.freezeRows(layout.freezeRows);

  for (const cs of layout.colorScales) {
    const cf = ws.getRange(cs.address).conditionalFormats.add('ColorScale');
    // formula null for lowest/highest value, as Office.js documents (its typings say string).
    const none = null as unknown as string;
    cf.colorScale.criteria = cs.at
      ? {
          minimum: { formula: String(cs.at[0]), type: 'Number', color: `#${cs.low}` },
          midpoint: { formula: String(cs.at[1]), type: 'Number', color: `#${cs.middle}` },
          maximum: { formula: String(cs.at[2]), type: 'Number', color: `#${cs.high}` },
        }
      : {
          minimum: { formula: none, type: 'LowestValue', color: `#${cs.low}` },
          midpoint: { formula: '50', type: 'Percentile', color: `#${cs.middle}` },
          maximum: { formula: none, type: 'HighestValue', color: `#${cs.high}` },
        };
  }
  for (const f of layout.valueFills) {
    const cf = ws.getRange(f.address).conditionalFormats.add('CellValue');
    cf.cellValue.format.fill.color = `#${f.fill}`;
    cf.cellValue.rule = { formula1: `="${f.value.replace(/"/g, '""')}"`, operator: 'EqualTo' };
  }
  if (layout.highlight) {
    const cf = ws.getRange(layout.highlight.address).conditionalFormats.add('Custom');
    cf.custom.rule.formula = `=${layout.highlight.formula}`;
    cf.custom.format.fill.color = `#${layout.highlight.fill}`;
  }
  if (layout.chart) {
    const c = layout.chart;
    const chart = ws.charts.add(CHART_TYPES[c.type], ws.getRange(c.series[0].values), 'Columns');
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
  // Print: landscape, one page wide, header row on every page (page layout is ExcelApi 1.9).
  if (supports('1.9')) {
    ws.pageLayout.orientation = 'Landscape';
    ws.pageLayout.zoom = { horizontalFitToPages: layout.print.fitToPagesWide, verticalFitToPages: 0 };
    ws.pageLayout.setPrintTitleRows(layout.print.titleRows);
  }
  const stamp = ws.names.getItemOrNullObject(RUN_NAME);
  stamp.load('isNullObject');
  await context.sync();
  // Stamped only once the sheet is written: a failed batch leaves the old stamp, which says stale.
  if (!stamp.isNullObject) stamp.delete();
  ws.names.add(RUN_NAME, `="${runId}"`);
  await context.sync();
}

/**
 * Which of the last run's result sheets hold another run (a write that died half-way): read from
 * the stamps writeResultSheets leaves. Empty when all match or nothing was ever written.
 */
export async function staleResultSheets(context: Excel.RequestContext): Promise<string[]> {
  const last = context.workbook.names.getItemOrNullObject(LAST_RUN_NAME);
  last.load('isNullObject,formula');
  await context.sync();
  if (last.isNullObject) return [];
  const [runId, ...sheets] = String(last.formula).replace(/^="?|"$/g, '').split('|');
  const found = sheets.map((s) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(s);
    ws.load('isNullObject');
    return { s, ws };
  });
  await context.sync();
  // Sheets the user deleted since are not stale; only the ones there are asked for their stamp.
  const stamps = found.filter((x) => !x.ws.isNullObject).map(({ s, ws }) => {
    const name = ws.names.getItemOrNullObject(RUN_NAME);
    name.load('isNullObject,formula');
    return { s, name };
  });
  await context.sync();
  return stamps.filter(({ name }) => name.isNullObject || String(name.formula).replace(/^="?|"$/g, '') !== runId).map((x) => x.s);
}
