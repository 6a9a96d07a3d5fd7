// The row shape every reader produces (SheetJS in the service, Office.js in the add-in, JSON
// bodies in the API): per sheet a header row and a 2-D block of plain cell values.

export type CellValue = string | number | boolean | Date | null;

export interface SheetRows {
  header: CellValue[];
  rows: CellValue[][];
  /** 1-based worksheet row of the header (default 1); data rows follow it directly. */
  headerRow?: number;
  /** 1-based worksheet column of the first header cell (default 1, column A). */
  firstColumn?: number;
}

export type WorkbookRows = Record<string, SheetRows>;

/** 1 → A, 27 → AA: Excel column letters. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Sheet-relative address of a data cell: data row i (0-based), header column j (0-based). */
export function dataCell(sheet: SheetRows, i: number, j: number): string {
  return `${columnLetter((sheet.firstColumn ?? 1) + j)}${(sheet.headerRow ?? 1) + 1 + i}`;
}

/** True when a cell holds nothing a user typed. */
export const isBlank = (v: CellValue | undefined): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
