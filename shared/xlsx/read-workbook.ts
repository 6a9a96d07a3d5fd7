// .xlsx bytes → WorkbookRows. exceljs parses in memory (no file or network I/O), so this sits in
// shared/ and the service and the standalone page read workbooks the same way. Each sheet starts
// at its first non-empty row; Excel tables and plain ranges read alike.
import type ExcelJS from 'exceljs';
import { newWorkbook } from './workbook';
import { columnLetter, type CellValue, type SheetRows, type WorkbookRows } from '../rows';

/** exceljs cell values (formulas, rich text, hyperlinks, errors) → plain values. */
export function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return plainValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

export function sheetRows(ws: ExcelJS.Worksheet): SheetRows | undefined {
  const grid: CellValue[][] = [];
  let firstRow = 0;
  let minCol = Infinity;
  let maxCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = plainValue(cell.value);
      if (v === null || (typeof v === 'string' && v.trim() === '')) return;
      if (!firstRow) firstRow = r;
      minCol = Math.min(minCol, c);
      maxCol = Math.max(maxCol, c);
    });
  });
  if (!firstRow) return undefined;
  for (let r = firstRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const vals: CellValue[] = [];
    for (let c = minCol; c <= maxCol; c++) vals.push(plainValue(row.getCell(c).value));
    grid.push(vals);
  }
  while (grid.length > 1 && grid[grid.length - 1].every((v) => v === null || v === '')) grid.pop();
  return { header: grid[0], rows: grid.slice(1), headerRow: firstRow, firstColumn: minCol };
}

export function workbookRows(wb: ExcelJS.Workbook): WorkbookRows {
  const out: WorkbookRows = {};
  wb.eachSheet((ws) => {
    const rows = sheetRows(ws);
    if (rows) out[ws.name] = rows;
  });
  return out;
}

/** Load .xlsx bytes; throws a plain Error with a user-facing message when it is not an .xlsx. */
export async function loadWorkbook(data: Buffer | ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new NotXlsxError();
  }
  for (const ws of wb.worksheets) compactValidations(ws);
  return wb;
}

/**
 * exceljs reads a data validation over a range as one entry per cell (all the same object) and,
 * writing, compares every cell with its neighbours to rebuild ranges: for a template's validated
 * columns that was a third of the time to write a planned 1000-order book. Each object whose
 * cells fill a rectangle goes back to one range entry, which exceljs writes as it is. After this,
 * exceljs's per-cell `cell.dataValidation` no longer finds those cells: nothing here reads or sets
 * validations on a loaded book (the model is written back as it is).
 */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  const dv = (ws as unknown as { dataValidations: { model: Record<string, object | undefined> } }).dataValidations;
  const groups = new Map<object, { count: number; top: number; bottom: number; left: number; right: number }>();
  for (const address in dv.model) {
    const v = dv.model[address];
    if (!v) continue;
    // A1-style address by hand: this runs once per validated cell (60,000 in a template).
    let k = 0;
    let col = 0;
    for (let ch = address.charCodeAt(0); ch >= 65 && ch <= 90; ch = address.charCodeAt(++k)) col = col * 26 + ch - 64;
    const row = k > 0 ? Number(address.slice(k)) : NaN;
    if (!(Number.isInteger(row) && row > 0)) continue; // already a range
    const g = groups.get(v);
    if (!g) groups.set(v, { count: 1, top: row, bottom: row, left: col, right: col });
    else g.count++, (g.top = Math.min(g.top, row)), (g.bottom = Math.max(g.bottom, row)), (g.left = Math.min(g.left, col)), (g.right = Math.max(g.right, col));
  }
  const ranges = new Map<object, string>();
  for (const [v, g] of groups)
    if (g.count > 1 && g.count === (g.bottom - g.top + 1) * (g.right - g.left + 1)) ranges.set(v, `${columnLetter(g.left)}${g.top}:${columnLetter(g.right)}${g.bottom}`);
  if (ranges.size === 0) return;
  // A new object rather than 60,000 deletes (which would turn the old one into a slow dictionary).
  const model: Record<string, object | undefined> = {};
  for (const address in dv.model) {
    const v = dv.model[address];
    const range = v && ranges.get(v);
    if (range) model[range] = v;
    else model[address] = v;
  }
  dv.model = model;
}

export class NotXlsxError extends Error {
  constructor() {
    super('The file is not an .xlsx workbook (save it from Excel as "Excel Workbook (*.xlsx)") / 文件不是 .xlsx 工作簿');
    this.name = 'NotXlsxError';
  }
}
