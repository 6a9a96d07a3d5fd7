// Text tables for the terminal. Chinese characters (and other East Asian wide ones) take two
// columns, so widths are counted in terminal columns, not in string length.

/** True for characters a terminal draws two columns wide (East Asian Wide and Fullwidth). */
const wide = (cp: number): boolean =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x20000 && cp <= 0x3fffd);

/** Terminal columns a string takes: displayWidth('计划 A') === 6. */
export const displayWidth = (s: string): number => [...s].reduce((a, ch) => a + (wide(ch.codePointAt(0)!) ? 2 : 1), 0);

/** `s` padded with spaces to `w` columns, on the right (left-aligned) or on the left. */
export const padTo = (s: string, w: number, left = true): string => {
  const fill = ' '.repeat(Math.max(0, w - displayWidth(s)));
  return left ? s + fill : fill + s;
};

/**
 * Rows of cells as aligned lines, columns two spaces apart. `leftColumns` are left-aligned
 * (text): the first n columns, or the columns listed; the others right-aligned (figures). The
 * last column is not padded on the right.
 */
export function alignTable(rows: string[][], leftColumns: number | readonly number[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, displayWidth(c))));
  const left = (j: number) => (typeof leftColumns === 'number' ? j < leftColumns : leftColumns.includes(j));
  return rows.map((r) =>
    r
      .map((c, j) => (j === r.length - 1 && left(j) ? c : padTo(c, widths[j], left(j))))
      .join('  ')
      .trimEnd(),
  );
}
