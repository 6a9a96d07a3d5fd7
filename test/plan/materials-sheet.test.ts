// The Materials sheet lists each item's bucket rows with the purchase suggestions arriving in that
// bucket right under it, in the order the plan made them (two suppliers of one lot stay in order),
// and none under another item's row or another bucket's.
import { describe, expect, it } from 'vitest';
import { planSheets } from '../../shared/plan/sheets';
import type { MaterialRow, PlanResult, PurchaseSuggestion } from '../../shared/plan/extract';

const row = (item: string, bucketStart: string): MaterialRow => ({ item, bucketStart, requirement: 1, receipts: 0, suggestedPurchase: 0, projectedOnHand: 0, safetyStock: 0 });
const buy = (item: string, supplier: string, quantity: number, needBy: string): PurchaseSuggestion => ({ item, supplier, quantity, orderBy: '2026-01-01', needBy });

describe('Materials sheet', () => {
  it('puts each purchase suggestion under its own item and bucket, in the plan’s order', () => {
    const r: PlanResult = {
      orders: [],
      load: [],
      exceptions: [],
      materials: [row('RM-A', '2026-01-05'), row('RM-A', '2026-01-12'), row('RM-B', '2026-01-05'), row('RM-B', '2026-01-12')],
      // made out of row order: B before A, and A's lot of 01-12 split over S2 then S1
      purchaseSuggestions: [buy('RM-B', 'S1', 7, '2026-01-05'), buy('RM-A', 'S2', 4, '2026-01-12'), buy('RM-A', 'S1', 6, '2026-01-12'), buy('RM-B', '', 3, '2026-01-12')],
    };
    const rows = planSheets(r, 'en').find((s) => s.name === 'Materials')!.rows;
    const shown = rows.map((x) => (x.purchaseQty === undefined ? `${x.item} ${x.bucketStart}` : `  ${x.item} ${x.bucketStart} ${x.supplier} ${x.purchaseQty}`));
    expect(shown).toEqual([
      'RM-A 2026-01-05',
      'RM-A 2026-01-12',
      '  RM-A 2026-01-12 S2 4',
      '  RM-A 2026-01-12 S1 6',
      'RM-B 2026-01-05',
      '  RM-B 2026-01-05 S1 7',
      'RM-B 2026-01-12',
      '  RM-B 2026-01-12 (no approved supplier) 3',
    ]);
  });
});
