// The scorecard as the API/CLI JSON and as the SupplierScorecard result sheet for the user's workbook.
import type { Lang } from '../problems';
import type { ResultSheet } from '../results';
import { round, type Advice, type Scorecard } from './score';

export const ADVICE_ZH: Record<Advice, string> = {
  keep: '保留',
  watch: '观察',
  remove: '淘汰',
  consider: '考虑引入',
  none: '无',
  'no deliveries': '本期无到货',
};

const rate = (x: number | null): number | null => (x === null ? null : round(x, 4));
const score = (x: number | null): number | null => (x === null ? null : round(x, 2));

/** One supplier's figures as reported: rates as fractions 0–1, scores 0–100 (JSON and sheet alike). */
const supplierFigures = (s: Scorecard['suppliers'][number]) => ({
  supplierId: s.supplierId,
  name: s.name,
  approved: s.approved,
  lines: s.lines,
  onTimeRate: rate(s.onTimeRate),
  quantityAccuracy: rate(s.quantityAccuracy),
  qualityRate: rate(s.qualityRate),
  priceScore: score(s.priceScore),
  serviceScore: score(s.serviceScore),
  total: s.total,
  grade: s.grade,
  advice: s.advice,
  trend: s.trend,
});

/** `--json` / API body: rates as fractions 0–1 (4 decimals), scores 0–100 (2 decimals). */
export function scorecardJson(card: Scorecard) {
  return {
    period: card.period.key,
    from: card.period.from,
    to: card.period.to,
    previousPeriod: card.previous.key,
    suppliers: card.suppliers.map(supplierFigures),
    allocations: card.allocations.map((a) => ({ item: a.item, supplier: a.supplier, sharePct: a.sharePct })),
  };
}

export type ScorecardJson = ReturnType<typeof scorecardJson>;

/** The SupplierScorecard sheet written into the user's workbook (exceljs or Office.js). */
export function scorecardSheet(card: Scorecard, lang: Lang = 'en'): ResultSheet {
  const zh = lang === 'zh';
  return {
    name: 'SupplierScorecard',
    columns: [
      { key: 'period', header: 'Period', headerZh: '期间', format: 'text' },
      { key: 'supplierId', header: 'Supplier', headerZh: '供应商编码', format: 'text', width: 14 },
      { key: 'name', header: 'Name', headerZh: '名称', format: 'text', width: 28 },
      { key: 'approved', header: 'Approved', headerZh: '合格供应商', format: 'text' },
      { key: 'lines', header: 'Lines received', headerZh: '到货行数', format: 'integer' },
      { key: 'onTimeRate', header: 'On-time rate', headerZh: '准时交货率', format: 'percent' },
      { key: 'quantityAccuracy', header: 'Quantity accuracy', headerZh: '数量准确率', format: 'percent' },
      { key: 'qualityRate', header: 'Quality rate', headerZh: '来料合格率', format: 'percent' },
      { key: 'priceScore', header: 'Price score', headerZh: '价格得分', format: 'number' },
      { key: 'serviceScore', header: 'Service score', headerZh: '服务得分', format: 'number' },
      { key: 'total', header: 'Total score', headerZh: '总分', format: 'number' },
      { key: 'grade', header: 'Grade', headerZh: '等级', format: 'text' },
      { key: 'advice', header: 'Advice', headerZh: '建议', format: 'text', width: 14 },
      { key: 'trend', header: `Change vs ${card.previous.key}`, headerZh: `较 ${card.previous.key} 变化`, format: 'number' },
    ],
    rows: card.suppliers.map((s) => ({
      period: card.period.key,
      ...supplierFigures(s),
      approved: s.approved ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
      advice: zh ? ADVICE_ZH[s.advice] : s.advice,
    })),
    colorScales: ['onTimeRate', 'quantityAccuracy', 'qualityRate', 'priceScore', 'serviceScore', 'total'].map((column) => ({ column, highIsGood: true })),
    chart: { type: 'bar', title: `Supplier scores ${card.period.key}`, titleZh: `供应商评分 ${card.period.key}`, category: 'name', series: ['total'] },
  };
}
