// What-if: the WhatIf sheet's change rows applied to a copy of the parsed plant. The inputs are
// never touched; the scenario is a new Orders list (other sheets shared). Rows apply in sheet
// order, so "AddOrder R1" then "Priority R1" works, and a Cancel ends what can follow on that
// order. Every unusable row is reported with its cell, all at once.
import { WhatIf, type RowOf } from '../contract';
import type { Order, Plant } from '../domain';
import { cellOf } from '../parse';
import { PLANNED_STATUSES } from '../plan/build-model';
import { problem, type Problem } from '../problems';
import { ENUM_ZH } from '../enum-zh';

export type ChangeRow = RowOf<typeof WhatIf>;
export type ChangeAction = ChangeRow['Action'];

/** One applied change, as planners read it. */
export interface AppliedChange {
  /** 1-based position among the change rows */
  index: number;
  action: ChangeAction;
  orderId: string;
  /** "AddOrder R1: 40 × FG due 2026-01-16, priority 1" */
  label: { en: string; zh: string };
  row: number;
}


const ACTION_EN: Record<ChangeAction, string> = {
  AddOrder: 'an added order',
  Cancel: 'a cancellation',
  Quantity: 'a quantity change',
  DueDate: 'a due-date change',
  Priority: 'a priority change',
  Item: 'an item change',
  Release: 'a release-date change',
};

const isOpen = (o: Order, includeDrafts: boolean) =>
  (PLANNED_STATUSES as readonly string[]).includes(o.Status) || (includeDrafts && o.Status === 'Draft');

/**
 * The plant with `changes` applied (by default the plant's own WhatIf rows). An order's key is
 * its OrderId, case-insensitively, as elsewhere.
 */
export function applyWhatIf(
  plant: Plant,
  opts: { includeDrafts?: boolean; changes?: ChangeRow[] } = {},
): { scenario: Plant; applied: AppliedChange[]; problems: Problem[] } {
  const rows = opts.changes ?? plant.WhatIf;
  const sheet = plant.sheetNames.WhatIf ?? 'WhatIf';
  const problems: Problem[] = [];
  const applied: AppliedChange[] = [];
  const start = plant.settings.PlanStart;
  const items = new Map(plant.Items.map((i) => [i.ItemId.toLowerCase(), i]));
  // A copy of each order, so the input plant stays as read.
  const orders = plant.Orders.map((o) => ({ ...o }));
  const byId = new Map(orders.map((o) => [o.OrderId.toLowerCase(), o]));

  rows.forEach((c, i) => {
    const bad = (col: keyof ChangeRow & string, en: string, zh: string) => problems.push(problem(sheet, cellOf(plant, 'WhatIf', c, col), en, zh));
    const need = <K extends 'Item' | 'Quantity' | 'Date' | 'Priority'>(col: K, what: string, whatZh: string): boolean => {
      if (c[col] !== undefined) return true;
      bad(col, `${col} is empty: ${ACTION_EN[c.Action]} needs ${what}`, `${ENUM_ZH[c.Action]}需要填写${whatZh}`);
      return false;
    };
    const dateOk = (): boolean => {
      if (!need('Date', 'the date', '日期')) return false;
      if (start !== undefined && c.Date! < start) {
        bad('Date', `${c.Date} is before PlanStart ${start}: enter a day on or after it`, `${c.Date} 早于计划开始日期 ${start}：请填写该日或之后的日期`);
        return false;
      }
      return true;
    };
    const itemOk = (): boolean => {
      if (!need('Item', 'an ItemId from Items', '物料编码')) return false;
      const it = items.get(c.Item!.toLowerCase());
      if (!it) bad('Item', `unknown item "${c.Item}": use an ItemId from Items`, `未知物料“${c.Item}”：请填写物料表中的编码`);
      else if (it.Type !== 'Make') bad('Item', `"${c.Item}" is a Buy item: an order is for a Make item`, `“${c.Item}”为外购物料：订单应为自制物料`);
      return it?.Type === 'Make';
    };
    const id = c.OrderId;
    const existing = byId.get(id.toLowerCase());
    const label = (en: string, zh: string) => applied.push({ index: i + 1, action: c.Action, orderId: id, row: c.row, label: { en: `${c.Action} ${id}: ${en}`, zh: `${ENUM_ZH[c.Action]} ${id}：${zh}` } });

    if (c.Action === 'AddOrder') {
      if (existing) {
        bad('OrderId', `order ${id} already exists: AddOrder needs a new order number`, `订单 ${id} 已存在：加单需使用新的订单号`);
        return;
      }
      const ok = [itemOk(), need('Quantity', 'the quantity', '数量'), dateOk()].every(Boolean);
      if (!ok) return;
      const o: Order = {
        OrderId: id,
        Customer: c.Note ?? 'What-if',
        Item: items.get(c.Item!.toLowerCase())!.ItemId,
        QuoteId: undefined,
        PartialOk: false,
        Quantity: c.Quantity!,
        DueDate: c.Date!,
        ReleaseDate: undefined,
        Priority: c.Priority ?? 3,
        Status: 'Approved',
        Notes: c.Note,
        row: c.row,
      };
      orders.push(o);
      byId.set(id.toLowerCase(), o);
      label(`${o.Quantity} × ${o.Item} due ${o.DueDate}, priority ${o.Priority}`, `${o.Item} × ${o.Quantity}，交期 ${o.DueDate}，优先级 ${o.Priority}`);
      return;
    }
    if (!existing) {
      bad('OrderId', `unknown order "${id}": use an OrderId from Orders (or an order added above)`, `未知订单“${id}”：请填写订单表中的订单号（或上方加单的订单号）`);
      return;
    }
    if (!isOpen(existing, Boolean(opts.includeDrafts))) {
      bad('OrderId', `order ${id} is ${existing.Status}, not open: only Approved or InProduction orders are planned and can be changed`, `订单 ${id} 状态为${existing.Status}，不是未完成订单：只能变更已审批或生产中的订单`);
      return;
    }
    switch (c.Action) {
      case 'Cancel':
        existing.Status = 'Cancelled';
        label(`cancelled (${existing.Quantity} × ${existing.Item})`, `取消（${existing.Item} × ${existing.Quantity}）`);
        return;
      case 'Quantity':
        if (!need('Quantity', 'the new quantity', '新数量')) return;
        label(`quantity ${existing.Quantity} → ${c.Quantity}`, `数量 ${existing.Quantity} → ${c.Quantity}`);
        existing.Quantity = c.Quantity!;
        return;
      case 'DueDate':
        if (!dateOk()) return;
        if (existing.ReleaseDate && c.Date! < existing.ReleaseDate) {
          bad('Date', `${c.Date} is before the order's ReleaseDate ${existing.ReleaseDate}`, `${c.Date} 早于该订单的投产日期 ${existing.ReleaseDate}`);
          return;
        }
        label(`due ${existing.DueDate} → ${c.Date}`, `交期 ${existing.DueDate} → ${c.Date}`);
        existing.DueDate = c.Date!;
        return;
      case 'Priority':
        if (!need('Priority', 'the new priority 1–5', '新优先级（1–5）')) return;
        label(`priority ${existing.Priority} → ${c.Priority}`, `优先级 ${existing.Priority} → ${c.Priority}`);
        existing.Priority = c.Priority!;
        return;
      case 'Item':
        if (!itemOk()) return;
        label(`item ${existing.Item} → ${c.Item}`, `物料 ${existing.Item} → ${c.Item}`);
        existing.Item = items.get(c.Item!.toLowerCase())!.ItemId;
        return;
      case 'Release':
        if (!dateOk()) return;
        if (c.Date! > existing.DueDate) {
          bad('Date', `${c.Date} is after the order's DueDate ${existing.DueDate}`, `${c.Date} 晚于该订单的交期 ${existing.DueDate}`);
          return;
        }
        label(`release ${existing.ReleaseDate ?? start ?? '—'} → ${c.Date}`, `投产日期 ${existing.ReleaseDate ?? start ?? '—'} → ${c.Date}`);
        existing.ReleaseDate = c.Date!;
        return;
    }
  });
  return { scenario: { ...plant, Orders: orders, WhatIf: [] }, applied, problems };
}
