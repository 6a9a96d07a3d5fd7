// npm run bench:whatif — what a what-if costs against a full plan, on a generated plant, through
// the plan job as a service worker runs it (parsing and writing the workbook left out).
//
//   npx tsx service/bench/whatif-bench.ts [--size 1000x20x26] [--repeat 2]
//
// Per repeat, on the plant (orders × work centers × weekly buckets, seed 1), HiGHS warmed first:
//   full plan        the plan job on the book as it is (the worker then remembers that plan)
//   what-if          the job on the book with one WhatIf row, as the service runs it by default:
//                    the baseline is the remembered plan, the scenario starts from where it ended
//                    (its column-generation prices, schedules and basis)
//   cold             the same with warmStart false: the scenario planned from scratch
//   nothing known    the default on a worker that has not planned the book: baseline + scenario
//   exact?           the default what-if's scenario against the plan job on the edited book itself
//                    (the change typed into Orders, nothing remembered): the objective to 1e-6,
//                    and whether every order's finish, lateness and shortfall are the same
// for three one-change scenarios: a rush order, a cancellation, a due date pulled in. Seconds
// are CPU seconds of the whole job (model build, solve, reading the plan, schedule, Changes); the
// last column is the full plan's wall clock.
import { parseArgs } from 'node:util';
import { applyWhatIf } from '../../shared/changes/what-if';
import type { Plant } from '../../shared/domain';
import { generatePlant } from '../../shared/plan/generate-plant';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../jobs/plan';
import { forgetPlans } from '../jobs/plan-memo';
import { warmHighs } from '../solvers/highs';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1000x20x26' }, repeat: { type: 'string', default: '2' } } });
const [orders, workCenters, buckets] = String(values.size).split('x').map(Number);

const { plant, problems } = readPlant(recordsToRows(generatePlant({ orders, workCenters, buckets, seed: 1 })), 'plan');
if (problems.length) throw new Error(problems[0].message);
await warmHighs();

interface Run {
  seconds: number;
  wall: number;
  objective: number;
  /** what a planner reads of each order */
  finishes: string;
}

// CPU seconds of this process (HiGHS runs on this thread too): on a busy machine the wall clock
// measures the neighbours as much as the job.
async function job(p: Plant, o: { remember: boolean; warmStart?: boolean }): Promise<Run> {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await runPlan(p, { lang: 'en', solver: 'highs', rememberPlans: o.remember, warmStart: o.warmStart });
  const cpu = process.cpuUsage(c);
  const finishes = JSON.stringify(r.json.orders.map((x) => [x.orderId, x.finishDate, x.daysLate, x.shortQty]));
  return { seconds: (cpu.user + cpu.system) / 1e6, wall: (performance.now() - t) / 1000, objective: r.json.objective, finishes };
}

const first = plant.Orders[0];
const mid = plant.Orders[Math.floor(plant.Orders.length / 2)];
const change = (c: Record<string, unknown>) => ({ Note: undefined, Item: undefined, Quantity: undefined, Date: undefined, Priority: undefined, row: 2, ...c }) as Plant['WhatIf'][number];
const scenarios = [
  change({ Action: 'AddOrder', OrderId: 'RUSH', Item: first.Item, Quantity: first.Quantity, Date: first.DueDate, Priority: 1 }),
  change({ Action: 'Cancel', OrderId: mid.OrderId }),
  change({ Action: 'DueDate', OrderId: mid.OrderId, Date: mid.ReleaseDate ?? plant.settings.PlanStart }),
];
const f = (v: number) => v.toFixed(2).padStart(6);
console.log(`plant ${values.size}: ${plant.Orders.length} orders; CPU seconds of the plan job (and × the full plan)`);
console.log('scenario    full plan   what-if (plan known)  cold (plan known)   nothing known       exact? (vs the edited book planned)       full plan wall s');
for (let r = 0; r < Number(values.repeat); r++) {
  for (const c of scenarios) {
    forgetPlans();
    const full = await job(plant, { remember: true });
    const fast = await job({ ...plant, WhatIf: [c] }, { remember: true });
    const scratch = await job({ ...plant, WhatIf: [c] }, { remember: true, warmStart: false });
    forgetPlans();
    const cold = await job({ ...plant, WhatIf: [c] }, { remember: false });
    const edited = await job(applyWhatIf({ ...plant, WhatIf: [c] }, {}).scenario, { remember: false });
    const x = (v: number) => `${f(v)} (${(v / full.seconds).toFixed(2)}×)`;
    const same =
      Math.abs(fast.objective - edited.objective) <= 1e-6 * Math.max(1, Math.abs(edited.objective))
        ? fast.finishes === edited.finishes
          ? 'same objective, same finishes'
          : 'same objective, other finishes'
        : `OBJECTIVE DIFFERS (${fast.objective} vs ${edited.objective})`;
    console.log(`${c.Action.padEnd(10)}  ${f(full.seconds)}      ${x(fast.seconds)}      ${x(scratch.seconds)}    ${x(cold.seconds)}    ${same.padEnd(40)}  ${f(full.wall)}`);
  }
}
