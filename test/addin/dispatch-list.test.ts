// The "Dispatch list" button: the work center on the selected row, its lots copied from the
// plan's Dispatch sheet onto a sheet of their own (office-addin-mock, see excel-mock.ts).
import { describe, expect, it } from 'vitest';
import { dispatchSheetName, workCenterOnRow, writeDispatchList } from '../../addin/excel/dispatch-list';
import { mockExcel, type SheetSpec } from './excel-mock';

const HEADER = ['Work center', 'Day', 'Seq no.', 'Order', 'Quantity'];
const DISPATCH: SheetSpec = {
  name: 'Dispatch',
  cells: [HEADER, ['CNC', 46363, 1, 'SO-1', 4], ['WELD', 46363, 1, 'SO-2', 2], ['CNC', 46364, 2, 'SO-3', 6], ['cnc', 46364, 3, 'SO-4', 1]],
  formats: [['General', 'General', 'General', 'General', 'General'], ...Array.from({ length: 4 }, () => ['General', 'yyyy-mm-dd', '0', 'General', '0'])],
};
const LOAD: SheetSpec = { name: 'Load', cells: [['Work center', 'Bucket start', 'Load hours'], ['WELD', 46363, 12], ['CNC', 46363, 30]] };

describe('dispatch list of the selected work center', () => {
  it('finds the work center under a work-center header in either language, or none', () => {
    expect(workCenterOnRow(['Bucket start', 'Work center'], [46363, ' CNC '])).toBe('CNC');
    expect(workCenterOnRow(['工作中心编码', '名称'], ['WELD', '焊接'])).toBe('WELD');
    expect(workCenterOnRow(['OrderId', 'Item'], ['SO-1', 'FG'])).toBeUndefined();
    expect(workCenterOnRow(['Work center'], [''])).toBeUndefined();
    expect(dispatchSheetName('CNC/2', 'zh')).toBe('派工单 CNC_2');
  });

  it('copies the lots of the work center on the selected Load row, in sequence, formats kept', async () => {
    // The selected cell is on Load's third row (0-based row 2): CNC. Its lots: SO-1, SO-3 and SO-4 (cnc: ids are case-blind).
    const xl = mockExcel([DISPATCH, LOAD], { activeCell: { sheet: 'Load', row: 2 } });
    expect(await writeDispatchList(xl.context, 'en')).toEqual({ kind: 'written', workCenter: 'CNC', sheet: 'Dispatch CNC', lots: 3 });
    const out = xl.sheet('Dispatch CNC')!;
    const body = out.ranges.find((r) => r.values)!;
    expect(body.address).toBe('A1:E4');
    expect(body.values!.map((r) => r[3])).toEqual(['Order', 'SO-1', 'SO-3', 'SO-4']);
    expect(body.numberFormat![1]).toEqual(['General', 'yyyy-mm-dd', '0', 'General', '0']);
    expect(out).toMatchObject({ activated: 1, frozenRows: 1 });
    // Again, from the WorkCenters sheet in Chinese: the earlier list is replaced, not duplicated.
    const xl2 = mockExcel([DISPATCH, { name: 'WorkCenters', cells: [['工作中心编码'], ['WELD']] }, { name: '派工单 WELD', cells: [['old']] }], { activeCell: { sheet: 'WorkCenters', row: 1 } });
    expect(await writeDispatchList(xl2.context, 'zh')).toEqual({ kind: 'written', workCenter: 'WELD', sheet: '派工单 WELD', lots: 1 });
    expect(xl2.sheet('派工单 WELD', true)).toBeDefined();
    expect(xl2.sheet('派工单 WELD')!.ranges.find((r) => r.values)!.values).toEqual([HEADER, ['WELD', 46363, 1, 'SO-2', 2]]);
  });

  it('says when the row names no work center, or when there is no Dispatch sheet yet', async () => {
    expect(await writeDispatchList(mockExcel([DISPATCH, LOAD], { activeCell: { sheet: 'Load', row: 0 } }).context, 'en')).toEqual({ kind: 'noWorkCenter', sheet: 'Load' });
    const orders: SheetSpec = { name: 'Orders', cells: [['OrderId'], ['SO-1']] };
    expect(await writeDispatchList(mockExcel([DISPATCH, orders], { activeCell: { sheet: 'Orders', row: 1 } }).context, 'en')).toEqual({ kind: 'noWorkCenter', sheet: 'Orders' });
    const xl = mockExcel([LOAD], { activeCell: { sheet: 'Load', row: 1 } });
    expect(await writeDispatchList(xl.context, 'en')).toEqual({ kind: 'noDispatch' });
    expect(xl.sheetNames()).toEqual(['Load']);
  });
});
