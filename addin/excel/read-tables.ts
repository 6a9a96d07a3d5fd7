// Office.js → WorkbookRows: the input sheets of the open workbook in the row shape the service
// reads from .xlsx files (header = first row of the used range, as shared/xlsx/read-workbook.ts).
// Round trips: one for sheet names, one for every used range's position, then values in row blocks.
import type { WorkbookRows } from '../../shared/rows';
import { inputSheetNames, planBlocks, toSheetRows, type UsedArea } from './read-plan';

export interface ReadStats {
  syncs: number;
  sheets: number;
  cells: number;
}

export async function readInputSheets(context: Excel.RequestContext, onProgress?: (sheet: string) => void, extra: string[] = []): Promise<{ book: WorkbookRows; stats: ReadStats }> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const names = inputSheetNames(sheets.items.map((s) => s.name), extra);

  // valuesOnly: formatting alone (an empty formatted table body) does not stretch the area.
  const used = names.map((name) => {
    const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
    range.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
    return { name, range };
  });
  await context.sync();
  const areas: UsedArea[] = used
    .filter((u) => !u.range.isNullObject)
    .map((u) => ({ sheet: u.name, rowIndex: u.range.rowIndex, columnIndex: u.range.columnIndex, rowCount: u.range.rowCount, columnCount: u.range.columnCount }));

  const values = new Map<string, unknown[][]>(areas.map((a) => [a.sheet, new Array(a.rowCount)]));
  let syncs = 2;
  let cells = 0;
  for (const group of planBlocks(areas)) {
    const loaded = group.map((b) => {
      const r = sheets.getItem(b.sheet).getRangeByIndexes(b.rowIndex, b.columnIndex, b.rowCount, b.columnCount);
      r.load('values');
      return { b, r };
    });
    onProgress?.(group[0].sheet);
    await context.sync();
    syncs++;
    for (const { b, r } of loaded) {
      const into = values.get(b.sheet)!;
      r.values.forEach((row, i) => (into[b.offset + i] = row));
      cells += b.rowCount * b.columnCount;
    }
  }
  const book: WorkbookRows = {};
  for (const a of areas) book[a.sheet] = toSheetRows(a, values.get(a.sheet)!);
  return { book, stats: { syncs, sheets: areas.length, cells } };
}
