// An uploaded .xlsx → WorkbookRows in the browser, with the service's own reader (exceljs), so the
// standalone page sees the same rows and reports the same cells as the service. Loaded on demand
// (its own chunk, exceljs included): the Excel pane never downloads it.
import { loadWorkbook, workbookRows } from '../../shared/xlsx/read-workbook';
import type { WorkbookRows } from '../../shared/rows';

export async function readXlsx(bytes: ArrayBuffer): Promise<WorkbookRows> {
  return workbookRows(await loadWorkbook(bytes));
}
