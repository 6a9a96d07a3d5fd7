import { writeFile } from 'node:fs/promises';
import { SettingsKeys } from '../../shared/contract';
import { inputWorkbook } from '../xlsx/write-inputs';
import { EXIT, type Command } from './types';
import { checkOutputFolders } from './workbook-io';
import { xlsxBytes } from '../xlsx/workbook';

export const template: Command = {
  name: 'template',
  usage: 'template <out.xlsx>',
  summary: 'write an empty workbook with every input sheet as an Excel table',
  summaryZh: '生成空白模板工作簿（每个输入表为 Excel 表格）',
  options: { lang: { type: 'string', arg: 'zh|en', en: 'language of the sheet names, headers and drop-down values (default: from LANG)', zh: '工作表名、表头与下拉选项的语言（默认取自 LANG）' } },
  async run(ctx) {
    const out = ctx.args[0];
    if (!out) {
      ctx.stderr('usage: mto-planner template <out.xlsx>');
      return EXIT.error;
    }
    const folders = checkOutputFolders([out], ctx);
    if (folders !== undefined) return folders;
    const defaults = Object.fromEntries(Object.entries(SettingsKeys).map(([k, c]) => [k, c.default]));
    await writeFile(out, await xlsxBytes(inputWorkbook(defaults, {}, ctx.lang)));
    if (ctx.json) ctx.stdout(JSON.stringify({ status: 'ok', file: out }));
    else ctx.stdout(ctx.lang === 'zh' ? `已生成模板 ${out}` : `wrote template ${out}`);
    return EXIT.ok;
  },
};
