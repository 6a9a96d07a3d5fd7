// The standalone scorecard export a purchasing manager can send on: a summary sorted by score,
// one detail sheet per criterion listing the PurchaseOrders lines behind each figure, the
// allocations, and a sheet saying how it was computed. All user text is written as strings
// (exceljs shared strings), never as formulas.
import type ExcelJS from 'exceljs';
import { newWorkbook } from './workbook';
import { dayToDate } from '../../shared/dates';
import type { Lang } from '../../shared/problems';
import { columnFormat } from '../../shared/results';
import { HEADER_FONT } from '../../shared/result-layout';
import { ADVICE_ZH } from '../../shared/suppliers/report';
import type { Grade, Scorecard, SupplierScore } from '../../shared/suppliers/score';

type Value = string | number | Date | null | undefined;

interface Col {
  key: string;
  en: string;
  zh: string;
  fmt?: string;
  width?: number;
}

const FMT = { pct: '0.0%', score: '0.00', int: '#,##0', qty: '#,##0.##', money: '#,##0.00', date: 'yyyy-mm-dd', trend: '+0.00;[Red]-0.00;0.00', text: '@' };
const GRADE_FILL: Record<Grade, string> = { A: 'FF63BE7B', B: 'FFC6EFCE', C: 'FFFFEB9C', D: 'FFFFC7CE' };
const yn = (b: boolean, lang: Lang): string => (lang === 'zh' ? (b ? '是' : '否') : b ? 'Y' : 'N');
const day = (d: string | undefined): Date | null => (d ? dayToDate(d) : null);

/** A sheet holding one table: bold shaded header, frozen, with an auto-filter and column formats. */
function tableSheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: Record<string, Value>[], lang: Lang): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    header: lang === 'zh' ? c.zh : c.en,
    key: c.key,
    width: c.width ?? Math.max(10, (lang === 'zh' ? c.zh.length * 2 : c.en.length) + 3),
    style: c.fmt ? { numFmt: c.fmt } : {},
  }));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? null));
  const header = ws.getRow(1);
  header.font = { name: HEADER_FONT[lang], size: 11, bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(2, rows.length + 1), column: cols.length } };
  // Printed like the result sheets (shared/result-layout.ts): landscape, one page wide, header on every page.
  Object.assign(ws.pageSetup, { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  return ws;
}

/**
 * Red–yellow–green colour scale over a column's data cells, anchored at the grade thresholds
 * (red at GradeC and below, yellow at GradeB, green at GradeA and above) rather than at the
 * column's own min and max, so a 97 among 99s is not painted red. `scale` is 0.01 for rates.
 */
function colourScale(ws: ExcelJS.Worksheet, column: number, rows: number, priority: number, g: Scorecard['settings']['grades'], scale = 1): void {
  if (rows === 0) return;
  const L = ws.getColumn(column).letter;
  const n = (x: number) => ({ type: 'num' as const, value: x * scale });
  ws.addConditionalFormatting({
    ref: `${L}2:${L}${rows + 1}`,
    rules: [{ type: 'colorScale', priority, cfvo: [n(g.C), n(g.B), n(g.A)], color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }] }],
  });
}

const SUPPLIER_COLS: Col[] = [
  { key: 'supplierId', en: 'SupplierId', zh: '供应商编码', fmt: FMT.text, width: 14 },
  { key: 'name', en: 'Name', zh: '名称', fmt: FMT.text, width: 26 },
];
const LINE_COLS: Col[] = [
  ...SUPPLIER_COLS,
  { key: 'poId', en: 'PoId', zh: '采购单号', fmt: FMT.text, width: 12 },
  { key: 'source', en: 'Source cell', zh: '来源单元格', fmt: FMT.text, width: 20 },
  { key: 'item', en: 'Item', zh: '物料', fmt: FMT.text, width: 18 },
];

function summary(wb: ExcelJS.Workbook, card: Scorecard, lang: Lang): void {
  const cols: Col[] = [
    { key: 'rank', en: 'Rank', zh: '排名', fmt: FMT.int, width: 7 },
    ...SUPPLIER_COLS,
    { key: 'approved', en: 'Approved (AVL)', zh: '合格供应商', width: 10 },
    { key: 'lines', en: 'Lines received', zh: '到货行数', fmt: FMT.int },
    { key: 'onTimeRate', en: 'On-time rate', zh: '准时交货率', fmt: FMT.pct },
    { key: 'quantityAccuracy', en: 'Quantity accuracy', zh: '数量准确率', fmt: FMT.pct },
    { key: 'qualityRate', en: 'Quality rate', zh: '来料合格率', fmt: FMT.pct },
    { key: 'priceScore', en: 'Price score', zh: '价格得分', fmt: FMT.score },
    { key: 'serviceScore', en: 'Service score', zh: '服务得分', fmt: FMT.score },
    { key: 'total', en: 'Total score', zh: '总分', fmt: FMT.score },
    { key: 'grade', en: 'Grade', zh: '等级', width: 8 },
    { key: 'advice', en: 'AVL advice', zh: '名录建议', width: 14 },
    { key: 'trend', en: `Trend vs ${card.previous.key}`, zh: `较 ${card.previous.key} 变化`, fmt: FMT.trend, width: 14 },
    { key: 'previousTotal', en: `Total ${card.previous.key}`, zh: `${card.previous.key} 总分`, fmt: FMT.score, width: 14 },
  ];
  const rows = card.suppliers.map((s, i) => ({
    rank: s.total === null ? null : i + 1,
    supplierId: s.supplierId,
    name: s.name,
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
  }));
  const ws = tableSheet(wb, lang === 'zh' ? '评分汇总' : 'Scorecard', cols, rows, lang);
  const at = (key: string) => cols.findIndex((c) => c.key === key) + 1;
  ['onTimeRate', 'quantityAccuracy', 'qualityRate', 'priceScore', 'serviceScore', 'total'].forEach((k, i) =>
    colourScale(ws, at(k), rows.length, i + 1, card.settings.grades, k.endsWith('Score') || k === 'total' ? 1 : 0.01),
  );
  card.suppliers.forEach((s, i) => {
    if (!s.grade) return;
    const cell = ws.getCell(i + 2, at('grade'));
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GRADE_FILL[s.grade] } };
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center' };
  });
}

const bySupplier = <T>(card: Scorecard, pick: (s: SupplierScore) => T[]): [SupplierScore, T][] =>
  card.suppliers.flatMap((s) => pick(s).map((x) => [s, x] as [SupplierScore, T]));

function details(wb: ExcelJS.Workbook, card: Scorecard, lang: Lang): void {
  const zh = lang === 'zh';
  const who = (s: SupplierScore) => ({ supplierId: s.supplierId, name: s.name });

  tableSheet(wb, zh ? '准时交货' : 'On-time', [
    ...LINE_COLS,
    { key: 'dueDate', en: 'DueDate', zh: '交期', fmt: FMT.date, width: 12 },
    { key: 'receivedDate', en: 'ReceivedDate', zh: '到货日期', fmt: FMT.date, width: 13 },
    { key: 'daysLate', en: 'Days late', zh: '延迟天数', fmt: '0' },
    { key: 'tolerance', en: 'Tolerance days', zh: '容差天数', fmt: '0' },
    { key: 'onTime', en: 'On time', zh: '准时', width: 9 },
  ], bySupplier(card, (s) => s.detail.onTime).map(([s, l]) => ({
    ...who(s), poId: l.poId, source: l.cell, item: l.item, dueDate: day(l.dueDate), receivedDate: day(l.receivedDate), daysLate: l.daysLate, tolerance: card.settings.toleranceDays, onTime: yn(l.onTime, lang),
  })), lang);

  tableSheet(wb, zh ? '数量准确率' : 'Quantity', [
    ...LINE_COLS,
    { key: 'ordered', en: 'Ordered', zh: '订购数量', fmt: FMT.qty },
    { key: 'received', en: 'Received', zh: '到货数量', fmt: FMT.qty },
    { key: 'assumed', en: 'ReceivedQty blank (= ordered)', zh: '到货数量为空（按订购数量）', width: 16 },
    { key: 'accuracy', en: 'Accuracy min/max', zh: '准确率 小/大', fmt: FMT.pct },
  ], bySupplier(card, (s) => s.detail.quantity).map(([s, l]) => ({
    ...who(s), poId: l.poId, source: l.cell, item: l.item, ordered: l.ordered, received: l.received, assumed: l.receivedAssumed ? yn(true, lang) : null, accuracy: l.accuracy,
  })), lang);

  tableSheet(wb, zh ? '来料合格率' : 'Quality', [
    ...LINE_COLS,
    { key: 'received', en: 'Received', zh: '到货数量', fmt: FMT.qty },
    { key: 'accepted', en: 'Accepted', zh: '合格数量', fmt: FMT.qty },
    { key: 'rejected', en: 'Rejected', zh: '不合格数量', fmt: FMT.qty },
    { key: 'assumed', en: 'AcceptedQty blank (= all accepted)', zh: '合格数量为空（视为全部合格）', width: 16 },
  ], bySupplier(card, (s) => s.detail.quality).map(([s, l]) => ({
    ...who(s), poId: l.poId, source: l.cell, item: l.item, received: l.received, accepted: l.accepted, rejected: l.received - l.accepted, assumed: l.acceptedAssumed ? yn(true, lang) : null,
  })), lang);

  tableSheet(wb, zh ? '价格' : 'Price', [
    ...LINE_COLS,
    { key: 'received', en: 'Received', zh: '到货数量', fmt: FMT.qty },
    { key: 'unitPrice', en: 'UnitPrice', zh: '单价', fmt: columnFormat('money', card.currency) },
    { key: 'spend', en: 'Spend', zh: '金额', fmt: columnFormat('money', card.currency), width: 14 },
    { key: 'paidPrice', en: 'Item price paid (spend/qty)', zh: '物料实付均价', fmt: columnFormat('money', card.currency), width: 14 },
    { key: 'benchmark', en: 'Cheapest approved price', zh: '最低合格价', fmt: columnFormat('money', card.currency), width: 14 },
    { key: 'benchmarkSupplier', en: 'Cheapest approved supplier', zh: '最低价供应商', fmt: FMT.text, width: 14 },
    { key: 'benchmarkSource', en: 'Benchmark from', zh: '基准来源', width: 14 },
    { key: 'itemScore', en: 'Item price score', zh: '物料价格得分', fmt: FMT.score, width: 12 },
    { key: 'weight', en: 'Item spend weight', zh: '物料金额权重', fmt: FMT.pct, width: 12 },
  ], bySupplier(card, (s) => {
    const scoredSpend = s.detail.price.filter((i) => i.score !== undefined).reduce((a, i) => a + i.spend, 0);
    return s.detail.price.flatMap((it) => it.lines.map((l) => ({ it, l, weight: it.score === undefined || scoredSpend <= 0 ? null : it.spend / scoredSpend })));
  }).map(([s, { it, l, weight }]) => ({
    ...who(s), poId: l.poId, source: l.cell, item: l.item, received: l.received, unitPrice: l.unitPrice, spend: l.spend, paidPrice: it.paidPrice,
    benchmark: it.benchmarkPrice, benchmarkSupplier: it.benchmarkSupplier, benchmarkSource: it.benchmarkSource, itemScore: it.score, weight,
  })), lang);

  tableSheet(wb, zh ? '服务' : 'Service', [
    ...SUPPLIER_COLS,
    { key: 'source', en: 'Source cell', zh: '来源单元格', fmt: FMT.text, width: 20 },
    { key: 'period', en: 'Period', zh: '期间', fmt: FMT.text },
    { key: 'service', en: 'Service (1–5)', zh: '服务（1–5）', fmt: '0.##' },
    { key: 'cooperation', en: 'Cooperation (1–5)', zh: '配合度（1–5）', fmt: '0.##' },
    { key: 'serviceScore', en: 'Service 0–100', zh: '服务 0–100', fmt: FMT.score },
    { key: 'cooperationScore', en: 'Cooperation 0–100', zh: '配合度 0–100', fmt: FMT.score },
  ], bySupplier(card, (s) => s.detail.ratings).map(([s, r]) => ({
    ...who(s), source: r.cell, period: r.period, service: r.service, cooperation: r.cooperation,
    serviceScore: r.service === undefined ? null : ((r.service - 1) / 4) * 100, cooperationScore: r.cooperation === undefined ? null : ((r.cooperation - 1) / 4) * 100,
  })), lang);

  tableSheet(wb, zh ? '配额' : 'Allocations', [
    { key: 'item', en: 'Item', zh: '物料', fmt: FMT.text, width: 18 },
    { key: 'supplier', en: 'SupplierId', zh: '供应商编码', fmt: FMT.text, width: 14 },
    { key: 'name', en: 'Name', zh: '名称', fmt: FMT.text, width: 26 },
    { key: 'total', en: 'Total score', zh: '总分', fmt: FMT.score },
    { key: 'sharePct', en: 'Suggested share %', zh: '建议比例 %', fmt: '0' },
    { key: 'currentSharePct', en: 'Current SharePct', zh: '当前比例 %', fmt: '0.##' },
  ], card.allocations.map((a) => ({ ...a })), lang);
}

function about(wb: ExcelJS.Workbook, card: Scorecard, lang: Lang): void {
  const zh = lang === 'zh';
  const s = card.settings;
  const rows: [string, Value][] = [
    [zh ? '期间' : 'Period', card.period.key],
    [zh ? '起始日期' : 'From', day(card.period.from)],
    [zh ? '截止日期' : 'To', day(card.period.to)],
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
  const ws = wb.addWorksheet(zh ? '说明' : 'About');
  ws.columns = [{ width: 28 }, { width: 90 }];
  for (const [k, v] of rows) ws.addRow([k, v ?? null]);
  ws.getColumn(1).font = { bold: true };
  ws.getCell('B2').numFmt = FMT.date;
  ws.getCell('B3').numFmt = FMT.date;
}

export function scorecardExport(card: Scorecard, lang: Lang = 'en'): ExcelJS.Workbook {
  const wb = newWorkbook();
  wb.creator = 'MTO Planner';
  summary(wb, card, lang);
  details(wb, card, lang);
  about(wb, card, lang);
  return wb;
}
