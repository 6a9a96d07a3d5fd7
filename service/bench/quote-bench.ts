// Quote simulation speed: 10,000 draws over a 200-line, four-level BOM with 20 risk factors.
// Run: npm run bench:quote. Prints the roll-up time, the compile time and draws per second.
import { performance } from 'node:perf_hooks';
import { recordsToRows, type PlantRecords } from '../../shared/sample-plant';
import { priceFactors } from '../../shared/quote/price';
import { costQuotes } from '../../shared/quote/quote';
import { compileCost } from '../../shared/quote/risk';
import { rollUp } from '../../shared/quote/rollup';
import { simulate } from '../../shared/quote/simulate';
import { readPlant } from '../../shared/validate';

/** FG → 8 assemblies → 4 subassemblies each → 5 bought parts each: 8 + 32 + 160 = 200 BOM lines. */
export function bigBomPlant(runs = 10_000): PlantRecords {
  const wcs = ['CUT', 'CNC', 'WELD', 'PAINT', 'ASSY', 'TEST'];
  const Items: Record<string, unknown>[] = [{ ItemId: 'FG', Type: 'Make' }];
  const BOM: Record<string, unknown>[] = [];
  const Routing: Record<string, unknown>[] = [];
  const SupplierItems: Record<string, unknown>[] = [];
  const ops = (item: string, k: number) => {
    for (let j = 0; j < 3; j++) Routing.push({ Item: item, OpSeq: 10 * (j + 1), WorkCenter: wcs[(k + j) % wcs.length], SetupHours: 0.5 + (k % 3), RunHoursPerUnit: 0.1 + (k % 5) * 0.05 });
  };
  ops('FG', 0);
  for (let p = 0; p < 100; p++) {
    Items.push({ ItemId: `P${p}`, Type: 'Buy', StdCost: 5 + (p % 17) });
    SupplierItems.push({ Supplier: 'S1', Item: `P${p}`, UnitPrice: 4 + (p % 13), MinOrderQty: 50 * (p % 4) });
    SupplierItems.push({ Supplier: 'S2', Item: `P${p}`, UnitPrice: 4.5 + (p % 11), MinOrderQty: 0 });
  }
  let part = 0;
  for (let a = 0; a < 8; a++) {
    const A = `A${a}`;
    Items.push({ ItemId: A, Type: 'Make' });
    ops(A, a + 1);
    BOM.push({ Parent: 'FG', Component: A, QtyPer: 1 + (a % 2), ScrapPct: a % 3 });
    for (let s = 0; s < 4; s++) {
      const S = `S${a}-${s}`;
      Items.push({ ItemId: S, Type: 'Make' });
      ops(S, a + s);
      BOM.push({ Parent: A, Component: S, QtyPer: 1 + (s % 3), ScrapPct: (s % 2) * 2 });
      for (let k = 0; k < 5; k++) BOM.push({ Parent: S, Component: `P${part++ % 100}`, QtyPer: 0.5 + k, ScrapPct: k % 4 });
    }
  }
  const CostRisk = [
    ...Array.from({ length: 10 }, (_, i) => ({ Target: `P${i * 7}`, Factor: 'Price', Distribution: ['Triangular', 'Normal', 'Uniform'][i % 3], Low: 0.9, Likely: 1, High: 1.2 })),
    ...wcs.slice(0, 4).map((w) => ({ Target: w, Factor: 'RunHours', Distribution: 'Triangular', Low: 0.9, Likely: 1, High: 1.3 })),
    ...wcs.slice(3, 6).map((w) => ({ Target: w, Factor: 'LabourRate', Distribution: 'Uniform', Low: 1, Likely: 1, High: 1.1 })),
    ...['A1', 'S2-1', 'S5-3'].map((t) => ({ Target: t, Factor: 'ScrapPct', Distribution: 'Triangular', Low: 0.5, Likely: 1, High: 2 })),
  ];
  return {
    settings: { PlanStart: '2026-11-30', SimulationRuns: runs, RandomSeed: 42 },
    sheets: {
      Items,
      BOM,
      Routing,
      WorkCenters: wcs.map((w, i) => ({ WorkCenterId: w, HoursPerDay: 8, LabourRate: 40 + 5 * i, OverheadRate: 30 + 10 * i })),
      Suppliers: [{ SupplierId: 'S1', Name: 'One' }, { SupplierId: 'S2', Name: 'Two' }],
      SupplierItems,
      Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 25, MarginPct: 20 }],
      CostRisk,
    },
  };
}

async function main() {
  const runs = Number(process.argv[2] ?? 10_000);
  const { plant, problems } = readPlant(recordsToRows(bigBomPlant(runs)), 'quote');
  if (problems.length) throw new Error(problems.map((p) => p.message).join('\n'));
  const fg = plant.Items.find((i) => i.ItemId === 'FG')!;
  const q = plant.Quotes[0];

  let t = performance.now();
  const r = rollUp(plant, fg, q.Quantity, plant.settings.PlanStart);
  const rollupMs = performance.now() - t;
  t = performance.now();
  const c = compileCost(r.terms, plant.CostRisk, priceFactors(q));
  const compileMs = performance.now() - t;
  simulate(c, plant.CostRisk, 1000, 1); // warm up the JIT, as a long-running service would be
  const best: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    t = performance.now();
    simulate(c, plant.CostRisk, runs, plant.settings.RandomSeed);
    best.push(performance.now() - t);
  }
  const simMs = Math.min(...best);
  t = performance.now();
  const whole = costQuotes(plant);
  const wholeMs = performance.now() - t;
  const sim = whole.quotes[0].simulation;
  console.log(`BOM lines ${plant.BOM.length}, operations ${plant.Routing.length}, risk factors ${plant.CostRisk.length}`);
  console.log(`roll-up: ${r.lines.length} cost lines, ${r.terms.length} terms → ${c.cost.length} groups, ${c.scrap.length} scrap multipliers`);
  console.log(`roll-up ${rollupMs.toFixed(1)} ms, compile ${compileMs.toFixed(1)} ms`);
  console.log(`simulate ${runs} draws: ${simMs.toFixed(1)} ms (best of 5) = ${Math.round((runs / simMs) * 1000).toLocaleString('en-US')} draws/s`);
  console.log(`whole quote (roll-up + compile + ${runs} draws + stats + tornado): ${wholeMs.toFixed(1)} ms`);
  console.log(`unit cost ${whole.quotes[0].unitCost.toFixed(2)}, P10 ${sim.p10.toFixed(2)}, P50 ${sim.p50.toFixed(2)}, P90 ${sim.p90.toFixed(2)}`);
}

if (/quote-bench\.(ts|js)$/.test(process.argv[1] ?? '')) void main();
