// Checks of the actuals sheets (WorkReports, MaterialIssues, Workers) and of the order links in
// Orders (QuoteId) and PurchaseOrders (Order, OpSeq). Problems stop a job; warnings are reported
// with its result (material issued outside the BOM is often a substitute, so it is only a warning).
import type { Plant } from '../domain';
import { cellOf } from '../parse';
import { problem, type Problem } from '../problems';
import { explodeBom, plantNetwork } from '../network';
import { matchReport, orderBomDate, orderOperations } from './progress';

const key = (s: string) => s.toLowerCase();
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

export function actualsProblems(p: Plant): Problem[] {
  const out: Problem[] = [];
  const at = (sheet: string, rec: { row: number }, col: string, en: string, zh: string) =>
    out.push(problem(p.sheetNames[sheet] ?? sheet, cellOf(p, sheet, rec, col), en, zh));
  const hasOrders = p.cells.Orders !== undefined;
  const orders = new Map(p.Orders.map((o) => [key(o.OrderId), o]));
  const opsOf = new Map<string, ReturnType<typeof orderOperations>>();
  const ops = (id: string) => {
    const o = orders.get(key(id))!;
    if (!opsOf.has(key(id))) opsOf.set(key(id), orderOperations(p, o));
    return opsOf.get(key(id))!;
  };
  const unknownOrder = (sheet: string, rec: { row: number }, id: string) => {
    at(sheet, rec, 'Order', `unknown order "${id}": use an OrderId of the Orders sheet`, `未知订单“${id}”：请填写订单表中的订单号`);
  };

  for (const o of p.Orders) {
    if (o.QuoteId === undefined || p.cells.Quotes === undefined) continue;
    const q = p.Quotes.filter((x) => key(x.QuoteId) === key(o.QuoteId!));
    if (q.length === 0) at('Orders', o, 'QuoteId', `unknown quote "${o.QuoteId}": use a QuoteId of the Quotes sheet or leave it blank`, `未知报价单“${o.QuoteId}”：请填写报价表中的报价单号或留空`);
    else if (key(q[0].Item) !== key(o.Item)) at('Orders', o, 'QuoteId', `quote "${o.QuoteId}" is for item ${q[0].Item}, this order is for ${o.Item}: correct the QuoteId`, `报价单“${o.QuoteId}”的物料为 ${q[0].Item}，本订单为 ${o.Item}：请更正报价单号`);
  }

  const workers = new Set(p.Workers.map((w) => key(w.Worker)));
  const goodSoFar = new Map<string, number>();
  for (const r of p.WorkReports) {
    if (r.Order === undefined) continue;
    if (!hasOrders || !orders.has(key(r.Order))) {
      if (hasOrders) unknownOrder('WorkReports', r, r.Order);
      continue;
    }
    if (p.cells.Workers !== undefined && r.Worker !== undefined && !workers.has(key(r.Worker)))
      at('WorkReports', r, 'Worker', `unknown worker "${r.Worker}": add them to Workers or correct the code`, `未知工人“${r.Worker}”：请在工人表中添加或更正工号`);
    if (r.WorkCenter !== undefined && !p.WorkCenters.some((w) => key(w.WorkCenterId) === key(r.WorkCenter!)))
      at('WorkReports', r, 'WorkCenter', `unknown work center "${r.WorkCenter}": add it to WorkCenters or correct the code`, `未知工作中心“${r.WorkCenter}”：请在工作中心表中添加或更正编码`);
    const op = matchReport(ops(r.Order), r);
    if (!op) {
      if (r.Item !== undefined && !ops(r.Order).some((o) => key(o.item.ItemId) === key(r.Item!))) {
        at('WorkReports', r, 'Item', `${r.Item} is not made for order ${r.Order} (${orders.get(key(r.Order))!.Item}): correct the Item or leave it blank`, `${r.Item} 不属于订单 ${r.Order}（${orders.get(key(r.Order))!.Item}）的自制件：请更正物料或留空`);
        continue;
      }
      const seqs = [...new Set(ops(r.Order).map((o) => o.op.OpSeq))].join(', ') || '—';
      at('WorkReports', r, 'OpSeq', `order ${r.Order} has no operation ${r.OpSeq} (its operations: ${seqs}): correct the OpSeq`, `订单 ${r.Order} 没有工序 ${r.OpSeq}（其工序：${seqs}）：请更正工序号`);
      continue;
    }
    const k = `${key(r.Order)}|${key(op.item.ItemId)}|${op.op.OpSeq}`;
    const before = goodSoFar.get(k) ?? 0;
    const total = before + r.GoodQty;
    goodSoFar.set(k, total);
    if (before <= op.need + 1e-9 && total > op.need + 1e-9)
      at('WorkReports', r, 'GoodQty', `${fmt(total)} good units reported for order ${r.Order} operation ${r.OpSeq} (${op.item.ItemId}), more than the ${fmt(op.need)} it needs: correct this report or an earlier one`, `订单 ${r.Order} 工序 ${r.OpSeq}（${op.item.ItemId}）累计汇报合格 ${fmt(total)} 件，超过所需 ${fmt(op.need)} 件：请更正本行或之前的汇报`);
  }

  const items = new Set(p.Items.map((i) => key(i.ItemId)));
  for (const m of p.MaterialIssues) {
    if (hasOrders && m.Order !== undefined && !orders.has(key(m.Order))) unknownOrder('MaterialIssues', m, m.Order);
    if (m.Item !== undefined && p.cells.Items !== undefined && !items.has(key(m.Item)))
      at('MaterialIssues', m, 'Item', `unknown item "${m.Item}": add it to Items or correct the code`, `未知物料“${m.Item}”：请在物料表中添加或更正编码`);
  }

  for (const po of p.PurchaseOrders) {
    if (po.Order === undefined) {
      if (po.OpSeq !== undefined) at('PurchaseOrders', po, 'Order', `OpSeq ${po.OpSeq} is filled but Order is blank: a subcontract lot needs the OrderId it is for`, `已填工序号 ${po.OpSeq} 但销售订单为空：委外批次需要填写所属订单号`);
      continue;
    }
    if (!hasOrders) continue;
    if (!orders.has(key(po.Order))) {
      unknownOrder('PurchaseOrders', po, po.Order);
      continue;
    }
    if (po.OpSeq !== undefined && !ops(po.Order).some((o) => o.op.OpSeq === po.OpSeq && key(o.item.ItemId) === key(po.Item)))
      at('PurchaseOrders', po, 'OpSeq', `order ${po.Order} has no operation ${po.OpSeq} on item ${po.Item}: correct the OpSeq or the Item (the item sent out for processing)`, `订单 ${po.Order} 的物料 ${po.Item} 没有工序 ${po.OpSeq}：请更正工序号或物料（委外加工的物料）`);
  }
  return out;
}

/** Material issued to an order that its BOM does not contain (a substitute, or a slip). */
export function actualsWarnings(p: Plant): Problem[] {
  const out: Problem[] = [];
  const orders = new Map(p.Orders.map((o) => [key(o.OrderId), o]));
  const inBom = new Map<string, Set<string>>();
  for (const m of p.MaterialIssues) {
    const o = orders.get(key(m.Order));
    const root = o && p.Items.find((i) => key(i.ItemId) === key(o.Item));
    if (!o || !root) continue;
    if (!inBom.has(key(o.OrderId))) inBom.set(key(o.OrderId), new Set(explodeBom(plantNetwork(p), root, orderBomDate(p, o)).slice(1).map((n) => key(n.item.ItemId))));
    if (!inBom.get(key(o.OrderId))!.has(key(m.Item)))
      out.push(problem(p.sheetNames.MaterialIssues ?? 'MaterialIssues', cellOf(p, 'MaterialIssues', m, 'Item'), `warning: ${m.Item} is not in the BOM of order ${m.Order} (${o.Item}); costed as issued, with no standard to compare — check the item if it is not a substitute`, `提示：${m.Item} 不在订单 ${m.Order}（${o.Item}）的物料清单中；按实际领用计入成本，无标准可比——如非替代料请核对物料`));
  }
  return out;
}
