import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnsOf, JOB_SHEETS, SettingsKeys, SHEETS, type SheetDef } from '../../shared/contract';
import { contractMarkdown } from '../../shared/contract-doc';
import { ROOT } from '../helpers';

const defs = Object.values(SHEETS) as SheetDef[];
const zhOf = (sheet: SheetDef) => Object.fromEntries(columnsOf(sheet).map((c) => [c.key, c.zh]));

describe('workbook contract', () => {
  it('has the Chinese headers planners use', () => {
    expect(zhOf(SHEETS.Orders)).toMatchObject({ OrderId: '订单号', Customer: '客户', Item: '物料', Quantity: '数量', DueDate: '交期', ReleaseDate: '投产日期', Priority: '优先级', Status: '状态' });
    expect(zhOf(SHEETS.Items)).toMatchObject({ ItemId: '物料编码', Description: '描述', Type: '类型', Uom: '单位', StdCost: '标准成本', OnHand: '库存', SafetyStock: '安全库存', LeadTimeDays: '采购提前期' });
    expect(zhOf(SHEETS.BOM)).toMatchObject({ Parent: '父项', Component: '子项', QtyPer: '单位用量', ScrapPct: '损耗率' });
    expect(zhOf(SHEETS.Routing)).toMatchObject({ Item: '物料', OpSeq: '工序号', WorkCenter: '工作中心', SetupHours: '准备工时', RunHoursPerUnit: '单件工时' });
    expect(zhOf(SHEETS.WorkCenters)).toMatchObject({ WorkCenterId: '工作中心编码', HoursPerDay: '每日工时', DaysPerWeek: '每周天数' });
  });

  it('gives every column a unique English and Chinese header and a description', () => {
    for (const d of defs) {
      const cols = columnsOf(d);
      expect(new Set(cols.map((c) => c.key.toLowerCase())).size, d.name).toBe(cols.length);
      expect(new Set(cols.map((c) => c.zh)).size, d.name).toBe(cols.length);
      for (const c of cols) {
        expect(c.zh, `${d.name}.${c.key}`).toMatch(/\p{Script=Han}/u);
        expect(c.description.length, `${d.name}.${c.key}`).toBeGreaterThan(3);
        if (c.type === 'enum') expect(c.values!.length).toBeGreaterThan(1);
      }
    }
    for (const [k, c] of Object.entries(SettingsKeys)) expect(c.zh, k).toMatch(/\p{Script=Han}/u);
  });

  it('names only real sheets in each job', () => {
    for (const { required, optional } of Object.values(JOB_SHEETS))
      for (const s of [...required, ...optional]) expect(s === 'Settings' || s in SHEETS, s).toBe(true);
  });

  it('is documented in README.md exactly as generated', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const m = readme.match(/<!-- contract:start -->\n([\s\S]*?)\n<!-- contract:end -->/);
    expect(m, 'README.md needs the generated contract between contract:start/end markers').not.toBeNull();
    expect(m![1].trim()).toBe(contractMarkdown());
  });
});
