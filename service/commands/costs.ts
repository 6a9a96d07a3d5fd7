// mto-planner costs <book.xlsx> [--out result.xlsx] [--json]
import { runCosts } from '../jobs/costs';
import { alignTable } from './table';
import { EXIT, type Command } from './types';
import { loadPlant, resultPath, reportWritten, saveResults } from './workbook-io';

const money = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));

export const costs: Command = {
  name: 'costs',
  usage: 'costs <book.xlsx> [--out result.xlsx] [--json]',
  summary: 'cost per sales order: standard, quoted, actual, to complete, variances, margin (writes <book>-costs.xlsx)',
  summaryZh: '订单成本：标准、报价、实际、尚需、差异与毛利（写入 <工作簿>-costs.xlsx）',
  options: {
    out: { type: 'string', arg: 'result.xlsx', en: 'write the book with the cost sheets here (default: <book>-costs.xlsx beside the book; none with --json)', zh: '结果工作簿写到此处（默认：工作簿旁的 <工作簿>-costs.xlsx；--json 时不写）' },
  },
  async run(ctx) {
    const book = ctx.args[0];
    const loaded = await loadPlant(book, 'costs', ctx);
    if (typeof loaded === 'number') return loaded;
    const result = await runCosts(loaded.plant, { lang: ctx.lang, onProgress: ctx.progress });
    const out = resultPath(book, 'costs', ctx);
    if (out) await saveResults(loaded.wb, result.sheets, out, ctx);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(result.json, null, 2));
      return EXIT.ok;
    }
    for (const w of result.json.warnings as string[]) ctx.stderr(w);
    const zh = ctx.lang === 'zh';
    const head = zh
      ? ['订单号', '数量', '已完工', '标准成本', '累计实际', '尚需', '预计总成本', '总差异', '报价毛利', '预计毛利']
      : ['order', 'qty', 'finished', 'standard', 'actual', 'to complete', 'projected', 'variance', 'quoted margin', 'projected margin'];
    const rows = result.json.orders.map((o) => [
      o.orderId, String(o.quantity), String(o.finished), money(o.standard.total), money(o.actual.total), money(o.toComplete.total),
      money(o.projected.total), money(o.variances.total), money(o.quotedMargin), money(o.projectedMargin),
    ]);
    for (const line of alignTable([head, ...rows], 1)) ctx.stdout(line);
    if (out) reportWritten(out, result.sheets, ctx);
    return EXIT.ok;
  },
};
