// The Chinese template and sample, as a Chinese planner reads them in Excel: every description
// (header notes, input prompts, the Settings sheet's Description column) is in Chinese. Only the
// contract's own identifiers stay Latin: column and sheet names, Settings keys, enum values, units
// and codes such as ItemId (the README's contract tables list them), and sample ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, SETTINGS_SHEET, SettingsKeys, SHEETS, type Column, type SheetDef } from '../../shared/contract';
import { DESCRIPTIONS_ZH } from '../../shared/contract-zh';
import { ENUM_ZH } from '../../shared/enum-zh';
import { newWorkbook } from '../../service/xlsx/workbook';
import { runCli, tempDir } from '../helpers';

const dir = tempDir();
const defs = Object.values(SHEETS) as SheetDef[];
const columns: [string, Column][] = [...(Object.entries(SettingsKeys) as [string, Column][]), ...defs.flatMap((d) => columnsOf(d).map((c) => [c.key, c] as [string, Column]))];
/** Latin words a Chinese text may hold: the contract's identifiers, enum values, units and the Excel codes of a unit. */
const IDENTIFIERS = new Set([
  ...columns.map(([k]) => k),
  ...defs.map((d) => d.name),
  SETTINGS_SHEET.name,
  ...Object.keys(ENUM_ZH),
  ...columns.flatMap(([, c]) => [...(c.values ?? []), ...(c.unit ?? '').split(/[^A-Za-z]+/)]),
  ...['pcs', 'set', 'unit', 'units', 'ItemId', 'OrderId', 'SupplierId', 'WorkCenterId', 'QuoteId', 'RunHours', 'Complete'],
]);
const englishWords = (text: string): string[] => (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !IDENTIFIERS.has(w));

async function zhTexts(command: 'template' | 'sample'): Promise<string[]> {
  const file = join(dir, `${command}.xlsx`);
  expect(runCli([command, file, '--lang', 'zh']).code).toBe(0);
  const wb = newWorkbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.eachSheet((ws) => {
    ws.getRow(1).eachCell((c) => {
      const note = c.note as unknown;
      if (note) texts.push(typeof note === 'string' ? note : ((note as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join(''));
    });
    if (ws.name === SETTINGS_SHEET.name) ws.getColumn(3).eachCell((c, r) => void (r > 1 && texts.push(String(c.value))));
    const dvs = (ws as unknown as { dataValidations: { model: Record<string, { prompt?: string; error?: string }> } }).dataValidations.model;
    for (const v of Object.values(dvs)) texts.push(v.prompt ?? '', v.error ?? '');
  });
  return texts.filter(Boolean);
}

describe('the Chinese template and sample', () => {
  let template: string[];
  let sample: string[];
  beforeAll(async () => {
    [template, sample] = [await zhTexts('template'), await zhTexts('sample')];
  }, 60_000);

  it('every contract description has its Chinese, itself free of English words', () => {
    const keys = [...(Object.keys(SettingsKeys).map((k) => `Settings.${k}`)), ...defs.flatMap((d) => [d.name, ...columnsOf(d).map((c) => `${d.name}.${c.key}`)])];
    expect(keys.filter((k) => !DESCRIPTIONS_ZH[k])).toEqual([]);
    expect(keys.filter((k) => englishWords(DESCRIPTIONS_ZH[k] ?? '').length).map((k) => [k, englishWords(DESCRIPTIONS_ZH[k])])).toEqual([]);
  });

  it('header notes, input prompts and Settings descriptions hold no English word (3 letters or more) but identifiers', () => {
    // The template has a note on each of the contract's columns and a Description per Settings key.
    expect(template.length).toBeGreaterThan(columns.length);
    for (const texts of [template, sample]) expect(texts.filter((t) => englishWords(t).length).map((t) => [t.slice(0, 60), englishWords(t)])).toEqual([]);
    expect(template).toContain('计划开始日期 — 计划的第一天（排产和交期承诺必填）');
  });
});
