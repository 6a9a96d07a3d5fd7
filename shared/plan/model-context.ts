// What every step of building the plan LP (build-model.ts) shares: the plant, its buckets and
// work-center capacity, the LP being built, and the work-center loads and material uses collected
// while columns are made (the capacity and stock rows are written from them at the end).
import type { Item, Plant } from '../domain';
import { grown, LpBuilder } from '../lp/model';
import { plantNetwork, type PlantNetwork } from '../network';
import { alternatesFor, type AlternateOption, type Substitution } from './alternates';
import { arrivalBucket, type Buckets } from './buckets';
import { key, workCenterCapacity, type WorkCenterCapacity } from './capacity';
import { dedicatedPools, type DedicatedPool } from './dedicated';
import type { PartNode, PlanOp } from './network';
import { SHIP_WC } from './stock';
import { materialSupply, type MaterialSupply } from './supply';
import type { PlannedOrder } from './build-model';

export const tidy = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '') || '_';
export const filled = (n: number) => new Int32Array(n).fill(-1);

export class ModelContext {
  readonly T: number;
  readonly latePenalty: number;
  readonly idx: PlantNetwork;
  readonly capacity: Map<string, WorkCenterCapacity>;
  readonly lp: LpBuilder;
  /** order index of each column (−1 for work-center and material columns); the first lp.columns entries */
  colOrder = new Int32Array(1024);
  /** every wip_ row and the WIP column it defines: the first wipCount entries */
  wipRows = new Int32Array(1024);
  wipCols = new Int32Array(1024);
  wipCount = 0;
  /** the plan's whole need of each Buy item (lower-case id): a purchase is priced for its lot */
  readonly grossNeed = new Map<string, number>();
  readonly supplies = new Map<string, MaterialSupply>();
  readonly substitutions: Substitution[] = [];
  readonly dedicated: Map<string, (DedicatedPool & { planned?: PlannedOrder })[]>;
  /** per work center / Buy item (lower-case id) and bucket: the columns loading or drawing on it */
  readonly loads = new Map<string, BucketEntries>();
  readonly uses = new Map<string, BucketEntries>();
  private readonly altCache = new Map<PartNode, Map<Item, AlternateOption[]>>();
  private readonly workable = new Map<string, Uint8Array>();

  constructor(
    readonly plant: Plant,
    readonly b: Buckets,
    maxColumns?: number,
  ) {
    this.T = b.count;
    this.latePenalty = plant.settings.LatePenaltyPerUnitDay;
    this.idx = plantNetwork(plant);
    this.capacity = workCenterCapacity(plant, b);
    this.lp = new LpBuilder(maxColumns);
    this.dedicated = dedicatedPools(plant, b);
  }

  /** Room for the model's columns, rows and entries, and the columns' orders (LpBuilder.reserve). */
  reserve(columns: number, rows: number, entries: number) {
    this.lp.reserve(columns, rows, entries);
    const room = this.lp.columnRoom;
    if (room <= this.colOrder.length) return;
    const next = new Int32Array(room);
    next.set(this.colOrder.subarray(0, this.lp.columns));
    this.colOrder = next;
  }

  /**
   * T entries set to −1 (a column or row per bucket, none yet), cut from a shared block: one
   * buffer for many operations instead of a small typed array each, which the garbage collector
   * tracks one by one.
   */
  perBucket(): Int32Array {
    const T = this.T;
    if (this.slabUsed + T > this.slab.length) {
      this.slab = new Int32Array(Math.max(T, 1 << 16)).fill(-1);
      this.slabUsed = 0;
    }
    const view = new Int32Array(this.slab.buffer, this.slabUsed * 4, T); // cheaper than subarray
    this.slabUsed += T;
    return view;
  }
  private slab = new Int32Array(0);
  private slabUsed = 0;

  addWip(row: number, col: number) {
    const n = this.wipCount;
    if (n === this.wipRows.length) {
      this.wipRows = grown(this.wipRows, n);
      this.wipCols = grown(this.wipCols, n);
    }
    this.wipRows[n] = row;
    this.wipCols[n] = col;
    this.wipCount = n + 1;
  }

  addVar(name: string, cost: number, upper: number, order: number, bucket = -1): number {
    const j = this.lp.addVar(name, cost, upper, bucket);
    if (j === this.colOrder.length) this.colOrder = grown(this.colOrder, j);
    this.colOrder[j] = order;
    return j;
  }

  /** In-house work is possible in a bucket only if the work center has hours or overtime there. */
  canWork(wc: string, t: number): boolean {
    if (wc === SHIP_WC) return true; // a Buy item's ship step needs no hours
    const c = this.capacity.get(wc);
    return c !== undefined && (c.hours[t] > 0 || c.overtimeMax[t] > 0);
  }

  canWorkOp(op: PlanOp, t: number): boolean {
    return op.centers ? op.centers.some((c) => this.canWork(c.wc, t)) : this.canWork(op.wc, t);
  }

  /** canWork of every bucket (1 = yes), made once per work center: read per bucket in the column loops. */
  workableAt(wc: string): Uint8Array {
    let a = this.workable.get(wc);
    if (!a) {
      a = new Uint8Array(this.T);
      for (let t = 0; t < this.T; t++) a[t] = this.canWork(wc, t) ? 1 : 0;
      this.workable.set(wc, a);
    }
    return a;
  }

  /** canWorkOp of every bucket (1 = yes). */
  workableOp(op: PlanOp): Uint8Array {
    if (!op.centers) return this.workableAt(op.wc);
    const a = new Uint8Array(this.T);
    for (const c of op.centers) {
      const w = this.workableAt(c.wc);
      for (let t = 0; t < this.T; t++) a[t] |= w[t];
    }
    return a;
  }

  /** Stock, open POs and price of a Buy item, made once (after grossNeed is known). */
  supplyOf(item: Item): MaterialSupply {
    let s = this.supplyByItem.get(item); // spares the id's lower-casing on every look-up
    if (s) return s;
    s = this.supplies.get(key(item.ItemId));
    if (!s) {
      this.supplies.set(key(item.ItemId), (s = materialSupply(item, this.plant, this.b, this.grossNeed.get(key(item.ItemId)) ?? 0)));
    }
    this.supplyByItem.set(item, s);
    return s;
  }
  private readonly supplyByItem = new Map<Item, MaterialSupply>();

  /** The bucket units sent out in each bucket come back in, for a subcontract lead time (arrivalBucket), made once per lead time. */
  arrivals(leadDays: number): Int32Array {
    let a = this.arrivalsByLead.get(leadDays);
    if (!a) {
      a = new Int32Array(this.T);
      for (let t = 0; t < this.T; t++) a[t] = arrivalBucket(this.b, t, leadDays);
      this.arrivalsByLead.set(leadDays, a);
    }
    return a;
  }
  private readonly arrivalsByLead = new Map<number, Int32Array>();

  /** First bucket an order's own (dedicated) material of an item is there, else Infinity. */
  ownFirst(o: PlannedOrder, item: Item): number {
    if (this.dedicated.size === 0) return Infinity;
    const pool = this.dedicated.get(key(item.ItemId))?.find((p) => key(p.order) === key(o.order.OrderId));
    if (!pool) return Infinity;
    if (pool.onHand > 0) return 0;
    const t = pool.receipts.findIndex((q) => q > 0);
    return t < 0 ? Infinity : t;
  }

  altsOf(n: PartNode, primary: Item): AlternateOption[] {
    let m = this.altCache.get(n);
    if (!m) this.altCache.set(n, (m = new Map()));
    let a = m.get(primary);
    if (!a) m.set(primary, (a = alternatesFor(this.idx, this.b, n.item, primary)));
    return a;
  }

  /** The columns loading a work center, made on first use. */
  loadsOf(wc: string): BucketEntries {
    let l = this.loads.get(wc);
    if (!l) this.loads.set(wc, (l = new BucketEntries()));
    return l;
  }

  /** The columns drawing on a Buy item, made on first use. */
  usesOf(m: string): BucketEntries {
    let u = this.uses.get(m);
    if (!u) this.uses.set(m, (u = new BucketEntries()));
    return u;
  }
}

/**
 * Row entries (bucket, column, coefficient) collected for the rows of one resource, in the order
 * they were made, in flat typed arrays rather than a list per bucket.
 */
export class BucketEntries {
  private t = new Int32Array(64);
  private col = new Int32Array(64);
  private coef = new Float64Array(64);
  private n = 0;

  add(t: number, col: number, coef: number): void {
    const n = this.n;
    if (n === this.t.length) {
      this.t = grown(this.t, n);
      this.col = grown(this.col, n);
      this.coef = grown(this.coef, n);
    }
    this.t[n] = t;
    this.col[n] = col;
    this.coef[n] = coef;
    this.n = n + 1;
  }

  /** The entries of bucket t are cols/coefs[start[t] … start[t + 1] − 1], in the order made. */
  byBucket(T: number): { start: Int32Array; cols: Int32Array; coefs: Float64Array } {
    const start = new Int32Array(T + 1);
    for (let k = 0; k < this.n; k++) start[this.t[k] + 1]++;
    for (let t = 0; t < T; t++) start[t + 1] += start[t];
    const at = start.slice(0, T);
    const cols = new Int32Array(this.n);
    const coefs = new Float64Array(this.n);
    for (let k = 0; k < this.n; k++) {
      const p = at[this.t[k]]++;
      cols[p] = this.col[k];
      coefs[p] = this.coef[k];
    }
    return { start, cols, coefs };
  }
}
