// The plan LP's shared-resource rows (build-model.ts), written once every order's columns exist:
// work-center capacity with overtime, and the stock balance of each Buy item with the material
// bought for one order (dedicated.ts).
import { DEDICATED_HOLDING_COST, type DedicatedPool } from './dedicated';
import { MIN_OVERTIME_COST, purchaseCost } from './costs';
import type { MaterialVars, PlannedOrder } from './build-model';
import { filled, tidy, type ModelContext } from './model-context';

/** Capacity: one row per work center and bucket that has any in-house work, with overtime. */
export function addCapacityRows(ctx: ModelContext) {
  const { T, lp } = ctx;
  const capRows = new Map<string, Int32Array>();
  const otCols = new Map<string, Int32Array>();
  for (const [wc, c] of ctx.capacity) {
    const rows = filled(T);
    const ots = filled(T);
    capRows.set(wc, rows);
    otCols.set(wc, ots);
    const l = ctx.loads.get(wc);
    if (!l) continue;
    const name = tidy(c.wc.WorkCenterId);
    const { start, cols, coefs: hours } = l.byBucket(T);
    for (let t = 0; t < T; t++) {
      if (start[t] === start[t + 1]) continue;
      if (c.overtimeMax[t] > 0) ots[t] = ctx.addVar(`ot_${name}`, Math.max(MIN_OVERTIME_COST, c.wc.OvertimeRate), c.overtimeMax[t], -1, t);
      for (let k = start[t]; k < start[t + 1]; k++) lp.entry(cols[k], hours[k]);
      if (ots[t] >= 0) lp.entry(ots[t], -1);
      rows[t] = lp.endRow(`cap_${name}`, -Infinity, c.hours[t], t);
    }
  }
  return { capRows, otCols };
}

type Pool = DedicatedPool & { planned?: PlannedOrder };

/**
 * Materials: stock balance per Buy item used, per bucket. An order drawing on its own dedicated
 * material draws it through ded_ columns capped by its own use (dcap_ rows).
 */
export function addStockRows(ctx: ModelContext): Map<string, MaterialVars> {
  const { T, lp } = ctx;
  const materials = new Map<string, MaterialVars>();
  for (const [m, u] of ctx.uses) {
    const s = ctx.supplies.get(m)!;
    const name = tidy(s.item.ItemId);
    const mv: MaterialVars = { supply: s, inv: filled(T), buy: filled(T), rows: filled(T) };
    materials.set(m, mv);
    const pools = (ctx.dedicated.get(m) ?? []).filter((p) => p.planned);
    const { start, cols, coefs: ratio } = u.byBucket(T);
    for (let t = 0; t < T; t++) {
      const from = start[t];
      const to = start[t + 1];
      mv.inv[t] = ctx.addVar(`inv_${name}`, 0, Infinity, -1, t);
      if (t >= s.leadBucket) mv.buy[t] = ctx.addVar(`buy_${name}`, purchaseCost(s.unitPrice, t, T), Infinity, -1, t);
      // An order's draws on its own pool, each capped by its use (written before the stock row, which takes them in).
      for (const pool of pools) {
        const o = pool.planned!;
        let own = false;
        for (let k = from; k < to && !own; k++) own = ctx.colOrder[cols[k]] === o.index;
        if (!own) continue;
        const oname = `${name}_${tidy(o.order.OrderId)}`;
        pool.draw[t] = ctx.addVar(`ded_${oname}`, 0, Infinity, o.index, t);
        lp.entry(pool.draw[t], 1);
        for (let k = from; k < to; k++) if (ctx.colOrder[cols[k]] === o.index) lp.entry(cols[k], -ratio[k]);
        lp.endRow(`dcap_${oname}`, -Infinity, 0, t);
      }
      lp.entry(mv.inv[t], 1);
      for (let k = from; k < to; k++) lp.entry(cols[k], ratio[k]);
      for (const pool of pools) if (pool.draw[t] >= 0) lp.entry(pool.draw[t], -1);
      if (t > 0) lp.entry(mv.inv[t - 1], -1);
      if (mv.buy[t] >= 0) lp.entry(mv.buy[t], -1);
      const rhs = s.usableReceipts[t] + (t === 0 ? s.usable : 0);
      mv.rows[t] = lp.endRow(`stock_${name}`, rhs, rhs, t);
    }
    addPoolRows(ctx, name, pools);
  }
  return materials;
}

/** Each order's pool of one item: what it holds, receives and draws (dinv_ columns, dstock_ rows). */
function addPoolRows(ctx: ModelContext, name: string, pools: Pool[]) {
  for (const pool of pools) {
    if (!pool.draw.some((c) => c >= 0)) continue;
    const oname = `${name}_${tidy(pool.planned!.order.OrderId)}`;
    for (let t = 0; t < ctx.T; t++) {
      pool.inv[t] = ctx.addVar(`dinv_${oname}`, DEDICATED_HOLDING_COST, Infinity, -1, t);
      const cols = [pool.inv[t]];
      const coef = [1];
      if (t > 0) cols.push(pool.inv[t - 1]), coef.push(-1);
      if (pool.draw[t] >= 0) cols.push(pool.draw[t]), coef.push(1);
      const rhs = pool.receipts[t] + (t === 0 ? pool.onHand : 0);
      ctx.lp.addRow(`dstock_${oname}`, cols, coef, rhs, rhs, t);
    }
  }
}
