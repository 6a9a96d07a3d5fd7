// Generated plants of any size for benchmarks and size measurements: a make-to-order
// shop of the sample's shape — finished items with 2–4 operations, Make subassemblies with their
// own routings, shared Buy materials with stock, open POs and suppliers, overtime, some
// subcontractable operations, a plant holiday — and capacity set from the orders' own load so
// work centers run at 70–100 % (one bottleneck near 100 %). Deterministic for a seed.
import { addDays, type Day } from '../dates';
import { seededRng } from '../random';
import type { PlantRecords } from '../sample-plant';

export interface GenerateOptions {
  orders: number;
  workCenters: number;
  /** weekly buckets in the horizon */
  buckets: number;
  seed: number;
  /** the plant's shape; default the sample's ('standard') */
  shape?: PlantShape;
}

/**
 * Shapes of plant for benchmarks, so speed is not tuned to one: the standard shop; few operations
 * per order; a few materials shared by every product (material rows couple all orders); long
 * routings (many operations per product and subassembly).
 */
export const PLANT_SHAPES = ['standard', 'few-ops', 'shared-material', 'long-routings'] as const;
export type PlantShape = (typeof PLANT_SHAPES)[number];

interface ShapeParams {
  /** operations per finished item, per subassembly: lowest, highest (capped at the work centers) */
  fgOps: [number, number];
  saOps: [number, number];
  /** Buy materials per work center, and at least */
  materialsPerWc: number;
  minMaterials: number;
}

const SHAPES: Record<PlantShape, ShapeParams> = {
  standard: { fgOps: [2, 4], saOps: [1, 3], materialsPerWc: 1.5, minMaterials: 4 },
  'few-ops': { fgOps: [1, 2], saOps: [1, 1], materialsPerWc: 1.5, minMaterials: 4 },
  'shared-material': { fgOps: [2, 4], saOps: [1, 3], materialsPerWc: 0, minMaterials: 3 },
  'long-routings': { fgOps: [6, 10], saOps: [3, 5], materialsPerWc: 1.5, minMaterials: 4 },
};

export const GENERATED_PLAN_START: Day = '2026-01-05'; // a Monday

type Rec = Record<string, unknown>;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function generatePlant({ orders, workCenters, buckets, seed, shape = 'standard' }: GenerateOptions): PlantRecords {
  const rng = seededRng(seed);
  const sp = SHAPES[shape];
  const start = GENERATED_PLAN_START;
  const W = Math.max(1, workCenters);
  const T = Math.max(2, buckets);
  const nFg = Math.max(3, Math.round(orders / 10));
  const nSa = Math.max(2, Math.round(nFg / 2));
  const nRm = Math.max(sp.minMaterials, Math.round(W * sp.materialsPerWc));
  const wcIds = Array.from({ length: W }, (_, i) => `WC${pad(i + 1, 2)}`);
  const distinctWcs = (n: number) => {
    const pool = [...wcIds];
    const out: string[] = [];
    for (let k = 0; k < Math.min(n, pool.length); k++) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
    return out;
  };

  const Items: Rec[] = [];
  const BOM: Rec[] = [];
  const Routing: Rec[] = [];
  const rms = Array.from({ length: nRm }, (_, i) => `RM${pad(i + 1, 3)}`);
  const sas = Array.from({ length: nSa }, (_, i) => `SA${pad(i + 1, 3)}`);
  const fgs = Array.from({ length: nFg }, (_, i) => `FG${pad(i + 1, 3)}`);
  const runHours = new Map<string, { wc: string; run: number; setup: number }[]>();

  const opCount = ([lo, hi]: [number, number]) => rng.int(Math.min(lo, Math.min(hi, W)), Math.min(hi, W));
  const routing = (item: string, ops: number, runLo: number, runHi: number) => {
    const list = distinctWcs(ops).map((wc, k) => {
      const run = (rng.int(runLo, runHi) / 10) as number;
      const setup = rng.int(0, 4) / 2;
      const sub = rng.next() < 0.15;
      Routing.push({
        Item: item, OpSeq: (k + 1) * 10, WorkCenter: wc, SetupHours: setup, RunHoursPerUnit: run,
        ...(sub ? { Subcontract: 'Y', SubcontractCostPerUnit: Math.round(run * rng.int(60, 140)), SubcontractLeadDays: rng.int(3, 10) } : { Subcontract: 'N' }),
      });
      return { wc, run, setup };
    });
    runHours.set(item, list);
  };

  for (const rm of rms) {
    Items.push({ ItemId: rm, Description: `Material ${rm}`, Type: 'Buy', Uom: 'pcs', StdCost: rng.int(5, 200), OnHand: 0, SafetyStock: 0, LeadTimeDays: rng.pick([7, 10, 14, 21, 28]) });
  }
  for (const sa of sas) {
    Items.push({ ItemId: sa, Description: `Subassembly ${sa}`, Type: 'Make', Uom: 'pcs', StdCost: rng.int(100, 800) });
    routing(sa, opCount(sp.saOps), 2, 8);
    for (const rm of new Set([rng.pick(rms), rng.pick(rms)])) BOM.push({ Parent: sa, Component: rm, QtyPer: rng.int(1, 4), ScrapPct: rng.pick([0, 0, 2, 5]) });
  }
  const saPer = new Map<string, { sa: string; qty: number }[]>();
  for (const fg of fgs) {
    Items.push({ ItemId: fg, Description: `Product ${fg}`, Type: 'Make', Uom: 'pcs', StdCost: rng.int(500, 5000) });
    routing(fg, opCount(sp.fgOps), 3, 20);
    const comps = [...new Set([rng.pick(sas), ...(rng.next() < 0.4 ? [rng.pick(sas)] : [])])].map((sa) => ({ sa, qty: rng.int(1, 2) }));
    saPer.set(fg, comps);
    for (const c of comps) BOM.push({ Parent: fg, Component: c.sa, QtyPer: c.qty });
    for (const rm of new Set([rng.pick(rms), rng.pick(rms), rng.pick(rms)].slice(0, rng.int(1, 3)))) BOM.push({ Parent: fg, Component: rm, QtyPer: rng.int(1, 3) });
  }

  // Orders: due over the horizon, released 1–6 weeks before due, a few rush and drafts.
  const Orders: Rec[] = [];
  const customers = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'];
  const load = new Map<string, number>(wcIds.map((w) => [w, 0]));
  const rmUse = new Map<string, number>(rms.map((r) => [r, 0]));
  for (let i = 0; i < orders; i++) {
    const fg = rng.pick(fgs);
    const qty = rng.int(5, 50);
    const dueBucket = rng.int(1, T - 1);
    const release = Math.max(0, dueBucket - rng.int(1, 6));
    const status = i % 23 === 0 ? 'Draft' : i < orders / 10 ? 'InProduction' : 'Approved';
    Orders.push({
      OrderId: `SO${pad(i + 1, 5)}`, Customer: rng.pick(customers), Item: fg, Quantity: qty,
      DueDate: addDays(start, dueBucket * 7 + rng.int(0, 4)), ReleaseDate: addDays(start, release * 7),
      Priority: rng.pick([1, 2, 3, 3, 3, 3, 4, 4, 5]), Status: status,
    });
    if (status === 'Draft') continue;
    for (const op of runHours.get(fg)!) load.set(op.wc, load.get(op.wc)! + op.setup + op.run * qty);
    for (const c of saPer.get(fg)!) for (const op of runHours.get(c.sa)!) load.set(op.wc, load.get(op.wc)! + op.setup + op.run * qty * c.qty);
    for (const b of BOM) if (b.Parent === fg && rms.includes(b.Component as string)) rmUse.set(b.Component as string, rmUse.get(b.Component as string)! + qty * (b.QtyPer as number));
  }

  // Capacity from the load: utilisation 70–100 % over the weeks orders fall in, one bottleneck.
  const WorkCenters = wcIds.map((id, k) => {
    const target = k === 0 ? 1.0 : 0.7 + rng.next() * 0.25;
    const eff = rng.pick([85, 90, 95, 100]);
    const weekly = Math.max(8, load.get(id)! / (T - 1) / target);
    const units = Math.max(1, Math.ceil(weekly / (16 * 5 * (eff / 100))));
    const hoursPerDay = Math.min(24, Math.max(4, Math.round((weekly / (5 * units * (eff / 100))) * 2) / 2));
    return {
      WorkCenterId: id, Description: `Work center ${id}`, HoursPerDay: hoursPerDay, DaysPerWeek: 5, Units: units, EfficiencyPct: eff,
      LabourRate: rng.int(40, 70), OverheadRate: rng.int(30, 120), MaxOvertimeHoursPerWeek: rng.pick([0, 4, 8, 12, 16]) * units, OvertimeRate: rng.int(30, 60),
    };
  });
  // Stock covers about a third of each material's use, open POs another third over the first weeks.
  const Suppliers = [
    { SupplierId: 'SUP-A', Name: 'Supplier A', Approved: 'Y' },
    { SupplierId: 'SUP-B', Name: 'Supplier B', Approved: 'Y' },
    { SupplierId: 'SUP-C', Name: 'Supplier C', Approved: 'N' },
  ];
  const SupplierItems: Rec[] = [];
  const PurchaseOrders: Rec[] = [];
  let po = 1;
  for (const it of Items) {
    if (it.Type !== 'Buy') continue;
    const use = rmUse.get(it.ItemId as string)!;
    it.OnHand = Math.round(use / 3);
    it.SafetyStock = Math.round(use / 30);
    const price = it.StdCost as number;
    const lead = it.LeadTimeDays as number;
    SupplierItems.push({ Supplier: 'SUP-A', Item: it.ItemId, UnitPrice: price, LeadTimeDays: lead, SharePct: 60, MinOrderQty: 0 });
    SupplierItems.push({ Supplier: 'SUP-B', Item: it.ItemId, UnitPrice: Math.round(price * 1.05 * 100) / 100, LeadTimeDays: lead, SharePct: 40, MinOrderQty: 0 });
    SupplierItems.push({ Supplier: 'SUP-C', Item: it.ItemId, UnitPrice: Math.round(price * 0.9 * 100) / 100, LeadTimeDays: 7, SharePct: 0 });
    const lines = rng.int(1, 3);
    for (let k = 0; k < lines; k++)
      PurchaseOrders.push({ PoId: `PO${pad(po++, 5)}`, Supplier: 'SUP-A', Item: it.ItemId, Quantity: Math.max(1, Math.round(use / 3 / lines)), UnitPrice: price, DueDate: addDays(start, rng.int(3, Math.min(T, 8) * 7)) });
  }
  // A plant holiday in the middle of the horizon (a Wednesday).
  const Calendar = [{ WorkCenter: '*', Date: addDays(start, Math.floor(T / 2) * 7 + 2), Hours: 0 }];

  return {
    settings: { PlanStart: start, BucketDays: 7, HorizonBuckets: T, Currency: 'CNY', LatePenaltyPerUnitDay: 10 },
    sheets: { Items, BOM, Routing, WorkCenters, Calendar, Orders, Suppliers, SupplierItems, PurchaseOrders },
  };
}
