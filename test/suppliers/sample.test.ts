// The sample plant (shared/sample-plant.ts) scores sensibly for 2026-Q3, and every figure traces
// back to its PurchaseOrders lines.
import { describe, expect, it } from 'vitest';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { parsePeriod, scoreSuppliers } from '../../shared/suppliers';
import { readPlant } from '../../shared/validate';

describe('sample plant, 2026-Q3', () => {
  const records = samplePlant();
  const { plant, problems } = readPlant(recordsToRows(records), 'suppliers');
  const card = scoreSuppliers(plant, parsePeriod('2026-Q3')!);
  const by = (id: string) => card.suppliers.find((s) => s.supplierId === id)!;
  const q3 = records.sheets.PurchaseOrders.filter((p) => typeof p.ReceivedDate === 'string' && p.ReceivedDate >= '2026-07-01' && p.ReceivedDate <= '2026-09-30');

  it('validates and scores every supplier from exactly the lines received in the quarter', () => {
    expect(problems).toEqual([]);
    expect(card.suppliers).toHaveLength(records.sheets.Suppliers.length);
    expect(card.suppliers.reduce((a, s) => a + s.lines, 0)).toBe(q3.length);
    for (const s of card.suppliers) {
      const mine = q3.filter((p) => p.Supplier === s.supplierId).map((p) => p.PoId).sort();
      for (const list of [s.detail.onTime, s.detail.quantity, s.detail.quality, s.detail.price.flatMap((i) => i.lines)])
        expect(list.map((l) => l.poId).sort()).toEqual(mine);
      // the on-time rate is its lines' on-time count over its lines, recomputed from the records (tolerance 2)
      const onTime = q3.filter((p) => p.Supplier === s.supplierId && (Date.parse(String(p.ReceivedDate)) - Date.parse(String(p.DueDate))) / 86_400_000 <= 2).length;
      expect(s.onTimeRate).toBeCloseTo(onTime / mine.length, 12);
    }
  });

  it('scores sensibly: bounded, graded, the habits of each supplier show', () => {
    for (const s of card.suppliers) {
      expect(s.lines).toBeGreaterThan(0);
      expect(s.total).toBeGreaterThan(0);
      expect(s.total).toBeLessThanOrEqual(100);
      for (const r of [s.onTimeRate, s.quantityAccuracy, s.qualityRate]) expect(r! >= 0 && r! <= 1).toBe(true);
      for (const x of [s.priceScore, s.serviceScore]) expect(x! >= 0 && x! <= 100).toBe(true);
      expect(s.grade).not.toBeNull();
      expect(s.trend).not.toBeNull(); // every supplier also delivered in 2026-Q2
    }
    // Delta (5% late, 0.5% rejects) leads; Shengda (45% late) has the worst on-time rate;
    // QuickParts (12% rejects) the worst quality — and, not approved, is never "keep"
    expect(card.suppliers[0].supplierId).toBe('S-DELTA');
    expect(Math.min(...card.suppliers.map((s) => s.onTimeRate!))).toBe(by('S-SHENGDA').onTimeRate);
    expect(Math.min(...card.suppliers.map((s) => s.qualityRate!))).toBe(by('S-QUICK').qualityRate);
    expect(['consider', 'none']).toContain(by('S-QUICK').advice);
    // sorted best first
    const totals = card.suppliers.map((s) => s.total!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('allocates each item among approved suppliers only, 100 per item', () => {
    expect(card.allocations.some((a) => a.supplier === 'S-QUICK')).toBe(false);
    const sums = new Map<string, number>();
    for (const a of card.allocations) sums.set(a.item, (sums.get(a.item) ?? 0) + a.sharePct);
    // every item with an approved supplier in SupplierItems gets a split
    const items = new Set(records.sheets.SupplierItems.filter((si) => si.Supplier !== 'S-QUICK').map((si) => String(si.Item)));
    expect([...sums.keys()].sort()).toEqual([...items].sort());
    expect([...sums.values()].every((v) => v === 100)).toBe(true);
    // two approved steel suppliers split steel plate by score: the better-scored one gets more
    const steel = card.allocations.filter((a) => a.item === 'RM-STEEL-PLATE');
    expect(steel.map((a) => a.supplier)).toEqual(['S-BAOSTEEL', 'S-WANXIN']);
    expect(steel[0].sharePct).toBeGreaterThan(steel[1].sharePct);
  });
});
