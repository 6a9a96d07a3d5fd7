// Subcontract lots (委外): per PurchaseOrders line with Order and OpSeq, the units sent (what the
// operation before it reported good), received, accepted, still at the subcontractor, and whether
// the open units are overdue on the review day (Settings PlanStart unless given).
import type { Day } from '../dates';
import type { Plant } from '../domain';
import { orderProgress, subcontractLots, type LotStatus } from './progress';

const key = (s: string) => s.toLowerCase();

export interface LotLine extends LotStatus {
  order: string;
  item: string;
  opSeq: number;
  overdue: boolean;
  /** days past due of the open units on the review day */
  daysOverdue: number;
}

const dayNumber = (d: Day): number => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export function lotFollowUp(plant: Plant, asOf: Day | undefined = plant.settings.PlanStart): LotLine[] {
  const out: LotLine[] = [];
  const withLots = new Set(plant.PurchaseOrders.filter((po) => po.Order !== undefined && po.OpSeq !== undefined).map((po) => key(po.Order!)));
  for (const order of plant.Orders) {
    if (!withLots.has(key(order.OrderId))) continue;
    const prog = orderProgress(plant, order);
    for (const p of prog.ops)
      for (const l of subcontractLots(prog.ops, p)) {
        const late = asOf !== undefined && l.open > 0 ? dayNumber(asOf) - dayNumber(l.po.DueDate) : 0;
        out.push({ ...l, order: order.OrderId, item: p.item.ItemId, opSeq: p.op.OpSeq, overdue: late > 0, daysOverdue: Math.max(0, late) });
      }
  }
  return out;
}
