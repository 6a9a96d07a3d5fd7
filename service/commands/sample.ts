import { writeFile } from 'node:fs/promises';
import { samplePlant } from '../../shared/sample-plant';
import { inputWorkbook } from '../xlsx/write-inputs';
import { EXIT, type Command } from './types';
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
  async run(ctx) {
    const out = ctx.args[0];
    if (!out) {
      ctx.stderr('usage: mto-planner sample <out.xlsx>');
      return EXIT.error;
    }
    await writeFile(out, await sampleWorkbook(ctx.lang));
    if (ctx.json) ctx.stdout(JSON.stringify({ status: 'ok', file: out }));
    else ctx.stdout(ctx.lang === 'zh' ? `已生成示例工作簿 ${out}` : `wrote sample plant ${out}`);
    return EXIT.ok;
  },
};
