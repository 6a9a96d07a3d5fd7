// Every validation rule, asserting the exact cell each problem names.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../shared/problems';
import type { WorkbookRows } from '../../shared/rows';
import { findBomCycle, readPlant } from '../../shared/validate';

/** A tiny valid plant; each test breaks one thing. Header is row 1, so data row i is sheet row i+2. */
function book(): WorkbookRows {
  return {
    Settings: { header: ['Key', 'Value'], rows: [['PlanStart', '2026-11-30'], ['BucketDays', 7]] },
    Orders: {
      header: ['OrderId', 'Customer', 'Item', 'Quantity', 'DueDate', 'ReleaseDate', 'Priority', 'Status'],
      rows: [
        ['SO-1', 'ACME', 'FG', 10, '2026-12-20', '2026-11-30', 1, 'Approved'],
        ['SO-2', 'ACME', 'FG', 5, '2026-12-27', null, null, null],
      ],
    },
    Items: {
      header: ['ItemId', 'Type', 'OnHand'],
      rows: [
        ['FG', 'Make', 0],
        ['SUB', 'Make', 0],
        ['RM', 'Buy', 100],
      ],
    },
    BOM: {
      header: ['Parent', 'Component', 'QtyPer', 'ScrapPct'],
      rows: [
        ['FG', 'SUB', 1, 0],
        ['SUB', 'RM', 2, 5],
      ],
    },
    Routing: {
      header: ['Item', 'OpSeq', 'WorkCenter', 'SetupHours', 'RunHoursPerUnit'],
      rows: [
        ['FG', 10, 'ASSY', 1, 0.5],
        ['SUB', 10, 'CNC', 0, 0.25],
      ],
    },
    WorkCenters: {
      header: ['WorkCenterId', 'HoursPerDay'],
      rows: [
        ['ASSY', 8],
        ['CNC', 16],
      ],
    },
  };
}

const cells = (b: WorkbookRows, job: 'plan' | 'all' = 'plan') => readPlant(b, job).problems.map((p) => `${p.sheet}!${p.cell}`);

describe('readPlant', () => {
  it('accepts a valid plant and applies defaults', () => {
    const { plant, problems } = readPlant(book(), 'plan');
    expect(problems).toEqual([]);
    expect(plant.Orders[1]).toMatchObject({ OrderId: 'SO-2', Priority: 3, Status: 'Approved', ReleaseDate: undefined, row: 3 });
    expect(plant.WorkCenters[0]).toMatchObject({ DaysPerWeek: 5, Units: 1, EfficiencyPct: 100 });
    expect(plant.settings).toMatchObject({ PlanStart: '2026-11-30', BucketDays: 7, HorizonBuckets: 26 });
  });

  it('names the cell of a negative quantity with the issue\'s wording', () => {
    const b = book();
    b.Orders.rows[1][3] = -10;
    const { problems } = readPlant(b, 'plan');
    expect(problems.map((p) => formatProblem(p))).toEqual(['Orders!D3: Quantity must be a positive number (got -10)']);
    expect(problems[0].messageZh).toContain('数量');
  });

  it('rejects zero quantities and wrong types', () => {
    const b = book();
    b.Orders.rows[0][3] = 0;
    b.WorkCenters.rows[1][1] = 'lots';
    b.Orders.rows[0][6] = 2.5; // Priority must be a whole number
    expect(cells(b)).toEqual(['Orders!D2', 'Orders!G2', 'WorkCenters!B3']);
  });

  it('reports a missing sheet and a missing required column', () => {
    const b = book();
    delete (b as Record<string, unknown>).WorkCenters;
    b.Orders.header[4] = 'Due'; // DueDate column renamed away
    const { problems } = readPlant(b, 'plan');
    const list = problems.map((p) => formatProblem(p));
    expect(list).toContain('WorkCenters!A1: missing sheet WorkCenters (工作中心): add it with columns WorkCenterId, HoursPerDay');
    expect(list).toContain('Orders!I1: missing required column DueDate (交期): add it to the header row');
    // Routing rows now reference unknown work centers: reported too, all at once.
    expect(list.filter((s) => s.startsWith('Routing!C'))).toHaveLength(2);
  });

  it('reports unknown item, work center and supplier references', () => {
    const b = book();
    b.Orders.rows[1][2] = 'NOPE';
    b.Routing.rows[1][2] = 'MILL';
    b.Suppliers = { header: ['SupplierId', 'Name'], rows: [['S1', 'One']] };
    b.SupplierItems = { header: ['Supplier', 'Item', 'UnitPrice'], rows: [['S2', 'RM', 3]] };
    expect(cells(b)).toEqual(['Orders!C3', 'Routing!C3', 'SupplierItems!A2']);
    expect(readPlant(b, 'plan').problems[0].message).toBe('unknown item "NOPE": add it to Items or correct the code');
  });

  it('reports duplicate ids at the second occurrence', () => {
    const b = book();
    b.Orders.rows[1][0] = 'so-1';
    const { problems } = readPlant(b, 'plan');
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'Orders!A3: duplicate OrderId "so-1" (first used in row 2): give each row its own OrderId',
    ]);
  });

  it('reports a duplicate composite key (the same operation twice) at the second row', () => {
    const b = book();
    // (The same Item and OpSeq on another work center is an alternative work center, not a duplicate.)
    b.Routing.rows.push(['fg', 10, 'assy', 0, 1]);
    expect(readPlant(b, 'plan').problems.map((p) => formatProblem(p))).toEqual([
      'Routing!B4: duplicate Item / OpSeq / WorkCenter "fg / 10 / assy" (first used in row 2): merge the two rows or delete one',
    ]);
  });

  it('allows the same BOM line twice when an engineering change dates them apart', () => {
    const b = book();
    b.BOM.header.push('ValidFrom');
    b.BOM.rows[0].push(null);
    b.BOM.rows.push(['FG', 'SUB', 2, 0, '2027-01-01']);
    expect(readPlant(b, 'plan').problems).toEqual([]);
  });

  it('reports a routing on a Buy item (an order for one is resale: the plan says so)', () => {
    const b = book();
    b.Routing.rows.push(['RM', 10, 'CNC', 0, 1]);
    b.Orders.rows[1][2] = 'RM';
    expect(cells(b)).toEqual(['Routing!A4']);
  });

  it('reports a setting given twice and a mistyped setting key, ignoring other notes', () => {
    const b = book();
    b.Settings.rows.push(['BucketDays', 14], ['BucketDayz', 7], ['Owner', 'Mia']);
    expect(readPlant(b, 'plan').problems.map((p) => formatProblem(p))).toEqual([
      'Settings!A4: setting BucketDays is given twice (also at B3): keep one row',
      'Settings!A5: unknown setting "BucketDayz": did you mean BucketDays?',
    ]);
  });

  it('names a BOM cycle', () => {
    const b = book();
    b.BOM.rows.push(['RM', 'FG', 1, 0]);
    b.Items.rows[2][1] = 'Make';
    b.Routing.rows.push(['RM', 10, 'CNC', 0, 1]);
    const { problems } = readPlant(b, 'plan');
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'BOM!B4: BOM cycle FG → SUB → RM → FG (lines BOM!B2, BOM!B3, BOM!B4): an item cannot contain itself; remove one of these lines',
    ]);
    expect(findBomCycle([{ Parent: 'A', Component: 'B' }, { Parent: 'B', Component: 'C' }])).toBeUndefined();
  });

  it('reports a Make item with no routing', () => {
    const b = book();
    b.Routing.rows.pop();
    expect(readPlant(b, 'plan').problems.map((p) => formatProblem(p))).toEqual([
      'Items!B3: Make item "SUB" has no routing: add its operations to Routing or set Type to Buy',
    ]);
  });

  it('reports a due date before the release date, and an unknown status', () => {
    const b = book();
    b.Orders.rows[0][4] = '2026-11-01';
    b.Orders.rows[1][7] = 'Shipped';
    const list = readPlant(b, 'plan').problems.map((p) => formatProblem(p));
    expect(list).toEqual([
      'Orders!H3: Status must be one of Draft, Approved, InProduction, Delivered, Completed, Cancelled (got Shipped)',
      'Orders!E2: DueDate 2026-11-01 is before ReleaseDate 2026-11-30: move the due date or the release date',
    ]);
  });

  it('reports an invalid Date cell instead of crashing', () => {
    const b = book();
    b.Orders.rows[0][4] = new Date(Number.NaN);
    expect(readPlant(b, 'plan').problems.map((p) => formatProblem(p))).toEqual([
      'Orders!E2: DueDate must be a date such as 2026-03-31 (got an invalid date)',
    ]);
  });

  it('reports a missing Settings sheet once', () => {
    const b = book();
    delete (b as Record<string, unknown>).Settings;
    expect(readPlant(b, 'plan').problems.map((p) => formatProblem(p))).toEqual([
      'Settings!A1: missing sheet Settings (设置) with columns Key, Value: run `mto-planner template` to get one',
    ]);
  });

  it('requires PlanStart to plan, naming the Settings cell', () => {
    const b = book();
    b.Settings.rows[0][1] = null;
    expect(cells(b)).toEqual(['Settings!B2']);
  });

  it('accepts Chinese headers, Chinese sheet and enum names, Excel serial dates', () => {
    const b = book();
    b.订单 = {
      header: ['订单号', '客户', '物料', '数量', '交期', '投产日期', '优先级', '状态'],
      rows: [['SO-9', '海尔', 'FG', 3, 46375, 46356, 2, '生产中']],
    };
    delete (b as Record<string, unknown>).Orders;
    b.Items.header = ['物料编码', '类型', '库存'];
    b.Items.rows[2][1] = '外购';
    const { plant, problems } = readPlant(b, 'plan');
    expect(problems).toEqual([]);
    // 46375 is Excel's serial for 2026-12-19 (days since 1899-12-30).
    expect(plant.Orders[0]).toMatchObject({ OrderId: 'SO-9', DueDate: '2026-12-19', ReleaseDate: '2026-11-30', Status: 'InProduction' });
    expect(plant.sheetNames.Orders).toBe('订单');
  });

  it('names cells of a plain range that starts below and right of A1', () => {
    const b = book();
    b.Orders.headerRow = 4; // title rows above the header
    b.Orders.firstColumn = 2; // data starts in column B
    b.Orders.rows[1][3] = 'ten';
    expect(cells(b)).toEqual(['Orders!E6']);
  });

  it('skips blank rows and ignores unknown extra columns', () => {
    const b = book();
    b.Orders.header.push('Salesperson');
    b.Orders.rows.forEach((r) => r.push('Mia'));
    b.Orders.rows.splice(1, 0, [null, '', null, null, null, null, null, null, null]);
    const { plant, problems } = readPlant(b, 'plan');
    expect(problems).toEqual([]);
    expect(plant.Orders.map((o) => o.row)).toEqual([2, 4]);
  });
});
