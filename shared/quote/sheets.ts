// Quote results as ResultSheets: QuoteResults (one row per quote line), QuoteDistribution
// (histogram and tornado per quote line) and QuoteLines (the audit trail: every BOM line and
// operation behind each unit cost).
import type { Lang } from '../problems';
import type { ResultSheet } from '../results';
import type { CostedQuote, QuoteResult } from './quote';
import { ENUM_ZH } from '../enum-zh';

/** "Unit price (CNY)" / "单价（CNY）": money headers carry the Settings Currency. */
const money = (en: string, zh: string, currency: string) => ({ header: `${en} (${currency})`, headerZh: `${zh}（${currency}）`, format: 'money' as const });
const KIND: Record<string, { en: string; zh: string }> = { histogram: { en: 'histogram', zh: '直方图' }, tornado: { en: 'tornado', zh: '敏感性' } };
const ELEMENT: Record<string, { en: string; zh: string }> = {
  material: { en: 'material', zh: '材料' },
  labour: { en: 'labour', zh: '人工' },
  overhead: { en: 'overhead', zh: '制造费用' },
  subcontract: { en: 'subcontract', zh: '委外' },
};

const label = (q: CostedQuote) => `${q.quoteId} ×${q.quantity}`;
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function quoteResultsSheet(quotes: QuoteResult[], lang: Lang = 'en', currency = 'CNY'): ResultSheet {
  const c = currency;
  return {
    name: 'QuoteResults',
    // The figures a buyer asks for first (price, price at P90 cost, promise date) right after the quantity.
    columns: [
      { key: 'quoteId', header: 'Quote', headerZh: '报价单号', width: 12 },
      { key: 'customer', header: 'Customer', headerZh: '客户', width: 24 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: 'integer' },
      { key: 'unitPrice', ...money('Unit price', '单价', c) },
      { key: 'priceAtP90', ...money('Price at P90 cost', 'P90 成本报价', c) },
      { key: 'requestedDate', header: 'Requested date', headerZh: '要求交期', format: 'date', width: 12 },
      { key: 'promiseDate', header: 'Promise date', headerZh: '承诺交期', format: 'date', width: 12 },
      { key: 'rushPremium', ...money('Rush premium', '加急费用', c) },
      { key: 'unitCost', ...money('Unit cost', '单位成本', c) },
      { key: 'material', ...money('Material', '材料成本', c) },
      { key: 'labour', ...money('Labour', '人工成本', c) },
      { key: 'overhead', ...money('Overhead', '制造费用', c) },
      { key: 'subcontract', ...money('Subcontract', '委外成本', c) },
      { key: 'marginPct', header: 'Margin', headerZh: '毛利率', format: 'percent' },
      { key: 'mean', ...money('Mean cost', '成本均值', c) },
      { key: 'stdev', ...money('Cost standard deviation', '成本标准差', c) },
      { key: 'p10', ...money('Cost P10', '成本 P10', c) },
      { key: 'p50', ...money('Cost P50', '成本 P50', c) },
      { key: 'p90', ...money('Cost P90', '成本 P90', c) },
      { key: 'priceAtMean', ...money('Price at mean cost', '均值成本报价', c) },
      { key: 'promiseNote', header: 'Promise note', headerZh: '交期说明', width: 60 },
    ],
    rows: quotes.map((q) => ({
      quoteId: q.quoteId,
      customer: q.customer ?? null,
      item: q.item,
      quantity: q.quantity,
      ...q.breakdown,
      unitCost: q.unitCost,
      marginPct: (q.quote.MarginPct ?? 0) / 100,
      unitPrice: q.unitPrice,
      mean: q.simulation.mean,
      stdev: q.simulation.stdev,
      p10: q.simulation.p10,
      p50: q.simulation.p50,
      p90: q.simulation.p90,
      priceAtMean: q.priceAtMean,
      priceAtP90: q.priceAtP90,
      requestedDate: q.quote.RequestedDate ?? null,
      promiseDate: q.promise.promiseDate,
      rushPremium: q.promise.rushPremium,
      promiseNote: lang === 'zh' ? q.promise.noteZh : q.promise.note,
    })),
    highlightWhen: { column: 'rushPremium', color: 'amber' },
  };
}

/** Histogram rows first (what the chart plots), then the tornado rows of each quote line. */
export function quoteDistributionSheet(quotes: QuoteResult[], lang: Lang = 'en', currency = 'CNY'): ResultSheet {
  const zh = lang === 'zh';
  const c = currency;
  const hist = quotes.flatMap((q) =>
    q.simulation.histogram.map((b, i) => ({
      quoteId: q.quoteId, quantity: q.quantity, kind: KIND.histogram[lang], label: `${label(q)} · ${fmt(b.from)}–${fmt(b.to)}`,
      bin: i + 1, from: b.from, to: b.to, count: b.count, share: b.count / q.simulation.runs,
    })),
  );
  const tornado = quotes.flatMap((q) =>
    q.simulation.tornado.map((t) => ({
      quoteId: q.quoteId, quantity: q.quantity, kind: KIND.tornado[lang], label: `${label(q)} · ${t.target} ${zh ? (ENUM_ZH[t.factor] ?? t.factor) : t.factor}`,
      factor: zh ? `${t.target} ${ENUM_ZH[t.factor] ?? t.factor}（${ENUM_ZH[t.distribution] ?? t.distribution}）` : `${t.target} ${t.factor} (${t.distribution})`, low: t.low, high: t.high,
      costAtLow: t.costAtLow, costAtHigh: t.costAtHigh, deltaLow: t.deltaLow, deltaHigh: t.deltaHigh,
    })),
  );
  return {
    name: 'QuoteDistribution',
    columns: [
      { key: 'quoteId', header: 'Quote', headerZh: '报价单号', width: 12 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: 'integer' },
      { key: 'kind', header: 'Kind', headerZh: '类型' },
      { key: 'label', header: 'Label', headerZh: '标签', width: 40 },
      { key: 'bin', header: 'Band', headerZh: '区间序号', format: 'integer' },
      { key: 'from', ...money('Cost from', '成本下限', c) },
      { key: 'to', ...money('Cost to', '成本上限', c) },
      { key: 'count', header: 'Draws', headerZh: '次数', format: 'integer' },
      { key: 'share', header: 'Share of draws', headerZh: '占比', format: 'percent' },
      { key: 'factor', header: 'Risk factor', headerZh: '风险因素', width: 32 },
      { key: 'low', header: 'Low multiplier', headerZh: '低值倍数', format: 'number' },
      { key: 'high', header: 'High multiplier', headerZh: '高值倍数', format: 'number' },
      { key: 'costAtLow', ...money('Cost at low', '低值成本', c) },
      { key: 'costAtHigh', ...money('Cost at high', '高值成本', c) },
      { key: 'deltaLow', ...money('Change at low', '低值变动', c) },
      { key: 'deltaHigh', ...money('Change at high', '高值变动', c) },
    ],
    rows: [...hist, ...tornado],
    // One column per histogram bin, quote lines one after another; tornado rows have no Draws.
    chart: { type: 'column', title: 'Unit cost distribution (draws per cost band)', titleZh: '单位成本分布（各成本区间的模拟次数）', category: 'label', series: ['count'] },
  };
}

export function quoteLinesSheet(quotes: QuoteResult[], lang: Lang = 'en', currency = 'CNY'): ResultSheet {
  const c = currency;
  return {
    name: 'QuoteLines',
    columns: [
      { key: 'quoteId', header: 'Quote', headerZh: '报价单号', width: 12 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: 'integer' },
      { key: 'element', header: 'Cost element', headerZh: '成本要素' },
      { key: 'level', header: 'BOM level', headerZh: '层级', format: 'integer' },
      { key: 'path', header: 'Path', headerZh: '路径', width: 48 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'workCenter', header: 'Work center', headerZh: '工作中心' },
      { key: 'opSeq', header: 'Operation', headerZh: '工序号', format: 'integer' },
      { key: 'setupHours', header: 'Setup hours', headerZh: '准备工时', format: 'number' },
      { key: 'runHoursPerUnit', header: 'Run hours per unit', headerZh: '单件工时', format: 'number' },
      { key: 'lot', header: 'Lot', headerZh: '批量' },
      { key: 'qty', header: 'Quantity per unit', headerZh: '单位用量' },
      { key: 'uom', header: 'Unit of measure', headerZh: '单位' },
      { key: 'unitPrice', ...money('Price or rate', '单价或费率', c) },
      { key: 'extended', ...money('Cost per unit', '单位成本', c) },
      { key: 'source', header: 'Source', headerZh: '来源' },
      { key: 'ref', header: 'Cell', headerZh: '单元格' },
      // Only when a costed component has alternates: what each would cost per unit more (+) or less (−).
      ...(quotes.some((q) => q.lines.some((l) => l.alternates))
        ? [{ key: 'alternates', header: `Alternates: cost difference per unit (${c})`, headerZh: `替代料：单位成本差（${c}）`, width: 36 }]
        : []),
    ],
    rows: quotes.flatMap((q) =>
      q.lines.map(({ alternates, ...l }) => ({
        quoteId: q.quoteId,
        quantity: q.quantity,
        ...l,
        element: ELEMENT[l.element]?.[lang] ?? l.element,
        ...(alternates ? { alternates: alternates.map((a) => `${a.item} ${a.difference >= 0 ? '+' : '−'}${Math.abs(a.difference).toFixed(2)}`).join('; ') } : {}),
      })),
    ),
  };
}

export const quoteSheets = (quotes: QuoteResult[], lang: Lang = 'en', currency = 'CNY'): ResultSheet[] => [
  quoteResultsSheet(quotes, lang, currency),
  quoteDistributionSheet(quotes, lang, currency),
  quoteLinesSheet(quotes, lang, currency),
];
