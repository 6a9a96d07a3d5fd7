// Quote results as ResultSheets: QuoteResults (one row per quote line), QuoteDistribution
// (histogram and tornado per quote line) and QuoteLines (the audit trail: every BOM line and
// operation behind each unit cost).
import type { ResultSheet } from '../results';
import type { CostedQuote, QuoteResult } from './quote';

const label = (q: CostedQuote) => `${q.quoteId} ×${q.quantity}`;
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function quoteResultsSheet(quotes: QuoteResult[]): ResultSheet {
  return {
    name: 'QuoteResults',
    columns: [
      { key: 'quoteId', header: 'QuoteId', headerZh: '报价单号' },
      { key: 'customer', header: 'Customer', headerZh: '客户', width: 24 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: 'integer' },
      { key: 'material', header: 'Material', headerZh: '材料成本', format: 'money' },
      { key: 'labour', header: 'Labour', headerZh: '人工成本', format: 'money' },
      { key: 'overhead', header: 'Overhead', headerZh: '制造费用', format: 'money' },
      { key: 'subcontract', header: 'Subcontract', headerZh: '委外成本', format: 'money' },
      { key: 'unitCost', header: 'UnitCost', headerZh: '单位成本', format: 'money' },
      { key: 'marginPct', header: 'MarginPct', headerZh: '毛利率', format: 'percent' },
      { key: 'unitPrice', header: 'UnitPrice', headerZh: '单价', format: 'money' },
      { key: 'mean', header: 'CostMean', headerZh: '成本均值', format: 'money' },
      { key: 'stdev', header: 'CostStDev', headerZh: '成本标准差', format: 'money' },
      { key: 'p10', header: 'CostP10', headerZh: '成本 P10', format: 'money' },
      { key: 'p50', header: 'CostP50', headerZh: '成本 P50', format: 'money' },
      { key: 'p90', header: 'CostP90', headerZh: '成本 P90', format: 'money' },
      { key: 'priceAtMean', header: 'PriceAtMeanCost', headerZh: '均值成本报价', format: 'money' },
      { key: 'priceAtP90', header: 'PriceAtP90Cost', headerZh: 'P90 成本报价', format: 'money' },
      { key: 'requestedDate', header: 'RequestedDate', headerZh: '要求交期', format: 'date' },
      { key: 'promiseDate', header: 'PromiseDate', headerZh: '承诺交期', format: 'date' },
      { key: 'rushPremium', header: 'RushPremium', headerZh: '加急费用', format: 'money' },
      { key: 'promiseNote', header: 'PromiseNote', headerZh: '交期说明', width: 60 },
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
      promiseNote: q.promise.note,
    })),
    highlightWhen: { column: 'rushPremium', color: 'amber' },
  };
}

/** Histogram rows first (what the chart plots), then the tornado rows of each quote line. */
export function quoteDistributionSheet(quotes: QuoteResult[]): ResultSheet {
  const hist = quotes.flatMap((q) =>
    q.simulation.histogram.map((b, i) => ({
      quoteId: q.quoteId, quantity: q.quantity, kind: 'histogram', label: `${label(q)} · ${fmt(b.from)}–${fmt(b.to)}`,
      bin: i + 1, from: b.from, to: b.to, count: b.count, share: b.count / q.simulation.runs,
    })),
  );
  const tornado = quotes.flatMap((q) =>
    q.simulation.tornado.map((t) => ({
      quoteId: q.quoteId, quantity: q.quantity, kind: 'tornado', label: `${label(q)} · ${t.target} ${t.factor}`,
      factor: `${t.target} ${t.factor} (${t.distribution})`, low: t.low, high: t.high,
      costAtLow: t.costAtLow, costAtHigh: t.costAtHigh, deltaLow: t.deltaLow, deltaHigh: t.deltaHigh,
    })),
  );
  return {
    name: 'QuoteDistribution',
    columns: [
      { key: 'quoteId', header: 'QuoteId', headerZh: '报价单号' },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: 'integer' },
      { key: 'kind', header: 'Kind', headerZh: '类型' },
      { key: 'label', header: 'Label', headerZh: '标签', width: 40 },
      { key: 'bin', header: 'Bin', headerZh: '区间序号', format: 'integer' },
      { key: 'from', header: 'CostFrom', headerZh: '成本下限', format: 'money' },
      { key: 'to', header: 'CostTo', headerZh: '成本上限', format: 'money' },
      { key: 'count', header: 'Draws', headerZh: '次数', format: 'integer' },
      { key: 'share', header: 'Share', headerZh: '占比', format: 'percent' },
      { key: 'factor', header: 'Factor', headerZh: '风险因素', width: 32 },
      { key: 'low', header: 'LowMultiplier', headerZh: '低值倍数', format: 'number' },
      { key: 'high', header: 'HighMultiplier', headerZh: '高值倍数', format: 'number' },
      { key: 'costAtLow', header: 'CostAtLow', headerZh: '低值成本', format: 'money' },
      { key: 'costAtHigh', header: 'CostAtHigh', headerZh: '高值成本', format: 'money' },
      { key: 'deltaLow', header: 'DeltaAtLow', headerZh: '低值变动', format: 'money' },
      { key: 'deltaHigh', header: 'DeltaAtHigh', headerZh: '高值变动', format: 'money' },
    ],
    rows: [...hist, ...tornado],
    // One column per histogram bin, quote lines one after another; tornado rows have no Draws.
    chart: { type: 'column', title: 'Unit cost distribution (draws per cost band)', titleZh: '单位成本分布（各成本区间的模拟次数）', category: 'label', series: ['count'] },
  };
}

export function quoteLinesSheet(quotes: QuoteResult[]): ResultSheet {
  return {
    name: 'QuoteLines',
    columns: [
      { key: 'quoteId', header: 'QuoteId', headerZh: '报价单号' },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: 'integer' },
      { key: 'element', header: 'Element', headerZh: '成本要素' },
      { key: 'level', header: 'Level', headerZh: '层级', format: 'integer' },
      { key: 'path', header: 'Path', headerZh: '路径', width: 48 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'workCenter', header: 'WorkCenter', headerZh: '工作中心' },
      { key: 'opSeq', header: 'OpSeq', headerZh: '工序号', format: 'integer' },
      { key: 'setupHours', header: 'SetupHours', headerZh: '准备工时', format: 'number' },
      { key: 'runHoursPerUnit', header: 'RunHoursPerUnit', headerZh: '单件工时', format: 'number' },
      { key: 'lot', header: 'Lot', headerZh: '批量', format: 'number' },
      { key: 'qty', header: 'QtyPerUnit', headerZh: '单位用量', format: 'number' },
      { key: 'uom', header: 'Uom', headerZh: '单位' },
      { key: 'unitPrice', header: 'UnitPriceOrRate', headerZh: '单价或费率', format: 'money' },
      { key: 'extended', header: 'CostPerUnit', headerZh: '单位成本', format: 'money' },
      { key: 'source', header: 'Source', headerZh: '来源' },
      { key: 'ref', header: 'Cell', headerZh: '单元格' },
    ],
    rows: quotes.flatMap((q) => q.lines.map((l) => ({ quoteId: q.quoteId, quantity: q.quantity, ...l }))),
  };
}

export const quoteSheets = (quotes: QuoteResult[]): ResultSheet[] => [quoteResultsSheet(quotes), quoteDistributionSheet(quotes), quoteLinesSheet(quotes)];
