// What every step of building the plan LP (build-model.ts) shares: the plant, its buckets and
// work-center capacity, the LP being built, and the work-center loads and material uses collected
// while columns are made (the capacity and stock rows are written from them at the end).
import type { Item, Plant } from '../domain';
import { LpBuilder } from '../lp/model';
import { plantNetwork, type PlantNetwork } from '../network';
import { alternatesFor, type AlternateOption, type Substitution } from './alternates';
import type { Buckets } from './buckets';
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
  /** order index of each column (−1 for work-center and material columns) */
  readonly colOrder: number[] = [];
  readonly wipRows: number[] = [];
  readonly wipCols: number[] = [];
  /** the plan's whole need of each Buy item (lower-case id): a purchase is priced for its lot */
  readonly grossNeed = new Map<string, number>();
  readonly supplies = new Map<string, MaterialSupply>();
  readonly substitutions: Substitution[] = [];
  readonly dedicated: Map<string, (DedicatedPool & { planned?: PlannedOrder })[]>;
  /** per work center / Buy item (lower-case id) and bucket: the columns loading or drawing on it */
  readonly loads = new Map<string, { cols: number[]; hours: number[] }[]>();
  readonly uses = new Map<string, { cols: number[]; ratio: number[] }[]>();
  private readonly altCache = new Map<PartNode, Map<Item, AlternateOption[]>>();

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

  addVar(name: string, cost: number, upper: number, order: number, bucket = -1): number {
    this.colOrder.push(order);
    return this.lp.addVar(name, cost, upper, bucket);
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

  /** Stock, open POs and price of a Buy item, made once (after grossNeed is known). */
  supplyOf(item: Item): MaterialSupply {
    let s = this.supplies.get(key(item.ItemId));
    if (!s) {
      this.supplies.set(key(item.ItemId), (s = materialSupply(item, this.plant, this.b, this.grossNeed.get(key(item.ItemId)) ?? 0)));
    }
    return s;
  }

  /** First bucket an order's own (dedicated) material of an item is there, else Infinity. */
  ownFirst(o: PlannedOrder, item: Item): number {
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

  loadAt(wc: string, t: number) {
    if (!this.loads.has(wc)) this.loads.set(wc, Array.from({ length: this.T }, () => ({ cols: [], hours: [] })));
    return this.loads.get(wc)![t];
  }

  useAt(m: string, t: number) {
    if (!this.uses.has(m)) this.uses.set(m, Array.from({ length: this.T }, () => ({ cols: [], ratio: [] })));
    return this.uses.get(m)![t];
  }
}
