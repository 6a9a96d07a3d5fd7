// What `validate` says about stock of Make items: the plan nets orders and component needs
// against it (stock.ts) before anything is made, so a planner should know before planning which
// orders will ship from stock and which sub-assemblies come off the shelf. Notes, not errors.
import type { Plant } from '../domain';
import { plantNetwork } from '../network/network';
import { cellOf } from '../parse';
import { problem, type Problem } from '../problems';
import { key } from './capacity';
import { PLANNED_STATUSES } from './build-model';
import { explodeOrder, type PartNode } from './network';
import { netMakeStock } from './stock';

export function makeStockNotes(plant: Plant): Problem[] {
  const stocked = plant.Items.filter((i) => i.Type === 'Make' && i.OnHand > i.SafetyStock);
  const start = plant.settings.PlanStart;
  if (stocked.length === 0 || start === undefined) return [];
  const net = plantNetwork(plant);
  const planned = new Set<string>(PLANNED_STATUSES);
  const orders = plant.Orders.filter((o) => planned.has(o.Status)).flatMap((order) => {
    const root: PartNode | undefined = explodeOrder(order, order.ReleaseDate ?? start, net);
    return root ? [{ order, root, fromStock: 0, componentsFromStock: [] as { item: string; quantity: number }[] }] : [];
  });
  netMakeStock(plant, orders);
  const sheet = plant.sheetNames.Items ?? 'Items';
  const fmt = (q: number) => String(Math.round(q * 1e4) / 1e4);
  return stocked.map((item) => {
    const usable = item.OnHand - item.SafetyStock;
    const uses: { en: string; zh: string }[] = [];
    for (const o of orders) {
      const id = o.order.OrderId;
      if (key(o.root.item.ItemId) === key(item.ItemId) && o.fromStock > 0) {
        const all = o.fromStock >= o.order.Quantity - 1e-9;
        uses.push(all ? { en: `${id} ships ${fmt(o.fromStock)} from stock`, zh: `${id} 的 ${fmt(o.fromStock)} 件由库存发货` } : { en: `${id} takes ${fmt(o.fromStock)} of its ${fmt(o.order.Quantity)}`, zh: `${id} 取用 ${fmt(o.fromStock)} 件（共 ${fmt(o.order.Quantity)} 件）` });
      }
      for (const c of o.componentsFromStock) if (key(c.item) === key(item.ItemId)) uses.push({ en: `${id} takes ${fmt(c.quantity)} as a component`, zh: `${id} 取用 ${fmt(c.quantity)} 件作为部件` });
    }
    const cell = cellOf(plant, 'Items', item, 'OnHand');
    const head = {
      en: `note: ${fmt(usable)} ${item.Uom} of Make item ${item.ItemId} in stock above safety stock are used before anything is made (first come by priority, then due date)`,
      zh: `提示：自制件 ${item.ItemId} 有 ${fmt(usable)} ${item.Uom} 超出安全库存的库存，排产时先用库存（按优先级、交期先到先得）`,
    };
    return uses.length
      ? problem(sheet, cell, `${head.en}: ${uses.map((u) => u.en).join('; ')}`, `${head.zh}：${uses.map((u) => u.zh).join('；')}`)
      : problem(sheet, cell, `${head.en}: no planned order needs it`, `${head.zh}：没有计划订单需要它`);
  });
}
