// The quote job against the plan job on the same workbook (both in this process, warm, best of
// three): the sample plant (6 quote lines) and a generated 300-order plant with 6 quote lines.
// The quote's delivery promise asks the planning engine a few what-ifs of one model in one
// solver session, so a quote should take at most about 1.5 × the plan.
// Run: npm run bench:quote (after the simulation figures).
import { performance } from 'node:perf_hooks';
import { generatePlant, GENERATED_PLAN_START } from '../../shared/plan/generate-plant';
import { recordsToRows, samplePlant, type PlantRecords } from '../../shared/sample-plant';
import { addDays } from '../../shared/dates';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../jobs/plan';
import { runQuote } from '../jobs/quote';
import { warmHighs } from '../solvers/index';

/** A generated plant with six quote lines for its first three products, two quantities each. */
export function generatedWithQuotes(orders: number): PlantRecords {
  const r = generatePlant({ orders, workCenters: 10, buckets: 26, seed: 1 });
  const Items = r.sheets.Items as { ItemId: string; Type: string }[];
  const Routing = r.sheets.Routing as { WorkCenter: string }[];
  const WorkCenters = r.sheets.WorkCenters as Record<string, unknown>[];
  const fgs = Items.filter((i) => i.ItemId.startsWith('FG')).slice(0, 3).map((i) => i.ItemId);
  const Quotes = fgs.flatMap((fg, k) => [
    { QuoteId: `Q${k + 1}`, Item: fg, Quantity: 10, RequestedDate: addDays(GENERATED_PLAN_START, 28 + 7 * k), MarginPct: 20 },
    { QuoteId: `Q${k + 1}`, Item: fg, Quantity: 60, RequestedDate: addDays(GENERATED_PLAN_START, 56 + 7 * k), MarginPct: 20 },
  ]);
  void Routing;
  return { settings: { ...r.settings, SimulationRuns: 1000 }, sheets: { ...r.sheets, WorkCenters: WorkCenters.map((w) => ({ LabourRate: 40, OverheadRate: 30, ...w })), Quotes } };
}

async function best(f: () => Promise<unknown>): Promise<number> {
  await f(); // warm
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await f();
    times.push((performance.now() - t) / 1000);
  }
  return Math.min(...times);
}

export async function quoteVsPlan(): Promise<{ name: string; plan: number; quote: number }[]> {
  await warmHighs();
  const out: { name: string; plan: number; quote: number }[] = [];
  for (const [name, rec] of [['sample plant', samplePlant()], ['generated 300 × 10 × 26', generatedWithQuotes(300)]] as const) {
    const rows = recordsToRows(rec);
    const planPlant = readPlant(rows, 'plan');
    const quotePlant = readPlant(rows, 'quote');
    if (planPlant.problems.length || quotePlant.problems.length) throw new Error([...planPlant.problems, ...quotePlant.problems].map((p) => p.message).join('\n'));
    const plan = await best(() => runPlan(planPlant.plant, { lang: 'en' }));
    const quote = await best(() => runQuote(quotePlant.plant, { lang: 'en' }));
    out.push({ name, plan, quote });
    console.log(`${name}: plan ${plan.toFixed(2)} s, quote (${quotePlant.plant.Quotes.length} lines) ${quote.toFixed(2)} s = ${(quote / plan).toFixed(2)} × the plan`);
  }
  return out;
}

if (/quote-vs-plan\.(ts|js)$/.test(process.argv[1] ?? '')) void quoteVsPlan();
