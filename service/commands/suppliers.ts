// mto-planner suppliers <book.xlsx> [--period 2026-Q3] [--out scorecard.xlsx] [--json]
import { scorecardJson, type Scorecard } from '../../shared/suppliers';
import { ADVICE_ZH } from '../../shared/suppliers/report';
import { scorecard, scorecardBook } from '../jobs/suppliers';
import { EXIT, type Command, type CommandContext } from './types';
import { loadPlant, resultPath, writeAtomically } from './workbook-io';
import { xlsxBytes } from '../xlsx/workbook';

/** Terminal columns a string takes: CJK characters are two wide. */
const width = (s: string): number => [...s].reduce((a, ch) => a + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number, left: boolean): string => (left ? s + ' '.repeat(w - width(s)) : ' '.repeat(w - width(s)) + s);
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
  const widths = head.map((h, j) => Math.max(width(h), ...rows.map((r) => width(r[j]))));
  return [head, ...rows].map((r) => r.map((c, j) => pad(c, widths[j], j === 0)).join('  ')).join('\n');
}

export const suppliers: Command = {
  name: 'suppliers',
  usage: 'suppliers <book.xlsx> [--period 2026-Q3] [--out scorecard.xlsx] [--json]',
  summary: 'score suppliers for a period; write a formatted scorecard .xlsx',
  summaryZh: '按期间评估供应商，导出带格式的评分表 .xlsx',
  options: { period: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const loaded = await loadPlant(ctx.args[0], 'suppliers', ctx);
    if (typeof loaded === 'number') return loaded;
    const card = scorecard(loaded.plant, { period: ctx.values.period as string | undefined });
    const book = ctx.args[0];
    const out = resultPath(book, `scorecard-${card.period.key.replace(/\.\./g, '_')}`, ctx);
    if (out) {
      ctx.progress(ctx.lang === 'zh' ? '写入评分表…' : 'writing scorecard…');
      // Through a temp file and rename: a half-written export never replaces a good one.
      await writeAtomically(out, await xlsxBytes(scorecardBook(loaded.plant, card, ctx.lang)));
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
