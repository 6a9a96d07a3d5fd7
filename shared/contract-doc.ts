// The README's workbook-contract section, generated from the contract (a test keeps them equal).
import { columnsOf, SETTINGS_SHEET, SettingsKeys, SHEETS, type Column, type SheetDef } from './contract';

const cell = (s: unknown) => String(s ?? '').replace(/\|/g, '\\|');
const typeOf = (c: Column) => (c.type === 'enum' ? c.values!.join(' / ') : c.type === 'yesNo' ? 'Y/N' : c.type);

export function contractMarkdown(): string {
  const out: string[] = [];
  const table = (cols: [string, Column][]) => {
    out.push('| Column | 中文 | Type | Required | Default | Unit | Meaning |', '|---|---|---|---|---|---|---|');
    for (const [k, c] of cols)
      out.push(`| ${cell(k)} | ${cell(c.zh)} | ${cell(typeOf(c))} | ${c.required ? 'yes' : ''} | ${cell(c.default)} | ${cell(c.unit)} | ${cell(c.description)} |`);
    out.push('');
  };
  out.push(`### ${SETTINGS_SHEET.name} (${SETTINGS_SHEET.zh}) — Key / Value rows`, '');
  table(Object.entries(SettingsKeys) as [string, Column][]);
  for (const def of Object.values(SHEETS) as SheetDef[]) {
    const unique = def.uniqueKey ? ` Unique: ${def.uniqueKey.join(' + ')}.` : '';
    out.push(`### ${def.name} (${def.zh})`, '', `${def.description}.${unique}`, '');
    table(columnsOf(def).map((c) => [c.key, c]));
  }
  return out.join('\n').trimEnd();
}
