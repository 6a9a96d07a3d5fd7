// Add the input sheets that are missing, as Excel tables with number formats and validation
// lists. Sheets already there (under their English or Chinese name) are left exactly as they are.
import type { Lang } from '../../shared/problems';
import { columnLetter } from '../../shared/rows';
import { tableNameFor } from '../../shared/result-layout';
import { VALIDATED_ROWS } from '../../shared/input-lists';
import { missingTemplateSheets } from './template-layout';

export async function createTemplate(context: Excel.RequestContext, lang: Lang): Promise<{ created: string[]; skipped: string[] }> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  // An input sheet counts as present under any accepted name (Orders, orders, 订单…).
  const { missing, present } = missingTemplateSheets(sheets.items.map((s) => s.name), lang);
  for (const t of missing) {
    const ws = sheets.add(t.name);
    const last = columnLetter(t.columns.length);
    const bodyRows = Math.max(1, t.rows.length);
    // Formats first so keys and codes typed later stay text.
    ws.getRange(`A2:${last}${bodyRows + 1}`).numberFormat = Array.from({ length: bodyRows }, () => t.columns.map((c) => c.numberFormat));
    ws.getRange(`A1:${last}1`).values = [t.columns.map((c) => c.header)];
    if (t.rows.length) ws.getRange(`A2:${last}${t.rows.length + 1}`).values = t.rows;
    const table = ws.tables.add(`A1:${last}${bodyRows + 1}`, true);
    table.name = tableNameFor(t.name);
    table.style = 'TableStyleMedium2';
    t.columns.forEach((c, j) => {
      const L = columnLetter(j + 1);
      const dv = ws.getRange(`${L}2:${L}${Math.max(VALIDATED_ROWS, t.rows.length) + 1}`).dataValidation;
      if (c.validation) {
        dv.rule = c.validation;
        dv.errorAlert = { showAlert: true, style: 'Stop', title: c.prompt.title, message: c.prompt.message };
      }
      dv.prompt = { showPrompt: true, title: c.prompt.title, message: c.prompt.message };
    });
    ws.getRange(`A1:${last}1`).format.autofitColumns();
    ws.freezePanes.freezeRows(1);
  }
  await context.sync();
  if (missing.length) {
    sheets.getItem(missing[0].name).activate();
    await context.sync();
  }
  return { created: missing.map((t) => t.name), skipped: present };
}
