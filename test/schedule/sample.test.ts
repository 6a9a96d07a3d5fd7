// The schedule of the sample plant: whole pieces everywhere, every lot after its predecessor's
// units and its materials, no unit of a work center over its day — through the real HiGHS plan,
// the real sheets and the real xlsx writer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plant } from '../../shared/domain';
import { solvePlan, type PlanOutcome } from '../../shared/plan/solve-plan';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { discreteUoms, isDiscrete } from '../../shared/schedule/round';
import { dispatchRows } from '../../shared/schedule/sheets';
import { readPlant } from '../../shared/validate';
import { pickBackend } from '../../service/solvers/index';
import { resultPackage } from '../../service/xlsx/result-parts';
import { loadWorkbook } from '../exceljs-read';

let plant: Plant;
let out: PlanOutcome;
beforeAll(async () => {
  plant = readPlant(recordsToRows(samplePlant()), 'plan').plant;
  out = await solvePlan(plant, { clock: () => performance.now(), lang: 'en', backend: (m) => pickBackend('highs', m) });
}, 120_000);

describe('the sample plant’s schedule', () => {
  it('has no fractional piece in Plan, Schedule, Dispatch, Materials, purchase suggestions or the JSON', () => {
    const set = discreteUoms(plant.settings);
    const uom = new Map(plant.Items.map((i) => [i.ItemId, i.Uom]));
    const pieces = (item: string) => isDiscrete(uom.get(item), set);
    const j = out.json as unknown as { orders: { item: string; quantity: number; shortQty: number; subcontractedQty: number }[]; materials: { item: string; requirement: number; suggestedPurchase: number; projectedOnHand: number }[]; purchaseSuggestions: { quantity: number }[]; schedule: { item: string; quantity: number }[] };
    const whole = (v: unknown) => expect(Number.isInteger(v), String(v)).toBe(true);
    for (const o of j.orders) [o.quantity, o.shortQty, o.subcontractedQty].forEach(whole);
    for (const m of j.materials.filter((x) => pieces(x.item))) [m.requirement, m.suggestedPurchase, m.projectedOnHand].forEach(whole);
    for (const p of j.purchaseSuggestions) whole(p.quantity);
    // The JSON carries the lots of the first fortnight; the schedule itself every lot.
    const lots = j.schedule.filter((r) => pieces(r.item));
    expect(lots.length).toBeGreaterThan(50);
    for (const r of lots) whole(r.quantity);
    const all = out.schedule!.rows().filter((r) => pieces(r.item));
    expect(all.length).toBeGreaterThan(200);
    for (const r of all) whole(r.quantity);
    for (const d of dispatchRows(out.schedule!)) if (pieces(d.item)) whole(d.quantity);
    // Sheets: every quantity of a piece item in Plan, Materials, Schedule and Dispatch.
    for (const name of ['Plan', 'Materials', 'Schedule', 'Dispatch']) {
      const sh = out.sheets.find((s) => s.name === name)!;
      for (const r of sh.rows)
        if (pieces(String(r.item)))
          for (const k of ['quantity', 'shortQty', 'subcontractedQty', 'requirement', 'suggestedPurchase', 'projectedOnHand', 'purchaseQty']) if (typeof r[k] === 'number') whole(r[k]);
    }
    // Totals: each order's last operation makes exactly its quantity.
    for (const o of out.scheduled!.orders.filter((x) => x.state !== 'notPlanned')) {
      const last = out.schedule!.rows().filter((r) => r.orderId === o.orderId && r.item === o.item);
      const lastOp = Math.max(...last.map((r) => r.opSeq));
      expect([o.orderId, last.filter((r) => r.opSeq === lastOp).reduce((a, r) => a + r.quantity, 0)]).toEqual([o.orderId, o.quantity - o.shortQty]);
    }
  });

  it('starts every lot after its predecessor’s units are done and after its materials are there', () => {
    // Checked on the transfer batches themselves: when a batch of a step starts, the step before
    // has finished at least as many units as this step will have started with it.
    const p = out.schedule!.batches;
    const batches = Array.from({ length: p.n }, (_, i) => ({ lot: p.lot[i], start: p.start[i], end: p.end[i], placed: p.placed[i] === 1, materialReady: p.materialReady[i], materialOk: p.materialOk[i] === 1 })).filter((b) => b.placed);
    const key = (b: (typeof batches)[number]) => `${b.lot.order.order.OrderId}|${b.lot.v.op.node.item.ItemId}${b.lot.v.op.node.tag}|${b.lot.v.op.op.OpSeq}`;
    const byOp = new Map<string, typeof batches>();
    for (const b of batches) byOp.set(key(b), [...(byOp.get(key(b)) ?? []), b]);
    let checked = 0;
    for (const [k, list] of byOp) {
      const node = list[0].lot.v.op.node;
      const i = node.ops.indexOf(list[0].lot.v.op);
      if (i === 0) continue;
      const prev = byOp.get(k.replace(/\|\d+$/, `|${node.ops[i - 1].op.OpSeq}`)) ?? [];
      const sorted = list.slice().sort((a, b) => a.start - b.start);
      let started = 0;
      for (const b of sorted) {
        started += b.lot.qty;
        const doneBefore = prev.filter((p) => p.end <= b.start + 1e-9).reduce((a, p) => a + p.lot.qty, 0);
        expect(doneBefore, `${k} batch at ${b.start}`).toBeGreaterThanOrEqual(started - 1e-6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    for (const r of out.schedule!.rows()) if (r.materialReady !== null) expect(r.materialReady <= r.startDay && r.materialOk, `${r.orderId} ${r.operation}`).toBe(true);
    for (const b of batches) expect(b.materialReady <= b.start + 1e-9 && b.materialOk).toBe(true);
  });

  it('gives the rows that start before a time as the first rows, in order of start, one per lot of the columns', () => {
    const s = out.schedule!;
    const all = s.rows();
    expect(all.length).toBe(s.lots.n);
    expect(all.length).toBeGreaterThan(100);
    for (let i = 1; i < all.length; i++) expect(all[i].t0).toBeGreaterThanOrEqual(all[i - 1].t0);
    // Each a prefix of all rows, whatever was asked before (rows are made on first ask, then kept).
    for (const h of [24 * 28, 0, 24 * 3, 24 * 14, Infinity]) expect(s.rows(h)).toEqual(all.filter((r) => r.t0 < h));
  });

  it('never gives a unit of a work center more hours in a day than it has (overtime included), nor two lots at once', () => {
    const wcs = new Map(plant.WorkCenters.map((w) => [w.WorkCenterId, w]));
    const spans = new Map<string, [number, number][]>();
    for (const r of out.schedule!.rows()) {
      if (r.subcontract) continue;
      for (const [a, b] of r.pieces) {
        const k = `${r.workCenter}|${r.lane}|${Math.floor(a / 24)}`;
        spans.set(k, [...(spans.get(k) ?? []), [a, b]]);
      }
    }
    expect(spans.size).toBeGreaterThan(100);
    for (const [k, list] of spans) {
      const w = wcs.get(k.split('|')[0])!;
      list.sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < list.length; i++) expect(list[i][0], k).toBeGreaterThanOrEqual(list[i - 1][1] - 1e-6);
      const hours = list.reduce((a, [s, e]) => a + e - s, 0);
      // A day's hours per unit plus at most the day's share of the weekly overtime cap, per unit, in clock hours.
      const cap = w.HoursPerDay + w.MaxOvertimeHoursPerWeek / Math.max(1, w.DaysPerWeek) / (w.Units * (w.EfficiencyPct / 100));
      expect(hours, k).toBeLessThanOrEqual(cap + 1e-6);
    }
  });

  it('writes Schedule, Dispatch and both Gantt grids, the grids coloured by conditional formats', async () => {
    const wb = await loadWorkbook(resultPackage(out.sheets, 'zh'));
    const gantt = wb.getWorksheet('Gantt by work center')!;
    expect(gantt.getCell('A1').value).toBe('工作中心');
    expect(gantt.getCell('C1').value).toBe('11-30 周一');
    const cf = (gantt as unknown as { conditionalFormattings: { rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf.length).toBeGreaterThan(50);
    expect(cf[0].rules[0].type).toBe('colorScale');
    expect(wb.getWorksheet('Dispatch')!.getCell('A1').value).toBe('工作中心');
    // Every made item of the sample is counted in pieces, so Schedule shows quantities without decimals.
    expect(out.sheets.find((s) => s.name === 'Schedule')!.columns.find((c) => c.key === 'quantity')!.format).toBe('integer');
  });
});
