// The CPLEX-LP export: exact text for a small model, names the native solvers accept, and the
// awkward names actually read by glpsol and cbc to the objective HiGHS finds from the arrays.
import { describe, expect, it } from 'vitest';
import { relativeGap } from '../../shared/lp/check';
import { toLpFile, writeLp } from '../../shared/lp/lp-file';
import { LpBuilder } from '../../shared/lp/model';
import { solveHighs } from '../../service/solvers/highs';
import { lpFileBackend, onPath } from '../../service/solvers/lp-file-solver';

const onCi = !!process.env.CI && process.env.CI !== 'false';

describe('toLpFile', () => {
  it('writes equalities, ranges as a _lo/_up pair, free rows as comments, and only finite bounds', () => {
    const b = new LpBuilder();
    const x = b.addVar('x', 1, 3);
    const y = b.addVar('y', 2);
    const z = b.addVar('z', 3);
    b.addVar('unused', 0);
    b.addRow('total', [x, y, z], [1, 1, 1], 10, 10);
    b.addRow('spread', [y, z], [1, -1], 2, 4);
    b.addRow('report', [x, y], [1, -1], -Infinity, Infinity);
    b.addRow('cap', [x, y], [1, 2.5], -Infinity, 8);
    b.addRow('min', [y], [1], 1, Infinity);
    expect(toLpFile(b.build())).toBe(
      [
        '\\ MTO Planner capacity LP: 4 columns, 5 rows',
        'Minimize',
        ' obj: + x + 2 y + 3 z + 0 unused', // "unused" is in no row, so a 0 term keeps it in the file
        'Subject To',
        ' total: + x + y + z = 10',
        ' spread_lo: + y - z >= 2',
        ' spread_up: + y - z <= 4',
        '\\ free row report: + x - y (no bounds, not a constraint)',
        ' cap: + x + 2.5 y <= 8',
        ' _min: + y >= 1', // "min" is a keyword
        'Bounds',
        ' 0 <= x <= 3',
        'End',
        '',
      ].join('\n'),
    );
  });

  it('sanitises names into [A-Za-z_][A-Za-z0-9_]*, ≤ 100 characters, unique', () => {
    const b = new LpBuilder();
    const raw = ['x_A-10 工序/2', '10_start', 'e5', 'free', '', 'a b', 'a_b', 'L'.repeat(200), 'L'.repeat(200)];
    for (const n of raw) b.addVar(n, 1);
    const { colNames } = writeLp(b.build());
    expect(colNames.slice(0, 7)).toEqual(['x_A_10_2', '_10_start', '_e5', '_free', 'x4', 'a_b', 'a_b_2']);
    expect(colNames[7]).toBe('L'.repeat(90));
    expect(colNames[8]).toBe('L'.repeat(90) + '_2');
    for (const n of colNames) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/);
  });

  it('names per-bucket columns and rows base_tN, made when first read', () => {
    const b = new LpBuilder();
    const x = b.addVar('x_SO1_OP10', 1, 5, 3);
    b.addVar('short_SO1', 9);
    b.addRow('cap_WC1', [x], [2], -Infinity, 8, 0);
    const m = b.build();
    expect(Object.getOwnPropertyDescriptor(m, 'colNames')?.get).toBeTypeOf('function');
    expect(m.colNames).toEqual(['x_SO1_OP10_t3', 'short_SO1']);
    expect(m.colNames).toBe(m.colNames); // made once
    expect(m.rowNames).toEqual(['cap_WC1_t0']);
    expect(toLpFile(m)).toContain(' cap_WC1_t0: + 2 x_SO1_OP10_t3 <= 8\n');
  });

  it('keeps a range pair clear of rows already named NAME_lo', () => {
    const b = new LpBuilder();
    const x = b.addVar('x', 1);
    b.addRow('cap', [x], [1], 1, 2);
    b.addRow('cap_lo', [x], [1], 0, Infinity);
    const text = toLpFile(b.build());
    expect(text).toContain(' cap_lo2: + x >= 1\n cap_up: + x <= 2\n cap_lo: + x >= 0\n');
  });

  it('writes a 40,000-column model in well under a second (linear in size)', async () => {
    const b = new LpBuilder();
    for (let j = 0; j < 40_000; j++) b.addVar(`x_O${j}_t${j % 26}`, 1 + (j % 7), j % 3 === 0 ? 50 : Infinity);
    for (let i = 0; i < 20_000; i++) b.addRow(`cap_${i}`, [2 * i, 2 * i + 1], [1.5, 2], -Infinity, 40);
    const m = b.build();
    const t = performance.now();
    const text = toLpFile(m);
    expect((performance.now() - t) / 1000).toBeLessThan(1);
    expect(text.split('\n').filter((l) => l.startsWith(' cap_')).length).toBe(20_000);
  });
});

// Awkward names must survive the native readers: the file solves to HiGHS's objective.
describe.each([
  { kind: 'glpk' as const, run: onPath('glpsol') || onCi },
  { kind: 'cbc' as const, run: onPath('cbc') },
])('$kind reads the sanitised names', ({ kind, run }) => {
  it.runIf(run)('and solves to the same objective as HiGHS on the arrays', async () => {
    // min x + 2y + 3z with x + y + z = 10, 2 ≤ y − z ≤ 4, x ≤ 3 → x = 3, y = 5.5, z = 1.5, cost 18.5
    const b = new LpBuilder();
    const x = b.addVar('x_A-10 工序/2', 1, 3);
    const y = b.addVar('e5', 2);
    const z = b.addVar('free', 3);
    b.addVar('end', 0);
    b.addRow('subject to', [x, y, z], [1, 1, 1], 10, 10);
    b.addRow('st', [y, z], [1, -1], 2, 4);
    const m = b.build();
    const file = await lpFileBackend(kind).solve(m, { timeLimitSeconds: 10 });
    const highs = await solveHighs(m, { timeLimitSeconds: 10 });
    expect(file.status).toBe('optimal');
    expect(file.objective).toBeCloseTo(18.5, 6);
    expect(relativeGap(file.objective, highs.objective)).toBeLessThan(1e-9);
    expect(Array.from(file.values)).toEqual([3, 5.5, 1.5, 0]);
  });
});
