// Cost risk: CostRisk rows as multipliers, and the roll-up compiled into a linear form
//
//   cost = Σ_g C_g × Π_{j ∈ g} m_j        price = Σ_g P_g × Π_{j ∈ g} m_j
//
// where m_j are the drawn factor multipliers plus one derived multiplier per risky scrap line, and
// terms with the same set of multipliers are merged into one group g. A draw is then a few array
// operations, whatever the size of the BOM.
//
// What each factor multiplies (Target = an ItemId or a WorkCenterId):
//   Price       item: its purchase price, and its subcontract price;  work center: subcontract price there
//   RunHours    item: run hours of its operations;                    work center: run hours of operations there
//   LabourRate  item: labour rate of its operations (setup and run);  work center: its labour rate
//   ScrapPct    item: ScrapPct of BOM lines where it is the parent or the component; the line's usage
//               becomes QtyPer × (1 + ScrapPct × m/100), so everything below it scales by
//               (1 + s·m/100)/(1 + s/100). A line with ScrapPct 0 stays 0.
// Setup hours are not run hours and are not scaled by RunHours or scrap. Lots (for supplier price
// breaks) are those of the expected roll-up: a draw changes costs, not which supplier is used.
//
// Distributions of a multiplier (Low ≤ Likely ≤ High):
//   Fixed       always Likely (Low and High are ignored, also in the tornado)
//   Uniform     between Low and High
//   Triangular  Low, mode Likely, High
//   Normal      mean Likely; Low and High read as P10 and P90, so sd = (High − Low) / (2 × 1.2816)
//               (z of P90 from simple-statistics' probit); a draw below 0 is taken as 0.
import { probit } from 'simple-statistics';
import type { BomLine, CostRiskRow, Plant } from '../domain';
import { idKey, plantNetwork } from '../network';
import { cellOf } from '../parse';
import { problem, type Problem } from '../problems';
import { factorKey, type CostElement, type CostTerm } from './rollup';

const Z90 = probit(0.9);

/** Multiplier at cumulative probability u ∈ [0, 1): the inverse CDF of the row's distribution. */
export function drawMultiplier(r: Pick<CostRiskRow, 'Distribution' | 'Low' | 'Likely' | 'High'>, u: number): number {
  const { Low: a, Likely: c, High: b } = r;
  switch (r.Distribution) {
    case 'Fixed':
      return c;
    case 'Uniform':
      return a + u * (b - a);
    case 'Triangular': {
      if (b <= a) return c;
      const fc = (c - a) / (b - a);
      return u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'Normal': {
      const sd = (b - a) / (2 * Z90);
      return sd > 0 ? Math.max(0, c + sd * probit(u)) : c;
    }
  }
}

/** The multiplier used for a factor at the low or high end of the tornado. */
export const tornadoEnd = (r: CostRiskRow, end: 'Low' | 'High'): number => (r.Distribution === 'Fixed' ? r.Likely : r[end]);

/** CostRisk rows that cannot apply: ScrapPct belongs to BOM lines, so it needs an item. */
export function riskProblems(plant: Plant): Problem[] {
  const items = plantNetwork(plant).items;
  return plant.CostRisk.filter((r) => r.Factor === 'ScrapPct' && !items.has(idKey(r.Target))).map((r) =>
    problem(plant.sheetNames.CostRisk ?? 'CostRisk', cellOf(plant, 'CostRisk', r, 'Target'), `ScrapPct risk needs an item as Target (got "${r.Target}"): scrap belongs to BOM lines`, `损耗率风险的对象必须是物料（当前为“${r.Target}”）：损耗率属于物料清单行`),
  );
}

export interface CompiledCost {
  /** drawn factors = CostRisk rows, in sheet order */
  factors: number;
  /** derived scrap multipliers, index factors + i */
  scrap: { pct: number; factors: Int32Array }[];
  /** group g uses multipliers idx[start[g] .. start[g+1]) */
  start: Int32Array;
  idx: Int32Array;
  cost: Float64Array;
  price: Float64Array;
}

export function compileCost(terms: CostTerm[], risks: CostRiskRow[], priceFactor: Record<CostElement, number>): CompiledCost {
  const byKey = new Map<string, number[]>();
  const scrapByItem = new Map<string, number[]>();
  risks.forEach((r, i) => {
    if (r.Factor === 'ScrapPct') scrapByItem.set(idKey(r.Target), [...(scrapByItem.get(idKey(r.Target)) ?? []), i]);
    else byKey.set(factorKey(r.Factor, r.Target), [...(byKey.get(factorKey(r.Factor, r.Target)) ?? []), i]);
  });
  const scrap: CompiledCost['scrap'] = [];
  const scrapIndex = new Map<BomLine, number | undefined>();
  const scrapOf = (b: BomLine): number | undefined => {
    if (scrapIndex.has(b)) return scrapIndex.get(b);
    const fs = [...(scrapByItem.get(idKey(b.Parent)) ?? []), ...(scrapByItem.get(idKey(b.Component)) ?? [])];
    const at = fs.length ? risks.length + scrap.push({ pct: b.ScrapPct, factors: Int32Array.from(fs) }) - 1 : undefined;
    scrapIndex.set(b, at);
    return at;
  };
  const groups = new Map<string, { idx: number[]; cost: number; price: number }>();
  for (const t of terms) {
    if (t.coef === 0) continue;
    const idx = [...t.factors.flatMap((k) => byKey.get(k) ?? []), ...t.scrap.flatMap((b) => { const i = scrapOf(b); return i === undefined ? [] : [i]; })].sort((a, b) => a - b);
    const k = idx.join(',');
    const g = groups.get(k) ?? { idx, cost: 0, price: 0 };
    g.cost += t.coef;
    g.price += t.coef * priceFactor[t.element];
    groups.set(k, g);
  }
  const gs = [...groups.values()];
  const start = new Int32Array(gs.length + 1);
  gs.forEach((g, i) => (start[i + 1] = start[i] + g.idx.length));
  return {
    factors: risks.length,
    scrap,
    start,
    idx: Int32Array.from(gs.flatMap((g) => g.idx)),
    cost: Float64Array.from(gs.map((g) => g.cost)),
    price: Float64Array.from(gs.map((g) => g.price)),
  };
}

/**
 * Cost and price for drawn factor multipliers `k` (length c.factors). `m` is scratch space of
 * length c.factors + c.scrap.length, reused between draws. Returns cost; price goes to out[0].
 */
export function evaluate(c: CompiledCost, k: Float64Array, m: Float64Array, out: Float64Array): number {
  const nf = c.factors;
  for (let i = 0; i < nf; i++) m[i] = k[i];
  for (let s = 0; s < c.scrap.length; s++) {
    const { pct, factors } = c.scrap[s];
    let p = 1;
    for (let j = 0; j < factors.length; j++) p *= k[factors[j]];
    m[nf + s] = (1 + (pct * p) / 100) / (1 + pct / 100);
  }
  const { start, idx, cost: cc, price: pc } = c;
  let cost = 0;
  let price = 0;
  for (let g = 0, n = cc.length; g < n; g++) {
    let v = 1;
    for (let j = start[g], e = start[g + 1]; j < e; j++) v *= m[idx[j]];
    cost += cc[g] * v;
    price += pc[g] * v;
  }
  out[0] = price;
  return cost;
}
