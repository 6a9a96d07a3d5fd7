// mto-planner prices <book.xlsx> [--period 2026-Q3] [--with-plan | --compare-run <id>] [--out result.xlsx] [--json]
import { FLAG_TEXT, type PriceFlag } from '../../shared/actuals/price-review';
import { runPrices } from '../jobs/prices';
import { storedSuggestions } from '../jobs/stored-suggestions';
import { earlierFromStored, withStoredPlanRun } from './earlier-plan';
import { alignTable } from './table';
import { EXIT, type Command } from './types';
import { loadPlant, resultPath, reportWritten, saveResults } from './workbook-io';

const qty = (x: number | null) => (x === null ? '—' : String(Math.round(x * 1e4) / 1e4));

export const prices: Command = {
  name: 'prices',
  usage: 'prices <book.xlsx> [--period 2026-Q3] [--with-plan | --compare-run <id>] [--out result.xlsx] [--json]',
  summary: 'price review: PO lines of a period against their approved price tier (writes <book>-prices.xlsx)',
  summaryZh: '核价：按期间将采购单价与核定价格档对比（写入 <工作簿>-prices.xlsx）',
  options: {
    period: { type: 'string', arg: '2026-Q3', en: 'the period of PO lines to review: a year, quarter (2026-Q3), month (2026-07) or from..to days (default: Settings ScorecardPeriod)', zh: '核价期间：年、季度（2026-Q3）、月（2026-07）或起止日期（默认：设置 ScorecardPeriod）' },
    'with-plan': { type: 'boolean', en: "plan the book now and hold each PO line's quantity against the plan's purchase suggestion", zh: '同时排产本工作簿，将每行采购数量与计划建议采购量对比' },
    'compare-run': { type: 'string', arg: 'id', en: "hold quantities against a stored plan run's suggestions (the service's run history, MTO_DB)", zh: '将采购数量与已存排产运行的建议采购量对比（服务的运行记录，MTO_DB）' },
    out: { type: 'string', arg: 'result.xlsx', en: 'write the book with the PriceReview sheet here (default: <book>-prices.xlsx beside the book; none with --json)', zh: '结果工作簿写到此处（默认：工作簿旁的 <工作簿>-prices.xlsx；--json 时不写）' },
  },
  async run(ctx) {
    const book = ctx.args[0];
    const withPlan = ctx.values['with-plan'] === true;
    const runText = ctx.values['compare-run'] as string | undefined;
    if (withPlan && runText !== undefined) {
      ctx.stderr(ctx.lang === 'zh' ? '--with-plan 与 --compare-run 只能选一个' : 'give either --with-plan or --compare-run, not both');
      return EXIT.error;
    }
    const suggestingPlan = runText === undefined ? undefined : await withStoredPlanRun(runText, ctx, (run, id) => {
      const why = earlierFromStored(run, id, ctx.lang);
      return typeof why === 'string' ? why : storedSuggestions(run!.resultGz!, id, ctx.lang);
    });
    if (typeof suggestingPlan === 'number') return suggestingPlan;
    // A plan of the same book needs what a plan needs.
    const loaded = await loadPlant(book, withPlan ? 'plan' : 'prices', ctx);
    if (typeof loaded === 'number') return loaded;
    const result = await runPrices(loaded.plant, { lang: ctx.lang, period: ctx.values.period as string | undefined, withPlan, suggestingPlan, onProgress: ctx.progress });
    const out = resultPath(book, 'prices', ctx);
    if (out) await saveResults(loaded.wb, result.sheets, out, ctx);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(result.json, null, 2));
      return EXIT.ok;
    }
    const zh = ctx.lang === 'zh';
    const j = result.json;
    ctx.stdout(zh ? `期间 ${j.period}，价格容差 ${j.tolerancePct}%，${j.lines.length} 行中 ${j.flagged} 行有提示` : `period ${j.period}, tolerance ${j.tolerancePct}%: ${j.flagged} of ${j.lines.length} lines flagged`);
    if (j.plan) ctx.stdout(zh ? `数量对比：${j.plan}` : `quantities against ${j.plan}`);
    const head = zh ? ['采购单号', '供应商', '物料', '数量', '计划建议', '单价', '核定价格', '偏差率', '偏差金额', '提示'] : ['PO line', 'supplier', 'item', 'quantity', 'suggested', 'price', 'approved', 'deviation', 'amount', 'flags'];
    const rows = j.lines.map((l) => [
      l.poId, l.supplier, l.item, qty(l.quantity), qty(l.suggestedQty), l.unitPrice.toFixed(2), l.approvedPrice?.toFixed(2) ?? '—',
      l.deviationPct === null ? '—' : `${l.deviationPct.toFixed(1)}%`, l.deviation?.toFixed(2) ?? '—', l.flags.map((f) => FLAG_TEXT[f as PriceFlag][ctx.lang]).join(zh ? '；' : '; '),
    ]);
    for (const line of alignTable([head, ...rows], [0, 1, 2, 9])) ctx.stdout(line);
    if (out) reportWritten(out, result.sheets, ctx);
    return EXIT.ok;
  },
};
