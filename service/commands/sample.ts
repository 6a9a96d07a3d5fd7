import { writeFile } from 'node:fs/promises';
import { samplePlant } from '../../shared/sample-plant';
import { inputWorkbook } from '../xlsx/write-inputs';
import { EXIT, type Command } from './types';
import { checkOutputFolders } from './workbook-io';
import { xlsxBytes } from '../xlsx/workbook';

export const sampleWorkbook = async (lang: 'en' | 'zh' = 'en'): Promise<Buffer> => {
  const p = samplePlant();
  return xlsxBytes(inputWorkbook(p.settings, p.sheets, lang));
};

export const sample: Command = {
  name: 'sample',
  usage: 'sample <out.xlsx>',
  summary: 'write a realistic sample plant (orders, BOM, routings, suppliers, quotes)',
  summaryZh: '生成示例工厂工作簿（订单、BOM、工艺、供应商、报价）',
  options: { lang: { type: 'string', arg: 'zh|en', en: 'language of the sheet names and headers (default: from LANG)', zh: '工作表名与表头的语言（默认取自 LANG）' } },
  async run(ctx) {
    const out = ctx.args[0];
    if (!out) {
      ctx.stderr('usage: mto-planner sample <out.xlsx>');
      return EXIT.error;
    }
    const folders = checkOutputFolders([out], ctx);
    if (folders !== undefined) return folders;
    await writeFile(out, await sampleWorkbook(ctx.lang));
    if (ctx.json) ctx.stdout(JSON.stringify({ status: 'ok', file: out }));
    else ctx.stdout(ctx.lang === 'zh' ? `已生成示例工作簿 ${out}` : `wrote sample plant ${out}`);
    return EXIT.ok;
  },
};
