// mto-planner suppliers <book.xlsx> [--period 2026-Q3] [--out scorecard.xlsx] [--json]
import { scorecardJson, type Scorecard } from '../../shared/suppliers';
import { ADVICE_ZH } from '../../shared/suppliers/report';
import { scorecard, scorecardBook } from '../jobs/suppliers';
import { alignTable } from './table';
import { EXIT, type Command, type CommandContext } from './types';
import { checkOutputFolders, loadPlant, resultPath, writeAtomically } from './workbook-io';

const fmt = (x: number | null, pct = false): string => (x === null ? '—' : pct ? `${(x * 100).toFixed(1)}%` : x.toFixed(2));

function table(card: Scorecard, ctx: CommandContext): string {
  const zh = ctx.lang === 'zh';
  const head = zh
    ? ['供应商', '准时', '合格', '价格', '服务', '总分', '等级', '建议', '趋势']
    : ['supplier', 'on-time', 'quality', 'price', 'service', 'total', 'grade', 'advice', 'trend'];
  const rows = card.suppliers.map((s) => [
    s.supplierId,
    fmt(s.onTimeRate, true),
    fmt(s.qualityRate, true),
    fmt(s.priceScore),
    fmt(s.serviceScore),
    fmt(s.total),
    s.grade ?? '—',
    zh ? ADVICE_ZH[s.advice] : s.advice,
    s.trend === null ? '—' : `${s.trend >= 0 ? '+' : ''}${s.trend.toFixed(2)}`,
  ]);
  return alignTable([head, ...rows], 1).join('\n');
}

export const suppliers: Command = {
  name: 'suppliers',
  usage: 'suppliers <book.xlsx> [--period 2026-Q3] [--out scorecard.xlsx] [--json]',
  summary: 'score suppliers for a period; write a formatted scorecard .xlsx',
  summaryZh: '按期间评估供应商，导出带格式的评分表 .xlsx',
  options: {
    period: { type: 'string', arg: '2026-Q3|2026-09|2026|from..to', en: 'the period to score: a quarter, a month, a year or two dates (default: the latest quarter with receipts)', zh: '评估期间：季度、月、年或起止日期（默认：最近一个有到货的季度）' },
    out: { type: 'string', arg: 'scorecard.xlsx', en: 'write the scorecard here (default: <book>-scorecard-<period>.xlsx beside the book; none with --json)', zh: '评分表写到此处（默认：工作簿旁的 <工作簿>-scorecard-<期间>.xlsx；--json 时不写）' },
  },
  async run(ctx) {
    const folders = ctx.args[0] === undefined ? undefined : checkOutputFolders([ctx.values.out as string | undefined], ctx);
    if (folders !== undefined) return folders;
    const loaded = await loadPlant(ctx.args[0], 'suppliers', ctx);
    if (typeof loaded === 'number') return loaded;
    const card = scorecard(loaded.plant, { period: ctx.values.period as string | undefined });
    const book = ctx.args[0];
    const out = resultPath(book, `scorecard-${card.period.key.replace(/\.\./g, '_')}`, ctx);
    if (out) {
      ctx.progress(ctx.lang === 'zh' ? '写入评分表…' : 'writing scorecard…');
      // Through a temp file and rename: a half-written export never replaces a good one.
      await writeAtomically(out, scorecardBook(loaded.plant, card, ctx.lang));
    }
    if (ctx.json) {
      ctx.stdout(JSON.stringify(scorecardJson(card), null, 2));
      return EXIT.ok;
    }
    const zh = ctx.lang === 'zh';
    ctx.stdout(`${zh ? '期间' : 'period'} ${card.period.key} (${card.period.from} … ${card.period.to}), ${zh ? '趋势对比' : 'trend vs'} ${card.previous.key}`);
    ctx.stdout(table(card, ctx));
    ctx.stdout(zh ? `已导出评分表 ${out}` : `wrote scorecard ${out}`);
    return EXIT.ok;
  },
};
