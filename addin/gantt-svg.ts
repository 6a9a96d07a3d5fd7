// A Gantt day grid (the Schedule's "Gantt by work center" / "Gantt by order" result sheets) as
// inline SVG for the standalone page: one row per work-center unit or order, one column per
// day, each working day a bar shaded by its hours — the same layout Excel colours with
// conditional formats. Strings only, every value escaped.
import type { Lang } from '../shared/problems';
import type { ResultSheet } from '../shared/results';
import { esc } from './html';

export const MAX_GANTT_ROWS = 60;
const DAY = /^d\d+$/;

/** The grid as SVG, or '' for a sheet that is not a day grid. */
export function ganttSvg(sheet: ResultSheet, lang: Lang): string {
  const days = sheet.columns.filter((c) => DAY.test(c.key));
  if (!days.length || !sheet.rows.length) return '';
  const labels = sheet.columns.filter((c) => !DAY.test(c.key)).slice(0, 2);
  const rows = sheet.rows.slice(0, MAX_GANTT_ROWS);
  const max = Math.max(1e-9, ...rows.flatMap((r) => days.map((d) => (typeof r[d.key] === 'number' ? (r[d.key] as number) : 0))));
  const cell = 12;
  const left = 140;
  const top = 46;
  const W = left + days.length * cell + 10;
  const H = top + rows.length * (cell + 2) + 6;
  const parts: string[] = [];
  days.forEach((d, i) => {
    const x = left + i * cell + cell / 2;
    if (i % 7 === 0) parts.push(`<text x="${x}" y="${top - 6}" class="tick" text-anchor="start" transform="rotate(-45 ${x} ${top - 6})">${esc(lang === 'zh' ? d.headerZh : d.header)}</text>`);
  });
  rows.forEach((r, k) => {
    const y = top + k * (cell + 2);
    const label = labels.map((c) => r[c.key]).filter((v) => v !== null && v !== undefined && v !== '').join(' · ');
    parts.push(`<text x="${left - 6}" y="${y + cell - 2}" class="tick" text-anchor="end">${esc(label)}</text>`);
    days.forEach((d, i) => {
      const v = r[d.key];
      if (typeof v !== 'number' || v <= 0) return;
      // Light for a short day, dark for a full one.
      const shade = 0.25 + 0.75 * Math.min(1, v / max);
      parts.push(`<rect x="${left + i * cell}" y="${y}" width="${cell - 1}" height="${cell}" fill="#217346" fill-opacity="${shade.toFixed(2)}"><title>${esc(`${label} ${lang === 'zh' ? d.headerZh : d.header}: ${v} h`)}</title></rect>`);
    });
  });
  const title = lang === 'zh' ? '甘特图（每日工时）' : 'Gantt (hours per day)';
  return `<figure class="chart gantt"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg></figure>`;
}
