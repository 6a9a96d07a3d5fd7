// Why an order is late must name what really held it back.
import { describe, expect, it } from 'vitest';
import { order, orderOf, plan, records, wc } from './fixture';

describe('lateBecause', () => {
  it('blames the full work center, not the material the late order saves for itself', async () => {
    // WC1: 8 h × 5 days = 40 h a week. A (priority 5) and B (priority 1): 20 units each at 1 h +
    // 4 h setup spread per unit = 24 h each, 48 h > 40 h: B first, A finishes partly in week 1.
    // RM: on hand 50, safety stock 10 → exactly the 40 both orders need; lead time 14 days.
    // Material is not what holds A back: its own 20 units are there. WC1 full in week 0 is.
    const { result } = await plan(
      records({
        Items: [
          { ItemId: 'P', Type: 'Make' },
          { ItemId: 'RM', Type: 'Buy', OnHand: 50, SafetyStock: 10, LeadTimeDays: 14 },
        ],
        BOM: [{ Parent: 'P', Component: 'RM', QtyPer: 1 }],
        WorkCenters: [wc('WC1', 8)],
        Routing: [{ Item: 'P', OpSeq: 10, WorkCenter: 'WC1', SetupHours: 4, RunHoursPerUnit: 1 }],
        Orders: [order('A', 'P', 20, '2026-01-09', 5), order('B', 'P', 20, '2026-01-09', 1)],
      }),
    );
    const a = orderOf(result, 'A');
    expect(a.daysLate).toBe(7);
    expect(orderOf(result, 'B').daysLate).toBe(0);
    expect(a.lateBecause!.en).toContain('work center WC1 full');
    expect(a.lateBecause!.en).not.toContain('material RM');
  });
});
