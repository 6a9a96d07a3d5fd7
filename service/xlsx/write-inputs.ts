// Input sheets as Excel tables with data-validation lists and number formats, derived from the
// contract: used by `template` (empty) and `sample` (filled).
import type ExcelJS from 'exceljs';
import { newWorkbook } from './workbook';
import { columnsOf, SETTINGS_SHEET, SettingsKeys, SHEETS, type Column, type SheetDef } from '../../shared/contract';
import { dayToDate } from '../../shared/dates';
import { descriptionIn } from '../../shared/contract-zh';
import { ENUM_ZH } from '../../shared/enum-zh';
import { listValues, shownValue, shownYesNo, VALIDATED_ROWS } from '../../shared/input-lists';
import type { Lang } from '../../shared/problems';
import { NUMBER_FORMATS } from '../../shared/results';
import { columnLetter } from '../../shared/rows';

/** Rows keyed by column key (English), dates as ISO day strings. */
export type InputRecords = Partial<Record<string, Record<string, unknown>[]>>;


const numFmt = (c: Column): string | undefined =>
  c.type === 'date' ? NUMBER_FORMATS.date : c.type === 'integer' ? '0' : c.type === 'number' ? 'General' : c.type === 'id' || c.type === 'text' ? '@' : undefined;

function validation(c: Column, text: string, lang: Lang): ExcelJS.DataValidation | undefined {
  const prompt = { showErrorMessage: true, errorTitle: c.key, error: text, promptTitle: c.key, prompt: text, showInputMessage: true };
  const list = listValues(c, lang);
  if (list) return { type: 'list', allowBlank: c.type === 'yesNo' || !c.required, formulae: [`"${list.join(',')}"`], ...prompt };
  if (c.type === 'date') return { type: 'date', operator: 'greaterThan', allowBlank: !c.required, formulae: [new Date(Date.UTC(1990, 0, 1))], ...prompt };
  if (c.type === 'number' || c.type === 'integer') {
    const type = c.type === 'integer' ? 'whole' : 'decimal';
    if (c.min !== undefined && c.max !== undefined) return { type, operator: 'between', allowBlank: !c.required, formulae: [c.min, c.max], ...prompt };
    if (c.min !== undefined) return { type, operator: c.minExclusive ? 'greaterThan' : 'greaterThanOrEqual', allowBlank: !c.required, formulae: [c.min], ...prompt };
  }
  return undefined;
}

function cellValue(c: Column, v: unknown, lang: Lang): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (c.type === 'date' && typeof v === 'string') return dayToDate(v);
  if (c.type === 'yesNo' && typeof v === 'boolean') return shownYesNo(v, lang);
  if (c.type === 'enum' && typeof v === 'string') return shownValue(v, lang);
  return v as ExcelJS.CellValue;
}

function addTableSheet(wb: ExcelJS.Workbook, def: SheetDef, records: Record<string, unknown>[], lang: Lang) {
  const cols = columnsOf(def);
  const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = records.map((r) => cols.map((c) => cellValue(c, r[c.key], lang)));
  ws.addTable({
    name: `tbl${def.name}`,
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: cols.map((c) => ({ name: lang === 'zh' ? c.zh : c.key, filterButton: true })),
    // exceljs needs at least one row to write a valid table; a blank row is skipped on reading.
    rows: rows.length ? rows : [cols.map(() => null)],
  });
  cols.forEach((c, j) => {
    const column = ws.getColumn(j + 1);
    column.width = Math.max(12, (lang === 'zh' ? c.zh.length * 2 : c.key.length) + 4);
    const fmt = numFmt(c);
    const L = columnLetter(j + 1);
    const lastRow = Math.max(VALIDATED_ROWS, rows.length + 1);
    for (let r = 2; r <= Math.max(2, rows.length + 1); r++) if (fmt) ws.getCell(`${L}${r}`).numFmt = fmt;
    const text = descriptionIn(`${def.name}.${c.key}`, c.description, lang);
    const dv = validation(c, text, lang);
    if (dv) (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${L}2:${L}${lastRow}`, dv);
    ws.getCell(`${L}1`).note = `${c.key} / ${c.zh}${c.required ? ' *' : ''}\n${text}${c.unit ? ` (${c.unit})` : ''}${c.default !== undefined ? `\n${lang === 'zh' ? '默认' : 'default'} ${typeof c.default === 'boolean' && lang === 'zh' ? shownYesNo(c.default, lang) : c.default}` : ''}${c.values ? `\n${c.values.map((v) => `${v} ${ENUM_ZH[v] ?? ''}`).join(', ')}` : ''}`;
  });
  return ws;
}

function addSettingsSheet(wb: ExcelJS.Workbook, values: Record<string, unknown>, lang: Lang) {
  const ws = wb.addWorksheet(SETTINGS_SHEET.name);
  const entries = Object.entries(SettingsKeys) as [string, Column][];
  ws.addTable({
    name: 'tblSettings',
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: [
      { name: lang === 'zh' ? SETTINGS_SHEET.keyHeader.zh : SETTINGS_SHEET.keyHeader.en },
      { name: lang === 'zh' ? SETTINGS_SHEET.valueHeader.zh : SETTINGS_SHEET.valueHeader.en },
      { name: lang === 'zh' ? '说明' : 'Description' },
    ],
    rows: entries.map(([k, c]) => [k, cellValue(c, values[k] ?? c.default, lang), `${c.zh} — ${descriptionIn(`Settings.${k}`, c.description, lang)}${c.unit ? ` (${c.unit})` : ''}`]),
  });
  entries.forEach(([, c], i) => {
    if (c.type === 'date') ws.getCell(`B${i + 2}`).numFmt = NUMBER_FORMATS.date;
  });
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 70;
}

/** A workbook with every input sheet; records fill them (empty for the template). */
export function inputWorkbook(settings: Record<string, unknown>, records: InputRecords, lang: Lang = 'en'): ExcelJS.Workbook {
  const wb = newWorkbook();
  wb.creator = 'MTO Planner';
  addSettingsSheet(wb, settings, lang);
  for (const def of Object.values(SHEETS) as SheetDef[]) addTableSheet(wb, def, records[def.name] ?? [], lang);
  return wb;
}
