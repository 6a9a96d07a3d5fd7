// Result sheets as HTML for the standalone page: a table per sheet and a simple SVG bar or line
// chart where the sheet declares one. Strings only (no DOM), every value escaped.
import type { Lang } from '../shared/problems';
import type { ColumnFormat, ResultSheet } from '../shared/results';
import type { CellValue } from '../shared/rows';
import { formatOf } from '../shared/result-layout';
import type { Strings } from './i18n';
import type { LateOrder } from './summary';
import type { ShownProblem } from './validate-book';
import { cellRef } from './excel/select-cell';
import { ganttSvg } from './gantt-svg';

export const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A cell as text, following the column's Excel format. */
export function display(v: CellValue | undefined, format: ColumnFormat | 'general', locale: string, currency?: string): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'boolean') return v ? '✓' : '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v !== 'number') return String(v);
  const n = (digits: number) => v.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (format) {
    case 'percent':
      return `${(v * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'integer':
      return n(0);
    case 'number':
      return n(2);
    case 'money':
      return currency ? `${n(2)} ${currency}` : n(2);
    case 'change':
      return v > 0 ? `+${n(2)}` : n(2);
    default:
      // General: as Excel shows it, at most a few decimals
      return v.toLocaleString(locale, { maximumFractionDigits: 4 });
  }
}

const truthy = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== 0 && v !== false;

export const MAX_TABLE_ROWS = 500;

/** A supplier grade (A–D) is coloured as in the scorecard export; figures align right. */
const cellClass = (key: string, v: CellValue | undefined, num: boolean): string =>
  key === 'grade' && typeof v === 'string' && /^[A-D]$/.test(v) ? `grade grade-${v}` : num ? 'num' : '';

export function sheetTable(sheet: ResultSheet, lang: Lang, t: Strings): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const formats = sheet.columns.map((c) => formatOf(c, sheet));
  const numeric = (f: ColumnFormat | 'general') => f !== 'text' && f !== 'date' && f !== 'dateTime';
  const head = sheet.columns.map((c, j) => `<th class="${numeric(formats[j]) ? 'num' : ''}">${esc(lang === 'zh' ? c.headerZh : c.header)}</th>`).join('');
  const hl = sheet.highlightWhen;
  const body = sheet.rows
    .slice(0, MAX_TABLE_ROWS)
    .map((r) => {
      const cls = hl && truthy(r[hl.column]) ? ` class="flag-${hl.color ?? 'red'}"` : '';
      return `<tr${cls}>${sheet.columns.map((c, j) => `<td class="${cellClass(c.key, r[c.key], numeric(formats[j]))}">${esc(display(r[c.key], formats[j], locale, sheet.currency))}</td>`).join('')}</tr>`;
    })
    .join('');
  const more = sheet.rows.length > MAX_TABLE_ROWS ? `<p class="note">${esc(t.showingRows(MAX_TABLE_ROWS, sheet.rows.length))}</p>` : '';
  return `<div class="table-wrap"><table data-sheet="${esc(sheet.name)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${more}`;
}

const PALETTE = ['#217346', '#2f6fb3', '#d98a1c', '#9b3fb5', '#c23b3b', '#4a9c9c'];
export const MAX_CHART_CATEGORIES = 60;

/**
 * The sheet's chart as inline SVG: grouped bars (column/bar) or lines, scaled to the largest
 * value. Rows with the same category are summed (a Load sheet lists each work center per bucket).
 */
export function sheetChart(sheet: ResultSheet, lang: Lang): string {
  const ch = sheet.chart;
  if (!ch || sheet.rows.length === 0) return '';
  if (sheet.name === QUOTE_DISTRIBUTION) return quoteFigures(sheet, lang);
  const cols = ch.series.map((k) => sheet.columns.find((c) => c.key === k)).filter((c) => c !== undefined);
  if (!cols.length) return '';
  const sums = new Map<string, number[]>();
  for (const r of sheet.rows) {
    const cat = String(r[ch.category] ?? '');
    const acc = sums.get(cat) ?? cols.map(() => 0);
    cols.forEach((c, i) => (acc[i] += typeof r[c.key] === 'number' ? (r[c.key] as number) : 0));
    sums.set(cat, acc);
  }
  const all = [...sums.keys()];
  const max = Math.max(0, ...all.flatMap((c) => sums.get(c)!));
  const min = Math.min(0, ...all.flatMap((c) => sums.get(c)!));
  const title = lang === 'zh' ? ch.titleZh : ch.title;
  const type = ch.type;
  if (all.length <= MAX_CHART_CATEGORIES) return chartFigure(all, title);
  // Too many bars for one chart: small multiples on one scale, never a silent cut. Categories
  // group by what comes before " · " (a quote line) or their first word (a work center).
  const groups = new Map<string, string[]>();
  for (const c of all) {
    const g = c.includes(' · ') ? c.slice(0, c.indexOf(' · ')) : c.split(' ')[0];
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const byGroup = groups.size > 1 && [...groups.values()].every((g) => g.length <= MAX_CHART_CATEGORIES);
  const parts = byGroup
    ? [...groups.entries()]
    : Array.from({ length: Math.ceil(all.length / MAX_CHART_CATEGORIES) }, (_, k) => [`${k + 1}/${Math.ceil(all.length / MAX_CHART_CATEGORIES)}`, all.slice(k * MAX_CHART_CATEGORIES, (k + 1) * MAX_CHART_CATEGORIES)] as [string, string[]]);
  return `<div class="multiples">${parts.map(([g, cs]) => chartFigure(cs, `${title} · ${g}`)).join('')}</div>`;

  function chartFigure(cats: string[], caption: string): string {
  const span = max - min || 1;
  const W = 640;
  const H = 240;
  const pad = { l: 48, r: 8, t: 24, b: 56 };
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const y = (v: number) => pad.t + plotH * (1 - (v - min) / span);
  const slot = plotW / cats.length;
  const percent = cols.every((c) => c.format === 'percent');
  const tick = (v: number) => (percent ? `${Math.round(v * 100)}%` : Math.abs(span) >= 100 ? Math.round(v).toLocaleString() : v.toFixed(1));
  const parts: string[] = [];
  parts.push(`<line x1="${pad.l}" y1="${y(0)}" x2="${W - pad.r}" y2="${y(0)}" class="axis"/>`);
  for (const v of [min, (min + max) / 2, max]) parts.push(`<text x="${pad.l - 4}" y="${y(v) + 4}" class="tick" text-anchor="end">${esc(tick(v))}</text>`);
  if (type === 'line') {
    cols.forEach((_, i) => {
      const pts = cats.map((c, k) => `${(pad.l + slot * (k + 0.5)).toFixed(1)},${y(sums.get(c)![i]).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${pts}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`);
    });
  } else {
    const bw = (slot * 0.8) / cols.length;
    cats.forEach((c, k) =>
      cols.forEach((col, i) => {
        const v = sums.get(c)![i];
        const x = pad.l + slot * k + slot * 0.1 + bw * i;
        const top = Math.min(y(v), y(0));
        parts.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${Math.abs(y(v) - y(0)).toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}"><title>${esc(`${c} · ${lang === 'zh' ? col.headerZh : col.header}: ${tick(v)}`)}</title></rect>`);
      }),
    );
  }
  const every = Math.ceil(cats.length / 16); // at most 16 category labels
  cats.forEach((c, k) => {
    if (k % every) return;
    const x = pad.l + slot * (k + 0.5);
    parts.push(`<text x="${x.toFixed(1)}" y="${H - pad.b + 14}" class="tick" text-anchor="end" transform="rotate(-35 ${x.toFixed(1)} ${H - pad.b + 14})">${esc(c.length > 12 ? `${c.slice(0, 11)}…` : c)}</text>`);
  });
  const legend = cols.map((c, i) => `<span class="key"><i style="background:${PALETTE[i % PALETTE.length]}"></i>${esc(lang === 'zh' ? c.headerZh : c.header)}</span>`).join('');
  return `<figure class="chart"><figcaption>${esc(caption)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(caption)}">${parts.join('')}</svg><div class="legend">${legend}</div></figure>`;
  }
}

/** A sheet's section: its title in the UI language (in Chinese with the workbook's sheet name beside it), chart, table. */
export function sheetSection(sheet: ResultSheet, lang: Lang, t: Strings): string {
  const title = t.sheetTitle(sheet.name);
  const name = title === sheet.name ? '' : ` <small class="sheet-name">${esc(sheet.name)}</small>`;
  return `<section class="result" data-sheet="${esc(sheet.name)}"><h3>${esc(title)}${name}</h3>${sheetChart(sheet, lang)}${ganttSvg(sheet, lang)}${sheetTable(sheet, lang, t)}</section>`;
}

/** Problems in workbook order: by sheet (first appearance), then row, then column (D7 before AA7 before A8). */
export function inSheetOrder(problems: ShownProblem[]): ShownProblem[] {
  const sheets = new Map<string, number>();
  for (const p of problems) if (!sheets.has(p.sheet)) sheets.set(p.sheet, sheets.size);
  const pos = (cell: string): [number, number] => {
    const m = /^\$?([A-Z]+)\$?(\d+)/i.exec(cell);
    if (!m) return [0, 0];
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]), col];
  };
  return problems
    .map((p, i) => ({ p, i, at: pos(p.cell) }))
    .sort((a, b) => sheets.get(a.p.sheet)! - sheets.get(b.p.sheet)! || a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.i - b.i)
    .map((x) => x.p);
}

/** Problems as `Sheet!Cell: text`; in Excel the reference is a link whose data-sheet/data-cell a click selects. */
export const problemList = (problems: ShownProblem[], clickable: boolean): string =>
  `<ul class="problems">${inSheetOrder(problems)
    .map((p) => {
      const ref = esc(cellRef(p.sheet, p.cell));
      const link = clickable ? `<a href="#" data-sheet="${esc(p.sheet)}" data-cell="${esc(p.cell)}">${ref}</a>` : `<span class="ref">${ref}</span>`;
      return `<li>${link}: ${esc(p.text)}</li>`;
    })
    .join('')}</ul>`;

export const lateList = (late: LateOrder[], t: Strings): string =>
  `<ul class="late">${late
    .map((o) => `<li><b>${esc(o.orderId)}</b> — ${esc(t.lateItem(o.daysLate, o.shortQty, o.because))}</li>`)
    .join('')}</ul>`;

const QUOTE_DISTRIBUTION = 'QuoteDistribution';

/**
 * The QuoteDistribution sheet as figures: every quote line's histogram (small multiples, one per
 * line: each line has its own cost bands) and its tornado of risk factors beside it. The sheet's
 * histogram rows carry Draws, its tornado rows the change in unit cost at each factor's ends.
 */
function quoteFigures(sheet: ResultSheet, lang: Lang): string {
  const lineOf = (r: ResultSheet['rows'][number]) => {
    const l = String(r.label ?? '');
    return l.includes(' · ') ? l.slice(0, l.indexOf(' · ')) : String(r.quoteId ?? '');
  };
  const lines = [...new Set(sheet.rows.map(lineOf))];
  const figures = lines.map((line) => {
    const rows = sheet.rows.filter((r) => lineOf(r) === line);
    // each band labelled by its costs alone: the line is the figure's caption
    const hist = rows.filter((r) => typeof r.count === 'number').map((r) => ({ ...r, label: String(r.label ?? '').slice(line.length + 3) }));
    const histogram = hist.length ? sheetChart({ ...sheet, name: `${QUOTE_DISTRIBUTION} ${line}`, rows: hist, chart: { ...sheet.chart!, title: `${sheet.chart!.title} · ${line}`, titleZh: `${sheet.chart!.titleZh} · ${line}` } }, lang) : '';
    return `<div class="quote-line">${histogram}${tornadoSvg(rows.filter((r) => typeof r.deltaLow === 'number' && typeof r.deltaHigh === 'number'), line, lang, sheet.currency)}</div>`;
  });
  return `<div class="multiples">${figures.join('')}</div>`;
}

/** Horizontal bars from the change in unit cost at a factor's low end to its high end, widest swing on top. */
function tornadoSvg(rows: ResultSheet['rows'], line: string, lang: Lang, currency?: string): string {
  if (!rows.length) return '';
  const bars = rows
    .map((r) => ({ factor: String(r.factor ?? ''), low: r.deltaLow as number, high: r.deltaHigh as number }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const reach = Math.max(1e-9, ...bars.flatMap((b) => [Math.abs(b.low), Math.abs(b.high)]));
  const W = 640;
  const rowH = 22;
  const pad = { l: 200, r: 60, t: 8, b: 20 };
  const H = pad.t + pad.b + rowH * bars.length;
  const x = (v: number) => pad.l + ((v + reach) / (2 * reach)) * (W - pad.l - pad.r);
  const money = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
  const parts = [`<line x1="${x(0)}" y1="${pad.t}" x2="${x(0)}" y2="${H - pad.b}" class="axis"/>`];
  bars.forEach((b, k) => {
    const y = pad.t + rowH * k;
    const [from, to] = [Math.min(b.low, b.high), Math.max(b.low, b.high)];
    parts.push(`<text x="${pad.l - 6}" y="${y + 15}" class="tick" text-anchor="end">${esc(b.factor.length > 34 ? `${b.factor.slice(0, 33)}…` : b.factor)}</text>`);
    parts.push(`<rect x="${x(from).toFixed(1)}" y="${y + 4}" width="${Math.max(1, x(to) - x(from)).toFixed(1)}" height="${rowH - 8}" fill="${PALETTE[1]}"><title>${esc(`${b.factor}: ${money(b.low)} … ${money(b.high)}`)}</title></rect>`);
    parts.push(`<text x="${(x(to) + 4).toFixed(1)}" y="${y + 15}" class="tick">${esc(money(to))}</text>`);
  });
  parts.push(`<text x="${x(-reach)}" y="${H - 6}" class="tick">${esc(money(-reach))}</text><text x="${x(reach)}" y="${H - 6}" class="tick" text-anchor="end">${esc(money(reach))}</text>`);
  const caption = lang === 'zh' ? `风险因素敏感性（单位成本变动）· ${line}` : `Risk factors: change in unit cost · ${line}`;
  return `<figure class="chart tornado"><figcaption>${esc(caption)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(caption)}">${parts.join('')}</svg></figure>`;
}

/** The scorecard's allocation shares per item: a bar per supplier (the answer's `allocations`). */
export function allocationSection(allocations: unknown, lang: Lang): string {
  if (!Array.isArray(allocations) || allocations.length === 0) return '';
  const rows = allocations.filter((a): a is { item: string; supplier: string; sharePct: number } => typeof a?.item === 'string' && typeof a?.supplier === 'string' && typeof a?.sharePct === 'number');
  const zh = lang === 'zh';
  const body = rows
    .map((a) => `<tr><td>${esc(a.item)}</td><td>${esc(a.supplier)}</td><td class="num">${esc(a.sharePct.toLocaleString(zh ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 }))}%</td><td class="share"><span style="width:${Math.max(0, Math.min(100, a.sharePct)).toFixed(1)}%"></span></td></tr>`)
    .join('');
  const head = zh ? ['物料', '供应商', '分配比例', ''] : ['Item', 'Supplier', 'Share', ''];
  return `<section class="result" data-sheet="allocations"><h3>${esc(zh ? '建议采购分配' : 'Suggested allocation shares')}</h3><div class="table-wrap"><table class="allocations"><thead><tr>${head.map((h, j) => `<th class="${j === 2 ? 'num' : ''}">${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div></section>`;
}
