// A small plant whose costs are easy to work out by hand (the tests show the arithmetic).
//
//   FG (Make)  ── SA ×2 (scrap 0)  ── RM ×3 (scrap 20 %)  RM: Buy, StdCost 4
//              └─ BP ×1 (scrap 10 %)                       BP: Buy, StdCost 10
//   Routing: FG 10 @ASSY setup 2 h, run 0.5 h/unit;  SA 10 @CNC setup 4 h, run 0.25 h/unit
//   ASSY labour 40/h, overhead 20/h;  CNC labour 60/h, overhead 100/h
import { expect } from 'vitest';
import type { Plant } from '../../shared/domain';
import { recordsToRows, type PlantRecords } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';

type Rec = Record<string, unknown>;

export function twoLevel(extra: { settings?: Rec; sheets?: Record<string, Rec[]> } = {}): PlantRecords {
  const base: Record<string, Rec[]> = {
    Items: [
      { ItemId: 'FG', Type: 'Make' },
      { ItemId: 'SA', Type: 'Make' },
      { ItemId: 'RM', Type: 'Buy', StdCost: 4 },
      { ItemId: 'BP', Type: 'Buy', StdCost: 10 },
    ],
    BOM: [
      { Parent: 'FG', Component: 'SA', QtyPer: 2 },
      { Parent: 'FG', Component: 'BP', QtyPer: 1, ScrapPct: 10 },
      { Parent: 'SA', Component: 'RM', QtyPer: 3, ScrapPct: 20 },
    ],
    Routing: [
      { Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', SetupHours: 2, RunHoursPerUnit: 0.5 },
      { Item: 'SA', OpSeq: 10, WorkCenter: 'CNC', SetupHours: 4, RunHoursPerUnit: 0.25 },
    ],
    WorkCenters: [
      { WorkCenterId: 'ASSY', HoursPerDay: 8, LabourRate: 40, OverheadRate: 20 },
      { WorkCenterId: 'CNC', HoursPerDay: 8, LabourRate: 60, OverheadRate: 100 },
    ],
    Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 10, MarginPct: 20 }],
  };
  const sheets = { ...base };
  for (const [k, rows] of Object.entries(extra.sheets ?? {})) sheets[k] = rows;
  return { settings: { SimulationRuns: 2000, RandomSeed: 7, ...(extra.settings ?? {}) }, sheets };
}

export function plantOf(records: PlantRecords): Plant {
  const { plant, problems } = readPlant(recordsToRows(records), 'quote');
  expect(problems).toEqual([]);
  return plant;
}

export const BASE = twoLevel().sheets;

/** Four CostRisk rows on the twoLevel fixture, one of each kind of factor. */
export const RISKS = [
  { Target: 'RM', Factor: 'Price', Distribution: 'Triangular', Low: 0.9, Likely: 1, High: 1.3 },
  { Target: 'CNC', Factor: 'RunHours', Distribution: 'Normal', Low: 0.8, Likely: 1, High: 1.2 },
  { Target: 'ASSY', Factor: 'LabourRate', Distribution: 'Uniform', Low: 1, Likely: 1, High: 1.5 },
  { Target: 'SA', Factor: 'ScrapPct', Distribution: 'Triangular', Low: 0.5, Likely: 1, High: 2 },
];
