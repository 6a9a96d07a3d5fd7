// The costs job: cost per sales order (standard, quoted, actual, to complete, variances, margin),
// subcontract lots and wages, as JSON and as the OrderCosts, OrderCostTrace, SubcontractLots and
// Wages sheets. Warnings (material issued outside an order's BOM) travel with the result.
import { actualsWarnings } from '../../shared/actuals/check';
import { orderCosts, totalOf, type OrderCost } from '../../shared/actuals/order-costs';
import { lotsSheet, orderCostsSheet, orderCostTraceSheet, wagesSheet } from '../../shared/actuals/sheets';
import { lotFollowUp } from '../../shared/actuals/subcontract';
import { wages } from '../../shared/actuals/wages';
import { formatProblem, InputError } from '../../shared/problems';
import type { JobRunner } from './types';

const r2 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
const money = (b: OrderCost['actual']) => ({ material: r2(b.material), labour: r2(b.labour), overhead: r2(b.overhead), subcontract: r2(b.subcontract), total: r2(totalOf(b)) });

export const runCosts: JobRunner = async (plant, opts) => {
  const { costs, problems } = orderCosts(plant);
  if (problems.length) throw new InputError(problems);
  const lots = lotFollowUp(plant);
  const wageLines = wages(plant);
  const warnings = actualsWarnings(plant);
  opts.onProgress?.(opts.lang === 'zh' ? `已核算 ${costs.length} 张订单的成本` : `costed ${costs.length} orders`);
  const json = {
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
  const sheets = [orderCostsSheet(costs, opts.lang), orderCostTraceSheet(costs, opts.lang)];
  if (lots.length) sheets.push(lotsSheet(lots));
  if (wageLines.length) sheets.push(wagesSheet(wageLines));
  return { json, sheets };
};
