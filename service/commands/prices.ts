// mto-planner prices <book.xlsx> [--period 2026-Q3] [--out result.xlsx] [--json]
import { FLAG_TEXT, type PriceFlag } from '../../shared/actuals/price-review';
import { runPrices } from '../jobs/prices';
import { EXIT, type Command } from './types';
import { loadPlant, resultPath, saveResults } from './workbook-io';

const width = (s: string) => [...s].reduce((a, ch) => a + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);

export const prices: Command = {
  name: 'prices',
  usage: 'prices <book.xlsx> [--period 2026-Q3] [--out result.xlsx] [--json]',
  summary: 'price review: PO lines of a period against their approved price tier (writes <book>-prices.xlsx)',
  summaryZh: '核价：按期间将采购单价与核定价格档对比（写入 <工作簿>-prices.xlsx）',
  options: {
    period: { type: 'string', arg: '2026-Q3', en: 'the period of PO lines to review: a year, quarter (2026-Q3), month (2026-07) or from..to days (default: Settings ScorecardPeriod)', zh: '核价期间：年、季度（2026-Q3）、月（2026-07）或起止日期（默认：设置 ScorecardPeriod）' },
    out: { type: 'string', arg: 'result.xlsx', en: 'write the book with the PriceReview sheet here (default: <book>-prices.xlsx beside the book; none with --json)', zh: '结果工作簿写到此处（默认：工作簿旁的 <工作簿>-prices.xlsx；--json 时不写）' },
  },
  async run(ctx) {
    const book = ctx.args[0];
    const loaded = await loadPlant(book, 'prices', ctx);
    if (typeof loaded === 'number') return loaded;
    const result = await runPrices(loaded.plant, { lang: ctx.lang, period: ctx.values.period as string | undefined });
    const out = resultPath(book, 'prices', ctx);
    if (out) await saveResults(loaded.wb, result.sheets, out, ctx);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(result.json, null, 2));
      return EXIT.ok;
    }
    const zh = ctx.lang === 'zh';
    const j = result.json;
    ctx.stdout(zh ? `期间 ${j.period}，价格容差 ${j.tolerancePct}%，${j.lines.length} 行中 ${j.flagged} 行有提示` : `period ${j.period}, tolerance ${j.tolerancePct}%: ${j.flagged} of ${j.lines.length} lines flagged`);
    const head = zh ? ['采购单号', '供应商', '物料', '单价', '核定价格', '偏差率', '偏差金额', '提示'] : ['PO line', 'supplier', 'item', 'price', 'approved', 'deviation', 'amount', 'flags'];
    const rows = j.lines.map((l) => [l.poId, l.supplier, l.item, l.unitPrice.toFixed(2), l.approvedPrice?.toFixed(2) ?? '—', l.deviationPct === null ? '—' : `${l.deviationPct.toFixed(1)}%`, l.deviation?.toFixed(2) ?? '—', l.flags.map((f) => FLAG_TEXT[f as PriceFlag][ctx.lang]).join(zh ? '；' : '; ')]);
    const w = head.map((h, k) => Math.max(width(h), ...rows.map((r) => width(r[k]))));
    for (const r of [head, ...rows]) ctx.stdout(r.map((c, k) => (k < 3 || k === 7 ? c + ' '.repeat(w[k] - width(c)) : ' '.repeat(w[k] - width(c)) + c)).join('  ').trimEnd());
    if (out) ctx.stdout(zh ? `结果已写入 ${out}（PriceReview 工作表）` : `wrote ${out} (sheet PriceReview)`);
    return EXIT.ok;
  },
};
