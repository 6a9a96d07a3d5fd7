// Profile one default what-if (the baseline remembered): npx tsx --cpu-prof service/bench/whatif-profile.ts
import type { Plant } from '../../shared/domain';
import { generatePlant } from '../../shared/plan/generate-plant';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../jobs/plan';
import { warmHighs } from '../solvers/highs';
const { plant } = readPlant(recordsToRows(generatePlant({ orders: 1000, workCenters: 20, buckets: 26, seed: 1 })), 'plan');
await warmHighs();
const mid = plant.Orders[500];
const change = { Note: undefined, Item: undefined, Quantity: undefined, Priority: undefined, row: 2, Action: process.env.ACTION ?? 'Cancel', OrderId: mid.OrderId, Date: mid.ReleaseDate ?? plant.settings.PlanStart } as Plant['WhatIf'][number];
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
for (let r = 0; r < Number(process.env.REPEATS ?? 3); r++) {
  let t = cpu();
  await runPlan(plant, { lang: 'en', solver: 'highs', rememberPlans: true });
  const full = cpu() - t;
  t = cpu();
  await runPlan({ ...plant, WhatIf: [change] }, { lang: 'en', solver: 'highs', rememberPlans: true });
  const w = cpu() - t;
  console.log(`full ${full.toFixed(2)} s, what-if ${w.toFixed(2)} s (${(w / full).toFixed(2)}×)`);
}
