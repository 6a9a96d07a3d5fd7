// The quote costs a component's primary and shows what its alternate would cost instead
// (twoLevel plant of fixture.ts: FG needs BP × 1 with 10 % scrap, BP StdCost 10).
//   BP-B: AlternateOf BP, QtyPer 1, ScrapPct 0, StdCost 12 → 1 × 12 = 12.00 per FG against
//   BP's 1.1 × 10 = 11.00: +1.00 per unit. Material stays 39.80 (the primary's).
import { describe, expect, it } from 'vitest';
import { costQuotes } from '../../shared/quote/quote';
import { runQuote } from '../../service/jobs/quote';
import { BASE, plantOf, twoLevel } from './fixture';

describe('quote roll-up with an alternate component', () => {
  it('costs the primary and shows the alternate’s cost difference', async () => {
    const sheets = {
      Items: [...BASE.Items, { ItemId: 'BP-B', Type: 'Buy', StdCost: 12 }],
      BOM: [...BASE.BOM, { Parent: 'FG', Component: 'BP-B', QtyPer: 1, AlternateOf: 'BP' }],
    };
    const plant = plantOf(twoLevel({ sheets }));
    const { quotes, problems } = costQuotes(plant);
    expect(problems).toEqual([]);
    const [q] = quotes;
    expect(q.breakdown.material).toBeCloseTo(39.8, 10);
    expect(q.lines.some((l) => l.item === 'BP-B')).toBe(false);
    const bp = q.lines.find((l) => l.item === 'BP')!;
    expect(bp.alternates).toHaveLength(1);
    expect(bp.alternates![0].item).toBe('BP-B');
    expect(bp.alternates![0].difference).toBeCloseTo(1, 10);
    const lines = (await runQuote(plant, { lang: 'en' })).sheets.find((x) => x.name === 'QuoteLines')!;
    expect(lines.columns.map((c) => c.header)).toContain('Alternates: cost difference per unit (CNY)');
    expect(lines.rows.find((r) => r.item === 'BP')!.alternates).toBe('BP-B +1.00');
  });
});
