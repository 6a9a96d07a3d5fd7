// mto-planner quote <book.xlsx> [--out result.xlsx] [--json]
import { runQuote } from '../jobs/quote';
import { alignTable } from './table';
import { EXIT, type Command } from './types';
import { checkOutputFolders, loadPlant, plannedResultPath, resultPath, reportWritten, saveResults } from './workbook-io';

const money = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export const quote: Command = {
  name: 'quote',
  usage: 'quote <book.xlsx> [--out result.xlsx] [--json]',
  summary: 'cost roll-up, price risk and delivery promise per Quotes row (writes <book>-quotes.xlsx; with --json only with --out)',
  summaryZh: '报价：成本汇总、价格风险模拟与承诺交期（写入 <工作簿>-quotes.xlsx；--json 时仅在指定 --out 时写入）',
  options: { out: { type: 'string', arg: 'result.xlsx', en: 'write the book with the quote sheets here (default: <book>-quotes.xlsx beside the book; none with --json)', zh: '报价结果工作簿写到此处（默认：工作簿旁的 <工作簿>-quotes.xlsx；--json 时不写）' } },
  async run(ctx) {
    const book = ctx.args[0];
    const folders = book === undefined ? undefined : checkOutputFolders([plannedResultPath(book, 'quotes', ctx)], ctx);
    if (folders !== undefined) return folders;
    const loaded = await loadPlant(book, 'quote', ctx);
    if (typeof loaded === 'number') return loaded;
    const result = await runQuote(loaded.plant, { lang: ctx.lang, onProgress: ctx.progress });
    // The input book is copied with result sheets added, never overwritten unless --out names it.
    const out = resultPath(book, 'quotes', ctx, loaded.wb);
    if (out) await saveResults(loaded.wb, result.sheets, out, ctx);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(result.json, null, 2));
      return EXIT.ok;
    }
    const zh = ctx.lang === 'zh';
    const head = zh
      ? ['报价单号', '物料', '数量', '单位成本', '单价', 'P10 成本', 'P50 成本', 'P90 成本', 'P90 报价', '承诺交期', '加急费用']
      : ['quote', 'item', 'qty', 'unit cost', 'unit price', 'cost P10', 'cost P50', 'cost P90', 'price @P90', 'promise', 'rush premium'];
    const rows = result.json.quotes.map((q) => [
      q.quoteId, q.item, String(q.quantity), money(q.unitCost), money(q.unitPrice), money(q.simulation.p10), money(q.simulation.p50),
      money(q.simulation.p90), money(q.priceAtP90), q.promiseDate ?? '—', money(q.rushPremium),
    ]);
    for (const line of alignTable([head, ...rows], 2)) ctx.stdout(line);
    if (out) reportWritten(out, result.sheets, ctx);
    return EXIT.ok;
  },
};
