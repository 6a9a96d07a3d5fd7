// Tests' second view of a workbook: exceljs loads result files so tests can look at styles and
// every sheet (the product reads with SheetJS, service/xlsx/read-book.ts, and writes with exceljs).
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../service/xlsx/workbook';
import { type CellValue, type SheetRows, type WorkbookRows } from '../shared/rows';

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

/** Load .xlsx bytes with exceljs (throws NotXlsxError when exceljs cannot). */
export async function loadWorkbook(data: Buffer | ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new NotXlsxError();
  }
  return wb;
}

export class NotXlsxError extends Error {
  constructor() {
    super('The file is not an .xlsx workbook (save it from Excel as "Excel Workbook (*.xlsx)") / 文件不是 .xlsx 工作簿');
    this.name = 'NotXlsxError';
  }
}
