// The costs and price-review jobs' answers (--json and the API body), built from the shared
// figures so their types are declared once (shared/answers.ts).
import type { Problem } from '../problems';
import { formatProblem, type Lang } from '../problems';
import type { Plant } from '../domain';
import { totalOf, type OrderCost } from './order-costs';
import type { PriceReview } from './price-review';
import type { lotFollowUp } from './subcontract';
import type { wages } from './wages';

const r2 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
const money = (b: OrderCost['actual']) => ({ material: r2(b.material), labour: r2(b.labour), overhead: r2(b.overhead), subcontract: r2(b.subcontract), total: r2(totalOf(b)) });

export function costsAnswer(plant: Plant, costs: OrderCost[], lots: ReturnType<typeof lotFollowUp>, wageLines: ReturnType<typeof wages>, warnings: Problem[], lang: Lang) {
  const opts = { lang };
  return {
    currency: plant.settings.Currency,
    orders: costs.map((k) => ({
      orderId: k.order.OrderId,
      status: k.order.Status,
      quantity: k.order.Quantity,
      finished: k.finished,
      standard: money(k.standard),
      quoted: k.quoted ? { quoteId: k.quoted.quoteId, breakQuantity: k.quoted.breakQty, unitCost: r2(k.quoted.unitCost), unitPrice: r2(k.quoted.unitPrice), cost: r2(k.quoted.cost), revenue: r2(k.quoted.revenue) } : null,
      actual: money(k.actual),
      toComplete: money(k.toComplete),
      projected: money(k.projected),
      variances: Object.fromEntries(Object.entries(k.variances).map(([v, x]) => [v, r2(x)])),
      quotedMargin: r2(k.quotedMargin),
      projectedMargin: r2(k.projectedMargin),
    })),
    lots: lots.map((l) => ({ poId: l.po.PoId, supplier: l.po.Supplier, order: l.order, item: l.item, opSeq: l.opSeq, sent: l.sent, received: l.received, accepted: l.accepted, open: l.open, dueDate: l.po.DueDate, overdue: l.overdue })),
    wages: wageLines.map((w) => ({ ...w, hourlyWage: r2(w.hourlyWage), pieceWage: r2(w.pieceWage), total: r2(w.total) })),
    warnings: warnings.map((w) => formatProblem(w, opts.lang)),
  };
}
export type CostsAnswer = ReturnType<typeof costsAnswer>;

export const priceReviewAnswer = (r: PriceReview) => ({
  period: r.period.key,
  tolerancePct: r.tolerancePct,
  /** the plan quantities were held against ("run 12", "this book's plan"), or null */
  plan: r.plan ?? null,
  flagged: r.lines.filter((l) => l.flags.length).length,
  lines: r.lines.map((l) => ({
    poId: l.po.PoId, supplier: l.po.Supplier, item: l.po.Item, order: l.po.Order ?? null, date: l.date, quantity: l.po.Quantity, unitPrice: l.po.UnitPrice,
    approvedPrice: l.approvedPrice ?? null, tierQty: l.tierQty ?? null, deviationPct: l.deviationPct === undefined ? null : Math.round(l.deviationPct * 10000) / 100,
    deviation: r2(l.deviation), suggestedQty: l.suggestedQty ?? null, vsSuggestion: l.vsSuggestion ?? null, flags: l.flags,
  })),
});

export type PriceReviewAnswer = ReturnType<typeof priceReviewAnswer>;
