// Validation of the plan's alternatives (BOM AlternateOf; later PurchaseOrders Order and Routing
// alternates): every problem names its cell, in English and Chinese.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../shared/problems';
import type { WorkbookRows } from '../../shared/rows';
import { readPlant } from '../../shared/validate';

/** Header is row 1, so data row i is sheet row i+2. */
function book(bom: WorkbookRows[string]['rows'], routing: WorkbookRows[string]['rows'] = [['FG', 10, 'ASSY', 1, null]]): WorkbookRows {
  return {
    Settings: { header: ['Key', 'Value'], rows: [['PlanStart', '2026-11-30']] },
    Orders: { header: ['OrderId', 'Customer', 'Item', 'Quantity', 'DueDate'], rows: [['SO-1', 'ACME', 'FG', 10, '2026-12-20']] },
    Items: {
      header: ['ItemId', 'Type', 'OnHand'],
      rows: [
        ['FG', 'Make', 0],
        ['M', 'Buy', 0],
        ['M-B', 'Buy', 10],
        ['M-C', 'Buy', 10],
      ],
    },
    BOM: { header: ['Parent', 'Component', 'QtyPer', 'AlternateOf'], rows: bom },
    Routing: { header: ['Item', 'OpSeq', 'WorkCenter', 'RunHoursPerUnit', 'Preference'], rows: routing },
    WorkCenters: { header: ['WorkCenterId', 'HoursPerDay'], rows: [['ASSY', 8], ['ASSY-2', 8], ['ASSY-3', 8]] },
  };
}

const problems = (b: WorkbookRows) => readPlant(b, 'plan').problems;

describe('alternate components in validation', () => {
  it('accepts several alternates of one primary', () => {
    expect(problems(book([['FG', 'M', 1, null], ['FG', 'M-B', 1, 'M'], ['FG', 'M-C', 2, 'm']]))).toEqual([]);
  });

  it('names the cell of an alternate of an alternate, and the line it points at', () => {
    const p = problems(book([['FG', 'M', 1, null], ['FG', 'M-B', 1, 'M'], ['FG', 'M-C', 1, 'M-B']]));
    expect(p.map((x) => formatProblem(x))).toEqual([
      'BOM!D4: "M-B" is itself an alternate (of "M", BOM!D3): an alternate of an alternate is not allowed; name the primary "M" instead',
    ]);
    expect(p[0].messageZh).toContain('替代料的替代料');
  });

  it('names the cell of an alternate whose primary is not a component of that parent', () => {
    const p = problems(book([['FG', 'M', 1, null], ['FG', 'M-B', 1, 'M-X']]));
    expect(p.map((x) => formatProblem(x))).toEqual(['BOM!D3: "M-X" is not a component of "FG": AlternateOf must name a Component of another BOM line of the same parent']);
    expect(formatProblem(p[0], 'zh')).toBe('BOM!D3: “M-X”不是“FG”的子项：替代料须填写同一父项另一行的子项');
  });

  it('names the cell of an alternate of itself', () => {
    const p = problems(book([['FG', 'M', 1, null], ['FG', 'M-B', 1, 'M-B']]));
    expect(p.map((x) => `${x.sheet}!${x.cell}`)).toEqual(['BOM!D3']);
    expect(p[0].message).toContain('cannot be an alternate of itself');
  });
});

describe('alternative work centers in validation', () => {
  const bom = [['FG', 'M', 1, null]];
  it('accepts rows of one operation on several work centers, ranked or not', () => {
    expect(problems(book(bom, [['FG', 10, 'ASSY', 1, 1], ['FG', 10, 'ASSY-2', 2, 2], ['FG', 10, 'ASSY-3', 2, null]]))).toEqual([]);
  });

  it('names the cell of a Preference on an operation with a single row', () => {
    const p = problems(book(bom, [['FG', 10, 'ASSY', 1, 1]]));
    expect(p.map((x) => formatProblem(x))).toEqual(['Routing!E2: Preference ranks alternative work centers, but FG operation 10 has only this row: add a row with another WorkCenter or leave Preference blank']);
    expect(p[0].messageZh).toContain('替代工作中心');
  });

  it('names the cell of a duplicate preference', () => {
    const p = problems(book(bom, [['FG', 10, 'ASSY', 1, 1], ['FG', 10, 'ASSY-2', 2, 1]]));
    expect(p.map((x) => formatProblem(x))).toEqual(['Routing!E3: Preference 1 is also given to ASSY (row 2) for FG operation 10: give each alternative work center its own Preference (1 = preferred)']);
  });

  it('still reports the same operation twice on one work center as a duplicate', () => {
    const p = problems(book(bom, [['FG', 10, 'ASSY', 1, null], ['FG', 10, 'assy', 2, null]]));
    expect(p.map((x) => `${x.sheet}!${x.cell}`)).toEqual(['Routing!B3']);
  });
});
