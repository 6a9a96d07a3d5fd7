// Order-dedicated material (专用料不混用): a PurchaseOrders line with Order filled is bought for
// that order and no other may use it, whatever its priority (weeks as in fixture.ts).
//
//   FG (Make)  ASSY 10: 1 h/unit on ASSY (8 h/day → 40 h a week)
//    └─ RM ×1 (Buy, 3 on hand for everyone; lead time 60 days: no purchase in the horizon)
//   P-A: 10 RM for order LOW, due 01-05 (bucket 0), open.
//
// HIGH: 10 FG due 01-09, priority 1 (weight 16). LOW: 6 FG due 01-16, priority 5 (weight 1).
//   Were P-A common stock (13 RM in all), HIGH would take 3 + 7 and LOW would be short 3 (the cheaper
//   plan by far: a priority-1 unit short costs 16 times a priority-5 one). Dedicated to LOW:
//   HIGH makes the 3 it has RM for and is short 7; LOW makes its 6 from P-A on time and
//   4 RM of P-A are left over for LOW, never given to HIGH.
import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../shared/plan/build-model';
import { order, orderOf, plan, plantOf, records, wc } from './fixture';

type Rec = Record<string, unknown>;

const sheets = (pos: Rec[], extra: { onHand?: number; orders?: Rec[] } = {}) => ({
  Items: [
    { ItemId: 'FG', Type: 'Make' },
    { ItemId: 'RM', Type: 'Buy', OnHand: extra.onHand ?? 3, LeadTimeDays: 60 },
  ],
  BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 1 }],
  Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
  WorkCenters: [wc('ASSY', 8)],
  Suppliers: [{ SupplierId: 'S1', Name: 'Steel Co' }],
  PurchaseOrders: pos,
  Orders: [order('HIGH', 'FG', 10, '2026-01-09', 1), order('LOW', 'FG', 6, '2026-01-16', 5), ...(extra.orders ?? [])],
});
const po = (PoId: string, Quantity: number, Order: string | undefined, extra: Rec = {}): Rec => ({ PoId, Supplier: 'S1', Item: 'RM', Quantity, UnitPrice: 5, DueDate: '2026-01-05', ...(Order ? { Order } : {}), ...extra });
const req = (r: { materials: { item: string; requirement: number }[] }, item: string) => r.materials.filter((m) => m.item === item).map((m) => m.requirement);

describe('order-dedicated material', () => {
  it('as common stock, the higher-priority order takes the PO (the contrast)', async () => {
    const { result } = await plan(records(sheets([po('P-A', 10, undefined)])));
    expect(orderOf(result, 'HIGH')).toMatchObject({ shortQty: 0, daysLate: 0 });
    expect(orderOf(result, 'LOW')).toMatchObject({ shortQty: 3 });
  });

  it('a PO line for LOW is LOW’s alone: HIGH may not take it, and the surplus is LOW’s leftover', async () => {
    const { result, sheets: out, schedule, json } = await plan(records(sheets([po('P-A', 10, 'LOW')])));
    // The day-by-day schedule draws LOW's own material for LOW: every lot has its material.
    expect(schedule!.rows().filter((r) => r.orderId === 'LOW').every((r) => r.materialOk)).toBe(true);
    expect(json.orders.find((o) => o.orderId === 'LOW')).toMatchObject({ daysLate: 0, leftover: 'RM × 4 (P-A)' });
    expect(orderOf(result, 'HIGH')).toMatchObject({ shortQty: 7 });
    expect(orderOf(result, 'LOW')).toMatchObject({ shortQty: 0, daysLate: 0 });
    // 3 common RM to HIGH in bucket 0, 6 of P-A to LOW (in bucket 0 or 1).
    expect(req(result, 'RM')[0]).toBe(3); // common stock's requirement: HIGH's 3 only
    expect(orderOf(result, 'LOW').leftover?.en).toBe('RM × 4 (P-A)');
    expect(orderOf(result, 'HIGH').leftover).toBeUndefined();
    // Held for LOW at the end of the horizon: the 4 left; common projected stock 0.
    const last = result.materials.filter((m) => m.item === 'RM').at(-1)!;
    expect(last).toMatchObject({ dedicated: 4, projectedOnHand: 0 });
    const ex = result.exceptions.find((e) => e.type === 'leftover');
    expect(ex).toMatchObject({ subject: 'LOW', severity: 'info' });
    expect(ex!.message.en).toContain('RM × 4 (P-A)');
    expect(out.find((s) => s.name === 'Plan')!.rows.find((r) => r.orderId === 'LOW')!.leftover).toBe('RM × 4 (P-A)');
  });

  it('counts a line received for the order (in OnHand, less what was issued) as the order’s too', async () => {
    // OnHand 5 = 3 common + 2 received on P-B for LOW. LOW's own: 2 + 10 = 12, uses 6, 6 left.
    const pos = [po('P-A', 10, 'LOW'), po('P-B', 2, 'LOW', { ReceivedDate: '2026-01-02', ReceivedQty: 2, AcceptedQty: 2 })];
    const { result, sheets: out } = await plan(records(sheets(pos, { onHand: 5 })));
    expect(orderOf(result, 'HIGH')).toMatchObject({ shortQty: 7 });
    expect(orderOf(result, 'LOW').leftover?.en).toBe('RM × 6 (P-A, P-B)');
    // The Materials sheet (whole pieces, after the schedule) shows common stock as the plan does:
    // 5 on hand − 2 held for LOW = 3 common, HIGH uses 3 in the first week → 0, not 2.
    const rm = out.find((s) => s.name === 'Materials')!.rows.filter((r) => r.item === 'RM');
    expect(rm[0]).toMatchObject({ requirement: 3, projectedOnHand: 0, dedicated: 12 });
    expect(rm.at(-1)).toMatchObject({ projectedOnHand: 0, dedicated: 6 });
  });

  it('keeps material for an order that is not open out of everyone’s reach, as an exception', async () => {
    // OLD is Completed: its 5 RM on P-C stay its own; HIGH still makes only 3.
    const orders = [order('OLD', 'FG', 5, '2025-12-19', 3, { Status: 'Completed' })];
    const { result } = await plan(records(sheets([po('P-C', 5, 'OLD')], { orders })));
    expect(orderOf(result, 'HIGH')).toMatchObject({ shortQty: 7 });
    const ex = result.exceptions.find((e) => e.type === 'dedicatedIdle');
    expect(ex).toMatchObject({ subject: 'RM', severity: 'warning' });
    expect(ex!.message.en).toBe('P-C: RM × 5 bought for order OLD, which is not open in this plan: no other order may use it; clear Order on the PO line to make it common stock');
  });

  it('gives the LP pool rows only the owning order can draw on', () => {
    const pm = buildPlanModel(plantOf(records(sheets([po('P-A', 10, 'LOW')]))));
    const names = pm.lp.colNames;
    expect(names.some((n) => n.startsWith('ded_RM_LOW_'))).toBe(true);
    expect(names.some((n) => n.startsWith('ded_RM_HIGH_'))).toBe(false);
  });
});
