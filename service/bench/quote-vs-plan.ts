// The quote job against the plan job on the same workbook (both in this process, warm): the
// sample plant (6 quote lines) and a generated 300-order plant with 6 quote lines. Plan and quote
// runs alternate (plan, quote, plan, quote, …) so that a busy shared machine slows both alike, and
// each is timed in CPU seconds of this process (HiGHS runs in it) as well as on the wall clock:
// min / median of `runs` (default 5; `npm run bench:quote -- 9`). The ratio is min over min of CPU.
// The quote's delivery promise asks the planning engine a few what-ifs of one model in one
// solver session and schedules each line's answer day by day; the target is at most 1.5 × the plan.
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

/** Seconds of one run: CPU (user + system of this process) and wall. */
async function timed(f: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const u = process.cpuUsage(c);
  return { cpu: (u.user + u.system) / 1e6, wall: (performance.now() - t) / 1000 };
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const minMed = (xs: number[]) => `${Math.min(...xs).toFixed(2)} / ${median(xs).toFixed(2)}`;

/** Plan and quote alternately, `runs` times each after one warm-up of each; min CPU seconds of each. */
export async function quoteVsPlan(runs = 5): Promise<{ name: string; plan: number; quote: number }[]> {
  await warmHighs();
  const out: { name: string; plan: number; quote: number }[] = [];
  for (const [name, rec] of [['sample plant', samplePlant()], ['generated 300 × 10 × 26', generatedWithQuotes(300)]] as const) {
    const rows = recordsToRows(rec);
    const planPlant = readPlant(rows, 'plan');
    const quotePlant = readPlant(rows, 'quote');
    if (planPlant.problems.length || quotePlant.problems.length) throw new Error([...planPlant.problems, ...quotePlant.problems].map((p) => p.message).join('\n'));
    const plan = () => runPlan(planPlant.plant, { lang: 'en' });
    const quote = () => runQuote(quotePlant.plant, { lang: 'en' });
    await plan(); // warm
    await quote();
    const p: { cpu: number; wall: number }[] = [];
    const q: { cpu: number; wall: number }[] = [];
    for (let i = 0; i < runs; i++) {
      p.push(await timed(plan));
      q.push(await timed(quote));
    }
    const planCpu = Math.min(...p.map((r) => r.cpu));
    const quoteCpu = Math.min(...q.map((r) => r.cpu));
    out.push({ name, plan: planCpu, quote: quoteCpu });
    console.log(
      `${name}: plan ${minMed(p.map((r) => r.cpu))} s, quote (${quotePlant.plant.Quotes.length} lines) ${minMed(q.map((r) => r.cpu))} s CPU = ${(quoteCpu / planCpu).toFixed(2)} × the plan` +
        ` (wall: plan ${minMed(p.map((r) => r.wall))} s, quote ${minMed(q.map((r) => r.wall))} s; min / median of ${runs})`,
    );
  }
  return out;
}

if (/quote-vs-plan\.(ts|js)$/.test(process.argv[1] ?? '')) void quoteVsPlan(Number(process.argv[2] ?? 5));
