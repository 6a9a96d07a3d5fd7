// The standalone scorecard export a purchasing manager can send on, as result sheets (data, laid
// out by shared/result-layout.ts and written like every other result sheet): a summary sorted by
// score with colour scales anchored at the grade thresholds, each grade in its colour and a chart
// of the totals; one detail sheet per criterion listing the PurchaseOrders lines behind each
// figure; the allocations; and a sheet saying how it was computed.
import type { Lang } from '../problems';
import type { ResultColumn, ResultSheet } from '../results';
import { HIGHLIGHT_FILL, SCALE } from '../result-layout';
import { ADVICE_ZH } from './report';
import type { Grade, Scorecard, SupplierScore } from './score';

/** Grade A green, B light green, C yellow, D red (the colours of the scales and highlights). */
export const GRADE_FILL: Record<Grade, string> = { A: SCALE.good, B: HIGHLIGHT_FILL.green, C: HIGHLIGHT_FILL.amber, D: HIGHLIGHT_FILL.red };

type Row = ResultSheet['rows'][number];
const col = (key: string, header: string, headerZh: string, format: ResultColumn['format'], width?: number): ResultColumn => ({ key, header, headerZh, format, ...(width ? { width } : {}) });
const yn = (b: boolean, lang: Lang): string => (lang === 'zh' ? (b ? '是' : '否') : b ? 'Y' : 'N');

const SUPPLIER_COLS: ResultColumn[] = [col('supplierId', 'Supplier', '供应商编码', 'text', 14), col('name', 'Name', '名称', 'text', 26)];
const LINE_COLS: ResultColumn[] = [...SUPPLIER_COLS, col('poId', 'PO', '采购单号', 'text', 12), col('source', 'Source cell', '来源单元格', 'text', 20), col('item', 'Item', '物料', 'text', 18)];

const bySupplier = <T>(card: Scorecard, pick: (s: SupplierScore) => T[]): [SupplierScore, T][] => card.suppliers.flatMap((s) => pick(s).map((x) => [s, x] as [SupplierScore, T]));
const who = (s: SupplierScore): Row => ({ supplierId: s.supplierId, name: s.name });

function summary(card: Scorecard, lang: Lang): ResultSheet {
  const g = card.settings.grades;
  const prev = card.previous.key;
  // Rates are fractions (0–1), scores 0–100: the thresholds are scaled to each.
  const anchored = (column: string, scale: number) => ({ column, highIsGood: true, at: [g.C * scale, g.B * scale, g.A * scale] as [number, number, number] });
  return {
    name: lang === 'zh' ? '评分汇总' : 'Scorecard',
    columns: [
      col('rank', 'Rank', '排名', 'integer', 7),
      ...SUPPLIER_COLS,
      col('approved', 'Approved (AVL)', '合格供应商', 'text', 10),
      col('lines', 'Lines received', '到货行数', 'integer'),
      col('onTimeRate', 'On-time rate', '准时交货率', 'percent'),
      col('quantityAccuracy', 'Quantity accuracy', '数量准确率', 'percent'),
      col('qualityRate', 'Quality rate', '来料合格率', 'percent'),
      col('priceScore', 'Price score', '价格得分', 'number'),
      col('serviceScore', 'Service score', '服务得分', 'number'),
      col('total', 'Total score', '总分', 'number'),
      col('grade', 'Grade', '等级', 'text', 8),
      col('advice', 'AVL advice', '名录建议', 'text', 14),
      col('trend', `Trend vs ${prev}`, `较 ${prev} 变化`, 'change', 14),
      col('previousTotal', `Total ${prev}`, `${prev} 总分`, 'number', 14),
    ],
    rows: card.suppliers.map((s, i) => ({
      rank: s.total === null ? null : i + 1,
      ...who(s),
      approved: yn(s.approved, lang),
      lines: s.lines,
      onTimeRate: s.onTimeRate,
      quantityAccuracy: s.quantityAccuracy,
      qualityRate: s.qualityRate,
      priceScore: s.priceScore,
      serviceScore: s.serviceScore,
      total: s.total,
      grade: s.grade,
      advice: lang === 'zh' ? ADVICE_ZH[s.advice] : s.advice,
      trend: s.trend,
      previousTotal: s.previousTotal,
    })),
    colorScales: [anchored('onTimeRate', 0.01), anchored('quantityAccuracy', 0.01), anchored('qualityRate', 0.01), anchored('priceScore', 1), anchored('serviceScore', 1), anchored('total', 1)],
    valueFills: (Object.keys(GRADE_FILL) as Grade[]).map((grade) => ({ column: 'grade', value: grade, fill: GRADE_FILL[grade] })),
    chart: { type: 'bar', title: `Supplier scores ${card.period.key}`, titleZh: `供应商评分 ${card.period.key}`, category: 'name', series: ['total'] },
  };
}

function details(card: Scorecard, lang: Lang): ResultSheet[] {
  const zh = lang === 'zh';
  const money = (key: string, header: string, headerZh: string, width?: number) => col(key, header, headerZh, 'money', width);
  const scoredWeights = (s: SupplierScore) => {
    const scoredSpend = s.detail.price.filter((i) => i.score !== undefined).reduce((a, i) => a + i.spend, 0);
    return s.detail.price.flatMap((it) => it.lines.map((l) => ({ it, l, weight: it.score === undefined || scoredSpend <= 0 ? null : it.spend / scoredSpend })));
  };
  return [
    {
      name: zh ? '准时交货' : 'On-time',
      columns: [...LINE_COLS, col('dueDate', 'Due date', '交期', 'date', 12), col('receivedDate', 'Received on', '到货日期', 'date', 13), col('daysLate', 'Days late', '延迟天数', 'integer'), col('tolerance', 'Tolerance days', '容差天数', 'integer'), col('onTime', 'On time', '准时', 'text', 9)],
      rows: bySupplier(card, (s) => s.detail.onTime).map(([s, l]) => ({ ...who(s), poId: l.poId, source: l.cell, item: l.item, dueDate: l.dueDate ?? null, receivedDate: l.receivedDate ?? null, daysLate: l.daysLate, tolerance: card.settings.toleranceDays, onTime: yn(l.onTime, lang) })),
    },
    {
      name: zh ? '数量准确率' : 'Quantity',
      columns: [...LINE_COLS, col('ordered', 'Ordered', '订购数量', 'number'), col('received', 'Received', '到货数量', 'number'), col('assumed', 'ReceivedQty blank (= ordered)', '到货数量为空（按订购数量）', 'text', 16), col('accuracy', 'Accuracy min/max', '准确率 小/大', 'percent')],
      rows: bySupplier(card, (s) => s.detail.quantity).map(([s, l]) => ({ ...who(s), poId: l.poId, source: l.cell, item: l.item, ordered: l.ordered, received: l.received, assumed: l.receivedAssumed ? yn(true, lang) : null, accuracy: l.accuracy })),
    },
    {
      name: zh ? '来料合格率' : 'Quality',
      columns: [...LINE_COLS, col('received', 'Received', '到货数量', 'number'), col('accepted', 'Accepted', '合格数量', 'number'), col('rejected', 'Rejected', '不合格数量', 'number'), col('assumed', 'AcceptedQty blank (= all accepted)', '合格数量为空（视为全部合格）', 'text', 16)],
      rows: bySupplier(card, (s) => s.detail.quality).map(([s, l]) => ({ ...who(s), poId: l.poId, source: l.cell, item: l.item, received: l.received, accepted: l.accepted, rejected: l.received - l.accepted, assumed: l.acceptedAssumed ? yn(true, lang) : null })),
    },
    {
      name: zh ? '价格' : 'Price',
      columns: [
        ...LINE_COLS,
        col('received', 'Received', '到货数量', 'number'),
        money('unitPrice', 'Unit price', '单价'),
        money('spend', 'Spend', '金额', 14),
        money('paidPrice', 'Item price paid (spend/qty)', '物料实付均价', 14),
        money('benchmark', 'Cheapest approved price', '最低合格价', 14),
        col('benchmarkSupplier', 'Cheapest approved supplier', '最低价供应商', 'text', 14),
        col('benchmarkSource', 'Benchmark from', '基准来源', 'text', 14),
        col('itemScore', 'Item price score', '物料价格得分', 'number', 12),
        col('weight', 'Item spend weight', '物料金额权重', 'percent', 12),
      ],
      rows: bySupplier(card, scoredWeights).map(([s, { it, l, weight }]) => ({
        ...who(s), poId: l.poId, source: l.cell, item: l.item, received: l.received, unitPrice: l.unitPrice, spend: l.spend, paidPrice: it.paidPrice,
        benchmark: it.benchmarkPrice, benchmarkSupplier: it.benchmarkSupplier, benchmarkSource: it.benchmarkSource, itemScore: it.score, weight,
      })),
      currency: card.currency,
    },
    {
      name: zh ? '服务' : 'Service',
      columns: [...SUPPLIER_COLS, col('source', 'Source cell', '来源单元格', 'text', 20), col('period', 'Period', '期间', 'text'), col('service', 'Service (1–5)', '服务（1–5）', 'number'), col('cooperation', 'Cooperation (1–5)', '配合度（1–5）', 'number'), col('serviceScore', 'Service 0–100', '服务 0–100', 'number'), col('cooperationScore', 'Cooperation 0–100', '配合度 0–100', 'number')],
      rows: bySupplier(card, (s) => s.detail.ratings).map(([s, r]) => ({
        ...who(s), source: r.cell, period: r.period, service: r.service, cooperation: r.cooperation,
        serviceScore: r.service === undefined ? null : ((r.service - 1) / 4) * 100, cooperationScore: r.cooperation === undefined ? null : ((r.cooperation - 1) / 4) * 100,
      })),
    },
    {
      name: zh ? '配额' : 'Allocations',
      columns: [col('item', 'Item', '物料', 'text', 18), col('supplier', 'Supplier', '供应商编码', 'text', 14), col('name', 'Name', '名称', 'text', 26), col('total', 'Total score', '总分', 'number'), col('sharePct', 'Suggested share %', '建议比例 %', 'integer'), col('currentSharePct', 'Current share %', '当前比例 %', 'number')],
      rows: card.allocations.map((a) => ({ item: a.item, supplier: a.supplier, name: a.name, total: a.total, sharePct: a.sharePct, currentSharePct: a.currentSharePct })),
    },
  ];
}

function about(card: Scorecard, lang: Lang): ResultSheet {
  const zh = lang === 'zh';
  const s = card.settings;
  const rows: [string, string | number][] = [
    [zh ? '期间' : 'Period', card.period.key],
    [zh ? '起始日期' : 'From', card.period.from],
    [zh ? '截止日期' : 'To', card.period.to],
    [zh ? '上一期间（趋势）' : 'Previous period (trend)', card.previous.key],
    ['OnTimeToleranceDays', s.toleranceDays],
    ['WeightOnTime', s.weights.onTime],
    ['WeightQuality', s.weights.quality],
    ['WeightPrice', s.weights.price],
    ['WeightService', s.weights.service],
    ['GradeA', s.grades.A],
    ['GradeB', s.grades.B],
    ['GradeC', s.grades.C],
    [zh ? '准时交货率' : 'On-time rate', zh ? '到货日期 ≤ 交期 + 容差天数 的行数 / 本期到货行数' : 'lines with ReceivedDate ≤ DueDate + OnTimeToleranceDays / lines received in the period'],
    [zh ? '数量准确率' : 'Quantity accuracy', zh ? '各行 min(到货, 订购) / max(到货, 订购) 的平均值（不计入总分）' : 'mean over lines of min(received, ordered) / max(received, ordered) (shown, not weighted)'],
    [zh ? '来料合格率' : 'Quality rate', zh ? 'Σ合格数量 / Σ到货数量（合格数量为空视为全部合格）' : 'Σ AcceptedQty / Σ ReceivedQty (blank AcceptedQty = all accepted)'],
    [zh ? '价格得分' : 'Price score', zh ? '各物料 100 × min(1, 最低合格价 / 实付均价)，按金额加权平均' : 'per item 100 × min(1, cheapest approved price / price paid), averaged weighted by spend'],
    [zh ? '服务得分' : 'Service score', zh ? '本期服务与配合度评分 (r − 1) / 4 × 100 的平均值' : 'mean of (r − 1) / 4 × 100 over the period’s Service and Cooperation ratings'],
    [zh ? '总分' : 'Total', zh ? '有数据的各项按权重加权平均（权重在有数据的项之间重新归一）' : 'weighted mean of the criteria that have data (weights renormalised over them)'],
    [zh ? '等级' : 'Grade', zh ? '总分 ≥ GradeA 为 A，≥ GradeB 为 B，≥ GradeC 为 C，否则 D' : 'A if total ≥ GradeA, B if ≥ GradeB, C if ≥ GradeC, else D'],
    [zh ? '建议配额' : 'Suggested share', zh ? '同一物料的合格供应商按总分比例分配，最大余数法取整，合计 100' : 'approved suppliers of an item in proportion to total, whole percents by largest remainder, summing to 100'],
  ];
  return {
    name: zh ? '说明' : 'About',
    // Values of every kind in one column: General (numbers stay numbers, the period's days read as written).
    columns: [col('what', 'Item', '项目', 'text', 28), { key: 'value', header: 'Value', headerZh: '内容', width: 90 }],
    rows: rows.map(([what, value]) => ({ what, value })),
  };
}

/** The export's sheets: summary, details per criterion, allocations, about. */
export function scorecardExportSheets(card: Scorecard, lang: Lang): ResultSheet[] {
  return [summary(card, lang), ...details(card, lang), about(card, lang)];
}
