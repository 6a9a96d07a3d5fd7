// The sample plant (shared/sample-plant.ts) quotes sensibly: figures checked by hand against its data.
import { describe, expect, it } from 'vitest';
import { runQuote, type QuoteJson } from '../../service/jobs/quote';
import { costQuotes } from '../../shared/quote/quote';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';

const sample = () => {
  const { plant, problems } = readPlant(recordsToRows(samplePlant()), 'quote');
  expect(problems).toEqual([]);
  return plant;
};

describe('the sample plant', () => {
  const { quotes, problems } = costQuotes(sample());
  const pump = quotes.filter((q) => q.quoteId === 'Q-2026-101');

  it('costs every quote line, with ordered percentiles and a price above cost', () => {
    expect(problems).toEqual([]);
    expect(quotes).toHaveLength(6);
    for (const q of quotes) {
      expect(q.breakdown.material).toBeGreaterThan(0);
      expect(q.breakdown.labour).toBeGreaterThan(0);
      expect(q.unitPrice).toBeGreaterThan(q.unitCost);
      const s = q.simulation;
      expect(s.runs).toBe(5000); // Settings SimulationRuns
      expect(s.p10).toBeLessThan(s.p50);
      expect(s.p50).toBeLessThan(s.p90);
      expect(q.priceAtP90).toBeGreaterThan(q.priceAtMean);
    }
  });

  it('quantity breaks: the pump gets cheaper per unit at 10, 50, 200', () => {
    expect(pump.map((q) => q.quantity)).toEqual([10, 50, 200]);
    expect(pump[0].unitCost).toBeGreaterThan(pump[1].unitCost);
    expect(pump[1].unitCost).toBeGreaterThan(pump[2].unitCost);
    // FG-PUMP-100 op 10 at ASSY: setup 1 h + 1.5 h/unit; at 10 pumps (1 + 15)/10 = 1.6 h × 48 = 76.80;
    // at 200 pumps (1 + 300)/200 = 1.505 h × 48 = 72.24.
    const assy = (i: number) => pump[i].lines.find((l) => l.item === 'FG-PUMP-100' && l.workCenter === 'ASSY' && l.element === 'labour')!;
    expect(assy(0).extended).toBeCloseTo(76.8, 10);
    expect(assy(2).extended).toBeCloseTo(72.24, 10);
  });

  it('picks supplier prices by lot: seal kits and steel plate', () => {
    const line = (i: number, item: string) => pump[i].lines.find((l) => l.item === item)!;
    // Seal kit, 1 × 1.02 per pump. 10 pumps: lot 10.2 — Delta needs 50, Huayang 20, QuickParts (7.9
    // cheaper) is not approved → StdCost 65. 50 pumps: lot 51 → Delta 63 (Huayang 66).
    expect([line(0, 'BP-SEAL-KIT').source, line(0, 'BP-SEAL-KIT').unitPrice]).toEqual(['StdCost', 65]);
    expect([line(1, 'BP-SEAL-KIT').source, line(1, 'BP-SEAL-KIT').unitPrice]).toEqual(['S-DELTA', 63]);
    // Steel plate: impeller 6 × 1.08 = 6.48 + housing 18 × 1.05 = 18.9 → 25.38 per pump.
    // 10 pumps: lot 253.8 → Wanxin 8.8 (Baosteel 8.2 needs 1000). 50 pumps: lot 1269 → Baosteel 8.2.
    expect(line(0, 'RM-STEEL-PLATE').lot).toBeCloseTo(253.8, 10);
    expect([line(0, 'RM-STEEL-PLATE').source, line(1, 'RM-STEEL-PLATE').source]).toEqual(['S-WANXIN', 'S-BAOSTEEL']);
  });

  it('applies the mixer quote’s material markup before its margin', () => {
    const mixer = quotes.find((q) => q.quoteId === 'Q-2026-103')!;
    const b = mixer.breakdown;
    // MaterialMarkupPct 5, MarginPct 22: (material × 1.05 + labour + overhead + subcontract) / 0.78
    expect(mixer.unitPrice).toBeCloseTo((b.material * 1.05 + b.labour + b.overhead + b.subcontract) / 0.78, 9);
  });

  it('promises dates on the loaded sample plant', async () => {
    const plant = sample();
    plant.Quotes = plant.Quotes.filter((q) => (q.QuoteId === 'Q-2026-101' && q.Quantity === 10) || q.QuoteId === 'Q-2026-103');
    const [small, mixer] = (await runQuote(plant, { lang: 'en' })).json.quotes as QuoteJson[];
    // The firm orders' routings take more than a week on the floor (the plan's flow lags), so
    // their work fills the weeks into February and spare capacity comes late: both quotes are
    // promised later than requested, and meeting the request costs overtime (rushable), said
    // with the requested date. 10 pumps requested for 2027-01-22; 3 mixers for 2026-12-18 —
    // each mixer needs a 7.5 kW motor (35 days' lead time): the rush takes the 4 usable ones,
    // which the firm orders waiting for motors would get only after their own late finish.
    for (const q of [small, mixer]) {
      expect(q.promiseDate).not.toBeNull();
      expect(q.promiseDate! > q.requestedDate!).toBe(true);
      expect(q.promise.status).toBe('rushable');
      expect(q.rushPremium).toBeGreaterThan(0);
      expect(q.promise.note).toContain(`meeting ${q.requestedDate}`);
    }
  });
});
