// The finite schedule: lots placed one by one, in a dispatch order, on the lane of their work
// center that finishes them first, at the earliest time when
//   - the order is released (and, when following the plan, the lot's planning bucket has begun),
//   - the units it works on are done by the operation before (an operation starts a lot when its
//     predecessor's units for that lot are finished; components likewise, QtyPer × scrap each),
//   - its Buy materials are there (stock above safety stock, open POs on their due dates,
//     suggested purchases on the day they are needed by),
//   - the lane is free for the whole lot, setup included, within the days' working hours.
// A lot that does not fit in the rest of a day goes on at the start of the lane's next working
// day (and is reported as split over days). A lot longer than a day moves in transfer batches:
// the next operation starts on the first batch while this one works on the rest, as on the shop
// floor; the setup is paid once per lot on each unit the lot runs on. A gap left earlier on a lane is used by a later lot
// that fits in it, so a low-priority order still fills an idle Monday.
import type { OpVars, PlanModel, PlannedOrder } from '../plan/build-model';
import type { PlanOp, WorkCenterChoice } from '../plan/network';
import type { Operation } from '../domain';
import { lotDraws, type AlternateCover, type OwnMaterial, type Substitution } from '../plan/alternates';
import { OVERFLOW_DAYS, SHIFT_START, type WorkCenterDays } from './days';
import { SHIP_WC } from '../plan/stock';

export interface Lot {
  order: PlannedOrder;
  /** position of the operation in order.ops (components first) */
  opIndex: number;
  v: OpVars;
  /** the planning bucket the lot belongs to (its first, for a lot merged over buckets) */
  bucket: number;
  qty: number;
  subcontract: boolean;
  /** this operation's units in this batch and the ones of it before */
  cumQty: number;
  /** the lot this transfer batch belongs to (batches of one lot share its setup) */
  lotId: number;
  /** an alternative work center the plan put these units on (the operation's own when undefined) */
  center?: WorkCenterChoice;
}

/** The work center (lower-case id) a lot runs on, and the Routing row that gives its hours. */
export const lotWc = (lot: Lot): string => lot.center?.wc ?? lot.v.op.wc;
export const lotOp = (lot: Lot): Operation => lot.center?.op ?? lot.v.op.op;
/** A Buy item ordered directly: its one step ships the units as they are there, on no work center and in no time. */
export const ships = (lot: Lot): boolean => lot.v.op.wc === SHIP_WC;

/**
 * Lots as placed, in columns: lot i is lot[i], on lane[i], … (typed arrays: no object, and no
 * boxed number, per transfer batch — a 1000-order plant places tens of thousands).
 */
export interface Placed {
  /** how many */
  n: number;
  lot: Lot[];
  /** 1-based lane (unit) of the work center; 0 for a subcontracted lot */
  lane: Int32Array;
  start: Float64Array;
  end: Float64Array;
  setupHours: Float64Array;
  runHours: Float64Array;
  /** when its materials are there (−Infinity when it needs none) */
  materialReady: Float64Array;
  /** 0 when stock, open POs and suggested purchases do not cover it */
  materialOk: Uint8Array;
  /** 0 when no working time was found (no working day) */
  placed: Uint8Array;
  /** its working stretches, one per day: stretches[2k] to stretches[2k + 1] (hours from PlanStart) for k from first[i], days[i] of them */
  first: Int32Array;
  days: Int32Array;
  stretches: number[];
  /** alternate components drawn instead of primaries (BOM AlternateOf), by lot; none for most */
  alternates: Map<number, AlternateDrawn[]>;
}

/** Room for `cap` placed lots. */
export function placedOf(cap: number): Placed {
  return {
    n: 0,
    lot: new Array<Lot>(cap),
    lane: new Int32Array(cap),
    start: new Float64Array(cap),
    end: new Float64Array(cap),
    setupHours: new Float64Array(cap),
    runHours: new Float64Array(cap),
    materialReady: new Float64Array(cap),
    materialOk: new Uint8Array(cap),
    placed: new Uint8Array(cap),
    first: new Int32Array(cap),
    days: new Int32Array(cap),
    stretches: [],
    alternates: new Map(),
  };
}

interface OpState {
  done: Done;
  /** the operation's place in its node's routing */
  k: number;
  /** the Done of what its lots wait for, and (for components) units of each per unit */
  before: Done[];
  ratios: number[];
}

/** A supply of a Buy item: quantities arriving at times (hours from PlanStart). */
export interface MaterialTimeline {
  times: number[];
  qty: number[];
}

/** `qty` units of the alternate `item` drawn in place of `primary`. */
export interface AlternateDrawn {
  item: string;
  qty: number;
  primary: string;
}

export interface SequenceInput {
  pm: PlanModel;
  days: Map<string, WorkCenterDays>;
  materials: Map<string, MaterialTimeline>;
  /** earliest start of a lot (release, and the bucket when following the plan) */
  releaseOf: (lot: Lot) => number;
  /** parts whose Buy components the plan covered by alternates (plan/alternates.ts) */
  alternates?: AlternateCover;
  /** per order, its own (dedicated) material and the plan's draws of it (plan/dedicated.ts) */
  own?: Map<PlannedOrder, OwnMaterial>;
}

/** No working time between a and b (a night, a weekend, a holiday). */
export function idleBetween(w: WorkCenterDays, a: number, b: number): boolean {
  if (b - a <= 1e-9) return true;
  for (let d = Math.max(0, Math.floor((a - SHIFT_START) / 24)); 24 * d + SHIFT_START < b - 1e-9; d++) {
    const ws = 24 * d + SHIFT_START;
    const we = ws + w.open(d);
    if (Math.max(ws, a) < Math.min(we, b) - 1e-9) return false;
  }
  return true;
}

/** Busy stretches of one lane, sorted and disjoint, as flat [start0, end0, start1, end1, …]. */
class Lane {
  busy: number[] = [];
  constructor(private readonly w: WorkCenterDays) {}
  private idle(a: number, b: number): boolean {
    return idleBetween(this.w, a, b);
  }
  /** index of the first stretch that ends after t */
  private after(t: number): number {
    const b = this.busy;
    let lo = 0;
    let hi = b.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[2 * mid + 1] > t + 1e-9) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** after the last skip: no stretch before this one ends after the time it returned (where clash looks from) */
  private from = 0;
  /** the first time from t that begins a free gap at least `dur` clock hours long (a shorter one cannot hold the lot) */
  skip(t: number, dur: number): number {
    const b = this.busy;
    let i = this.after(t);
    if (2 * i < b.length && b[2 * i] <= t + 1e-9) t = b[2 * i++ + 1];
    // Look into at most 64 gaps, then go to the lane's end: a lane fragmented into many small
    // gaps would otherwise cost every later lot a walk through all of them.
    for (let k = 0; 2 * i < b.length && b[2 * i] - t < dur - 1e-9; k++) t = k < 64 ? b[2 * i++ + 1] : ((i = b.length / 2), b[b.length - 1]);
    this.from = i;
    return t;
  }
  /**
   * The end of the first stretch that overlaps one of the `n` working stretches in flat `at`
   * (in order, from the time the last skip returned), or −1. The first stretch ending after
   * each one's start is walked to from skip's place rather than searched for: starts only grow.
   */
  clash(at: number[], n: number): number {
    const b = this.busy;
    let i = this.from;
    for (let j = 0; j < n; j++) {
      const s = at[2 * j];
      while (2 * i < b.length && b[2 * i + 1] <= s + 1e-9) i++;
      if (2 * i < b.length && b[2 * i] < Math.max(at[2 * j + 1], s + 1e-9) - 1e-9) return b[2 * i + 1];
    }
    return -1;
  }
  add(s: number, e: number): void {
    if (e - s <= 1e-9) return;
    const b = this.busy;
    let i = this.after(s);
    // Merge with a neighbour that touches or is only a night or a closed day away, so a full
    // lane stays a few long stretches and placing a lot jumps over them at once.
    if (i > 0 && this.idle(b[2 * i - 1], s)) {
      i--;
      b[2 * i + 1] = e;
    } else if (2 * i === b.length) b.push(s, e);
    else b.splice(2 * i, 0, s, e);
    if (2 * i + 2 < b.length && this.idle(b[2 * i + 1], b[2 * i + 2])) {
      b[2 * i + 1] = b[2 * i + 3];
      b.splice(2 * i + 2, 2);
    }
  }
}

/**
 * Working stretches for `dur` clock hours starting no earlier than t, ignoring other lots, into
 * `out` as flat [start0, end0, start1, end1, …] (reused: most tries are dropped); how many, or −1
 * past the overflow.
 */
function stretches(w: WorkCenterDays, t: number, dur: number, lastDay: number, out: number[]): number {
  let n = 0;
  let d = Math.max(0, Math.floor((t - SHIFT_START) / 24));
  let rem = dur;
  let at = t;
  for (; d <= lastDay; d++) {
    const open = w.open(d);
    if (open <= 0) continue;
    const ws = 24 * d + SHIFT_START;
    const we = ws + open;
    const s = Math.max(at, ws);
    if (s >= we - 1e-9 && !(rem <= 1e-9 && s <= we)) continue;
    const e = Math.min(we, s + rem);
    out[2 * n] = s;
    out[2 * n + 1] = e;
    n++;
    rem -= e - s;
    if (rem <= 1e-9) return n;
    at = we;
  }
  return -1;
}

/**
 * Units an operation has finished, sorted by end time, with running totals: one flat array
 * [end0, qty0, total0, end1, …] (one array per operation, not three: there is one per operation
 * of every order, and all of them live as long as the sequence).
 */
class Done {
  private at: number[] = [];
  add(end: number, qty: number): void {
    const a = this.at;
    let i = a.length;
    while (i > 0 && a[i - 3] > end) i -= 3;
    // In order of end, as most lots of an operation finish: appended.
    if (i === a.length) {
      a.push(end, qty, (i > 0 ? a[i - 1] : 0) + qty);
      return;
    }
    a.splice(i, 0, end, qty, 0);
    for (let k = i; k < a.length; k += 3) a[k + 2] = (k > 0 ? a[k - 1] : 0) + a[k + 1];
  }
  get last(): number {
    return this.at.length ? this.at[this.at.length - 3] : -Infinity;
  }
  /** earliest time `need` units are done (Infinity if they never are) */
  when(need: number): number {
    if (need <= 1e-9) return -Infinity;
    const target = need - 1e-6 * Math.max(1, need);
    const a = this.at;
    const n = a.length / 3;
    if (!n || a[a.length - 1] < target) return Infinity;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[3 * mid + 2] >= target) hi = mid;
      else lo = mid + 1;
    }
    return a[3 * lo];
  }
}


// (Its own function: a scan inside sequence would have it compiled, on the scan's loop, before
// its main loop has run, and compiled again.)
function maxLotId(lots: Lot[]): number {
  let m = -1;
  for (let i = 0; i < lots.length; i++) if (lots[i].lotId > m) m = lots[i].lotId;
  return m;
}

export function sequence(input: SequenceInput, lots: Lot[]): Placed {
  const { pm, days } = input;
  const lastDay = pm.buckets.offsets[pm.buckets.count] + OVERFLOW_DAYS - 1;
  const lanes = new Map<string, Lane[]>();
  for (const [id, w] of days) lanes.set(id, Array.from({ length: w.lanes }, () => new Lane(w)));
  // Per operation of each order: its completed units, its place in the routing, and what its lots
  // wait for (the operation before, or each component's last operation with its units per unit).
  const states = new Map<PlanOp, OpState>();
  const doneOf = (op: PlanOp): Done => stateOf(op).done;
  const stateOf = (op: PlanOp): OpState => {
    let st = states.get(op);
    if (st) return st;
    const node = op.node;
    const k = node.ops.indexOf(op);
    st = { done: new Done(), k, before: [], ratios: [] };
    states.set(op, st);
    if (k > 0) st.before.push(doneOf(node.ops[k - 1]));
    else
      for (const c of node.makeChildren) {
        st.before.push(doneOf(c.node.ops[c.node.ops.length - 1]));
        st.ratios.push(c.ratio);
      }
    return st;
  };
  const used = new Map<string, number>();
  const out = placedOf(lots.length);
  const altUsed = new Map<Substitution | string, number>();

  // Lanes each lot is set up on: a bit per lane below 31 in an array by lot id (lot ids are
  // numbered from 0, so no map or object per lot), else a list.
  const setUpBits = new Int32Array(maxLotId(lots) + 1);
  const setUpMore = new Map<number, number[]>();
  const isSetUp = (lotId: number, li: number) => (li < 31 ? (setUpBits[lotId] & (1 << li)) !== 0 : (setUpMore.get(lotId)?.includes(li) ?? false));
  const markSetUp = (lotId: number, li: number) => {
    if (li < 31) setUpBits[lotId] |= 1 << li;
    else setUpMore.set(lotId, [...(setUpMore.get(lotId) ?? []), li]);
  };
  // When `need` units of `op` are done (as a lot becomes ready: never expected to be missing —
  // rounding keeps predecessors ahead — but then it waits for all of them).
  const doneAt = (l: Done, need: number) => {
    const at = l.when(need);
    return at === Infinity ? l.last : at;
  };

  let trial: number[] = [];
  let best: number[] = [];
  for (let x = 0; x < lots.length; x++) {
    const lot = lots[x];
    const op = lot.v.op;
    const node = op.node;
    const st = stateOf(op);
    const k = st.k;
    let ready = input.releaseOf(lot);
    // Precedence: the operation before in the routing, or the components for the first one.
    if (k > 0) ready = Math.max(ready, doneAt(st.before[0], lot.cumQty));
    else for (let c = 0; c < st.before.length; c++) ready = Math.max(ready, doneAt(st.before[c], st.ratios[c] * lot.cumQty));
    // Materials, drawn when the node's first operation starts.
    let materialReady = -Infinity;
    let materialOk = true;
    let alts: AlternateDrawn[] | undefined;
    if (k === 0) {
      const draws = lotDraws(node, lot.qty, input.alternates, altUsed, input.own?.get(lot.order));
      for (let di = 0; di < draws.length; di++) {
        const d = draws[di];
        if (d.alternateOf) (alts ??= []).push({ item: d.item.ItemId, qty: Math.round(d.qty * 1e4) / 1e4, primary: d.alternateOf.ItemId });
        const m = d.key;
        const tl = input.materials.get(m);
        const need = (used.get(m) ?? 0) + d.qty;
        used.set(m, need);
        let sum = 0;
        let at = Infinity;
        if (tl)
          for (let i = 0; i < tl.times.length; i++) {
            sum += tl.qty[i];
            if (sum >= need - 1e-6 * Math.max(1, need)) {
              at = tl.times[i];
              break;
            }
          }
        if (at === Infinity) {
          materialOk = false;
          at = tl && tl.times.length ? tl.times[tl.times.length - 1] : -Infinity;
        }
        materialReady = Math.max(materialReady, at);
      }
    }
    ready = Math.max(ready, materialReady);

    // (The placed batch is made once its lane and times are known: one shape for every batch.)
    let laneNo = 0;
    let start = ready;
    let end = ready;
    let dayCount = -1; // of working stretches, −1 when not placed
    let setupHours = 0;
    let runHours = 0;
    if (lot.subcontract) end = ready + 24 * (op.op.SubcontractLeadDays ?? 0);
    else if (ships(lot)) dayCount = 0; // placed when its units are there
    else {
      const wc = lotWc(lot);
      const rop = lotOp(lot);
      const w = days.get(wc);
      runHours = rop.RunHoursPerUnit * lot.qty;
      // The best lane so far keeps its stretches in `best`; each try writes into `trial`.
      let bestLane = -1;
      let bestN = 0;
      let bestEnd = Infinity;
      let bestDur = -1;
      const wcLanes = lanes.get(wc) ?? [];
      for (let li = 0; li < wcLanes.length; li++) {
        const lane = wcLanes[li];
        const dur = w ? ((isSetUp(lot.lotId, li) ? 0 : rop.SetupHours) + runHours) / w.eff : 0;
        let t = ready;
        for (let guard = 0; guard < 1_000_000; guard++) {
          t = lane.skip(t, dur);
          // A lot of the same length from no earlier than the best lane's start cannot end sooner
          // (working time from a later start reaches the same hours no earlier): not tried.
          if (dur === bestDur && t >= best[0]) break;
          const n = stretches(w!, t, dur, lastDay, trial);
          if (n < 0) break;
          const s = trial[0];
          const e = trial[2 * n - 1];
          // Nor can a lane whose earliest end is not sooner than the best's (trying later only ends later).
          if (bestLane >= 0 && !(e < bestEnd - 1e-9)) break;
          const clash = lane.clash(trial, n);
          if (clash < 0) {
            if (bestLane < 0 || e < bestEnd - 1e-9) {
              bestLane = li;
              bestN = n;
              bestEnd = e;
              bestDur = dur;
              const kept = best;
              best = trial;
              trial = kept;
            }
            break;
          }
          t = Math.max(clash, s + 1e-9);
        }
      }
      if (bestLane >= 0) {
        const lane = wcLanes[bestLane];
        for (let j = 0; j < bestN; j++) lane.add(best[2 * j], best[2 * j + 1]);
        dayCount = bestN;
        laneNo = bestLane + 1;
        if (!isSetUp(lot.lotId, bestLane)) {
          setupHours = rop.SetupHours;
          markSetUp(lot.lotId, bestLane);
        }
        start = best[0];
        end = bestEnd;
      }
    }
    const placed = lot.subcontract || dayCount >= 0;
    const i = out.n++;
    out.lot[i] = lot;
    out.lane[i] = laneNo;
    out.start[i] = start;
    out.end[i] = end;
    out.setupHours[i] = setupHours;
    out.runHours[i] = runHours;
    out.materialReady[i] = materialReady;
    out.materialOk[i] = materialOk ? 1 : 0;
    out.placed[i] = placed ? 1 : 0;
    out.first[i] = out.stretches.length / 2;
    out.days[i] = Math.max(0, dayCount);
    for (let j = 0; j < 2 * dayCount; j++) out.stretches.push(best[j]);
    if (alts) out.alternates.set(i, alts);
    if (placed) st.done.add(end, lot.qty);
  }
  return out;
}
