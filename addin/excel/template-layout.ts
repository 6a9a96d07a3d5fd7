// The template sheets as plain data, derived from the contract (as service/xlsx/write-inputs.ts
// derives the .xlsx template): headers in the UI language, a number format and a data-validation
// rule per column. create-template.ts applies it through Office.js.
import { columnsOf, SETTINGS_SHEET, SettingsKeys, SHEETS, type Column, type SheetDef } from '../../shared/contract';
import { dayToExcelSerial } from '../../shared/dates';
import { listValues, shownValue } from '../../shared/input-lists';
import type { Lang } from '../../shared/problems';
import { findSheet } from '../../shared/parse';
import { NUMBER_FORMATS } from '../../shared/results';


export interface TemplateColumn {
  header: string;
  numberFormat: string;
  validation?: Excel.DataValidationRule;
  /** shown when the cell is selected; Excel allows 32 characters of title and 255 of message */
  prompt: { title: string; message: string };
}

export interface TemplateSheet {
  name: string;
  /** the Chinese sheet name, also accepted as this sheet */
  zh: string;
  columns: TemplateColumn[];
  /** data rows to write under the header (Settings: every key with its default) */
  rows: (string | number | boolean)[][];
}

export const numberFormatOf = (c: Column): string =>
  c.type === 'date' ? NUMBER_FORMATS.date : c.type === 'integer' ? '0' : c.type === 'id' || c.type === 'text' ? '@' : 'General';

/** Data validation for a column: lists for enums and Y/N, bounds for numbers, dates after 1990. */
export function validationOf(c: Column, lang: Lang): Excel.DataValidationRule | undefined {
  const list = listValues(c, lang);
  if (list) return { list: { inCellDropDown: true, source: list.join(',') } };
  if (c.type === 'date') return { date: { formula1: '=DATE(1990,1,1)', operator: 'GreaterThan' } };
  if (c.type === 'number' || c.type === 'integer') {
    const bound = (b: Excel.BasicDataValidation) => (c.type === 'integer' ? { wholeNumber: b } : { decimal: b });
    if (c.min !== undefined && c.max !== undefined) return bound({ formula1: c.min, formula2: c.max, operator: 'Between' });
    if (c.min !== undefined) return bound({ formula1: c.min, operator: c.minExclusive ? 'GreaterThan' : 'GreaterThanOrEqualTo' });
    if (c.max !== undefined) return bound({ formula1: c.max, operator: 'LessThanOrEqualTo' });
  }
  return undefined;
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function promptOf(c: Column, lang: Lang): TemplateColumn['prompt'] {
  const name = lang === 'zh' ? c.zh : c.key;
  const parts = [
    lang === 'zh' ? `${c.zh}（${c.key}）${c.required ? '，必填' : ''}` : `${c.description}${c.required ? ' (required)' : ''}`,
    c.unit ? (lang === 'zh' ? `单位：${c.unit}` : `Unit: ${c.unit}`) : '',
    c.default !== undefined ? (lang === 'zh' ? `默认：${c.default}` : `Default: ${c.default}`) : '',
    c.values ? c.values.map((v) => shownValue(v, lang)).join(', ') : '',
  ];
  return { title: clip(name, 32), message: clip(parts.filter(Boolean).join('. '), 255) };
}

function tableSheet(def: SheetDef, lang: Lang): TemplateSheet {
  return {
    name: def.name,
    zh: def.zh,
    columns: columnsOf(def).map((c) => ({ header: lang === 'zh' ? c.zh : c.key, numberFormat: numberFormatOf(c), validation: validationOf(c, lang), prompt: promptOf(c, lang) })),
    rows: [],
  };
}

/** Settings as Key / Value / Description rows with each key's default filled in. */
function settingsSheet(lang: Lang): TemplateSheet {
  const entries = Object.entries(SettingsKeys) as [string, Column][];
  const text = (en: string, zh: string, message: string) => ({ header: lang === 'zh' ? zh : en, numberFormat: '@', prompt: { title: lang === 'zh' ? zh : en, message } });
  return {
    name: SETTINGS_SHEET.name,
    zh: SETTINGS_SHEET.zh,
    columns: [
      text(SETTINGS_SHEET.keyHeader.en, SETTINGS_SHEET.keyHeader.zh, lang === 'zh' ? '参数名，请勿修改' : 'Setting name; keep as is'),
      { header: lang === 'zh' ? SETTINGS_SHEET.valueHeader.zh : SETTINGS_SHEET.valueHeader.en, numberFormat: 'General', prompt: { title: lang === 'zh' ? '值' : 'Value', message: lang === 'zh' ? '参数值；日期如 2026-03-31' : 'The value; dates such as 2026-03-31' } },
      text('Description', '说明', lang === 'zh' ? '参数说明' : 'What the setting does'),
    ],
    rows: entries.map(([k, c]) => [
      k,
      c.default === undefined ? '' : c.type === 'date' && typeof c.default === 'string' ? dayToExcelSerial(c.default) : (c.default as string | number | boolean),
      lang === 'zh' ? `${c.zh}${c.unit ? `（${c.unit}）` : ''}` : `${c.description}${c.unit ? ` (${c.unit})` : ''}`,
    ]),
  };
}

/** Settings first, then every input sheet in contract order. */
export function templateSheets(lang: Lang): TemplateSheet[] {
  return [settingsSheet(lang), ...(Object.values(SHEETS) as SheetDef[]).map((d) => tableSheet(d, lang))];
}

/** Split the template into sheets to add and the names of input sheets already in the workbook. */
export function missingTemplateSheets(existing: string[], lang: Lang): { missing: TemplateSheet[]; present: string[] } {
  const book = Object.fromEntries(existing.map((n) => [n, { header: [], rows: [] }]));
  const missing: TemplateSheet[] = [];
  const present: string[] = [];
  for (const t of templateSheets(lang)) {
    const found = findSheet(book, t.name, t.zh);
    if (found) present.push(found[0]);
    else missing.push(t);
  }
  return { missing, present };
}
