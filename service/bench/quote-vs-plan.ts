// The quote against the plan of the same workbook, two ways, on the sample plant (6 quote lines)
// and a generated 300-order plant with 6 quote lines:
//  - as a user runs them: `node dist/cli.js plan|quote book.xlsx --out …`, each in a fresh process
//    (read the book, plan or quote, write the result), CPU seconds of the child (user + system,
//    every thread) read by a preloaded exit hook;
//  - the jobs alone, both in this process, warm (no reading, writing or start-up).
// Plan and quote runs alternate (plan, quote, plan, quote, …) so that a busy shared machine slows
// both alike: min / median of `runs` (default 5; `npm run bench:quote -- 9`). The ratio is min
// over min of CPU. Needs `npm run build` for the CLI part.
// The quote's delivery promise asks the planning engine a few what-ifs of one model in one
// solver session and schedules each line's answer day by day; the target is at most 1.5 × the plan.
// Run: npm run bench:quote (after the simulation figures).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inputWorkbook } from '../xlsx/write-inputs';
import { xlsxBytes } from '../xlsx/workbook';
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
      `${name}, the jobs alone (one warm process): plan ${minMed(p.map((r) => r.cpu))} s, quote (${quotePlant.plant.Quotes.length} lines) ${minMed(q.map((r) => r.cpu))} s CPU = ${(quoteCpu / planCpu).toFixed(2)} × the plan` +
        ` (wall: plan ${minMed(p.map((r) => r.wall))} s, quote ${minMed(q.map((r) => r.wall))} s; min / median of ${runs})`,
    );
  }
  return out;
}

/** A preloaded hook in `dir` that writes the process's CPU microseconds to cpu.txt on exit. */
function cpuHook(dir: string): string {
  const hook = join(dir, 'cpu.cjs');
  writeFileSync(hook, `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(join(dir, 'cpu.txt'))}, String(u.userCPUTime + u.systemCPUTime)); });\n`);
  return hook;
}

/** CPU seconds of one CLI run in a fresh process (read from the hook's file). */
function cliCpu(dir: string, hook: string, command: 'plan' | 'quote', book: string): number {
  const out = join(dir, 'cpu.txt');
  const r = spawnSync(process.execPath, ['-r', hook, resolve('dist/cli.js'), command, book, '--out', join(dir, `${command}-out.xlsx`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${book}: exit ${r.status}\n${r.stderr}`);
  return Number(readFileSync(out, 'utf8')) / 1e6;
}

/** The CLI end to end, plan and quote alternated in fresh processes, `runs` times each; min CPU seconds of each. */
export async function cliQuoteVsPlan(runs = 5): Promise<{ name: string; plan: number; quote: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mto-quote-bench-'));
  const hook = cpuHook(dir);
  const out: { name: string; plan: number; quote: number }[] = [];
  try {
    for (const [name, rec] of [['sample plant', samplePlant()], ['generated 300 × 10 × 26', generatedWithQuotes(300)]] as const) {
      const book = join(dir, 'book.xlsx');
      writeFileSync(book, await xlsxBytes(inputWorkbook(rec.settings, rec.sheets)));
      const p: number[] = [];
      const q: number[] = [];
      for (let i = 0; i < runs; i++) {
        p.push(cliCpu(dir, hook, 'plan', book));
        q.push(cliCpu(dir, hook, 'quote', book));
      }
      out.push({ name, plan: Math.min(...p), quote: Math.min(...q) });
      console.log(`${name}, CLI end to end (fresh processes): plan ${minMed(p)} s, quote ${minMed(q)} s CPU = ${(Math.min(...q) / Math.min(...p)).toFixed(2)} × the plan (min / median of ${runs})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (/quote-vs-plan\.(ts|js)$/.test(process.argv[1] ?? '')) {
  const runs = Number(process.argv[2] ?? 5);
  void cliQuoteVsPlan(runs).then(() => quoteVsPlan(runs));
}
