// Result sheets as a small package of their own (workbook, styles, one worksheet and one table per
// sheet), written straight from the layout (shared/result-layout.ts) as XML strings, for
// splice.ts to put into the user's book. The same layout the add-in applies through Office.js:
// header and values (text as inline strings, never formulas),
// column formats and widths, the table, colour scales, highlighted rows, frozen header, landscape
// fit-to-width printing. Why not exceljs here: a planned 1000-order book has 8 MB of result-sheet
// XML, and exceljs's cell objects, XML writer and JavaScript zip took about 2 CPU seconds to write
// it (more than the solve); this takes under a third of that (measured, see README "Performance").
import type { Lang } from '../../shared/problems';
import { resultLayout, type LayoutCell, type ResultLayout } from '../../shared/result-layout';
import type { ResultSheet } from '../../shared/results';
import { columnLetter } from '../../shared/rows';
import type { StyledXml } from './splice';
import { writeZip } from './zip';
import { CHART_CT, CHART_TYPE, chartXml, DRAWING_CT, DRAWING_TYPE, drawingXml } from './chart-parts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

// XML 1.0 cannot carry most control characters: they are dropped from text.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// Most text needs none of it: one test instead of five replaces per text cell.
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/;
const esc = (s: string): string => (NEEDS_ESCAPE.test(s) ? s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s);
const textEl = (s: string): string => (/^\s|\s$/.test(s) ? `<t xml:space="preserve">${esc(s)}</t>` : `<t>${esc(s)}</t>`);

/** Excel's built-in number formats the results use (the rest get ids from 164 up). */
const BUILT_IN: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, 'mm-dd-yy': 14, '@': 49 };
/** A date in a column without a number format: Excel's short date. */
const DATE_IN_GENERAL = 'mm-dd-yy';
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EPOCH_SERIAL = 25569;

/** Cell formats shared by every result sheet: index 0 plain, 1 the bold header, then one per number format. */
class Styles {
  private xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'];
  private byFormat = new Map<string, number>([['General', 0]]);
  private custom: string[] = [];
  readonly dxfs: string[] = [];
  private dxfByFill = new Map<string, number>();
  static readonly BOLD = 1;

  /** The layouts' header font (one per language, so the same on every sheet of a book). */
  headerFont = { name: 'Calibri', size: 11 };

  xf(format: string): number {
    let i = this.byFormat.get(format);
    if (i !== undefined) return i;
    let id = BUILT_IN[format];
    if (id === undefined) {
      id = 164 + this.custom.length;
      this.custom.push(`<numFmt numFmtId="${id}" formatCode="${esc(format)}"/>`);
    }
    i = this.xfs.length;
    this.xfs.push(`<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    this.byFormat.set(format, i);
    return i;
  }

  dxf(fill: string): number {
    let i = this.dxfByFill.get(fill);
    if (i === undefined) {
      i = this.dxfs.length;
      this.dxfs.push(`<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF${fill}"/></patternFill></fill></dxf>`);
      this.dxfByFill.set(fill, i);
    }
    return i;
  }

  xml(): string {
    return (
      `${HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (this.custom.length ? `<numFmts count="${this.custom.length}">${this.custom.join('')}</numFmts>` : '') +
      `<fonts count="2"><font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="${this.headerFont.size}"/><name val="${esc(this.headerFont.name)}"/></font></fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>` +
      '</styleSheet>'
    );
  }
}

/**
 * A sheet's XML as a function of the cell formats (xf) and differential formats (dxf) it ends up
 * with: without maps its own styles.xml's indices; with them (splice.ts, from merging its styles
 * into the book's) the book's, so the splice need not rewrite every cell's s="…" afterwards. Every
 * format the sheet uses is registered in `styles` here, before it is written, in the order the
 * cells meet them.
 */
function sheetWriter(layout: ResultLayout, styles: Styles): StyledXml {
  const n = layout.columnCount;
  const colStyle = layout.columns.map((c) => styles.xf(c.numberFormat));
  // A Date in a column without a number format is shown in Excel's short date.
  const body = layout.body;
  let dateXf = 0;
  for (let j = 0; j < n && !dateXf; j++) if (!colStyle[j]) for (let i = 0; i < body.length; i++) if (body[i][j] instanceof Date) (dateXf = styles.xf(DATE_IN_GENERAL)), (i = body.length);
  const valueDxfs = layout.valueFills.map((f) => styles.dxf(f.fill));
  const highlightDxf = layout.highlight ? styles.dxf(layout.highlight.fill) : 0;
  return (xf, dxf) => sheetXml(layout, colStyle, dateXf, valueDxfs, highlightDxf, (i) => xf?.[i] ?? i, (i) => dxf?.[i] ?? i);
}

function sheetXml(layout: ResultLayout, colStyle: number[], dateXf: number, valueDxfs: number[], highlightDxf: number, xf: (i: number) => number, dxf: (i: number) => number): string {
  const n = layout.columnCount;
  const letters = Array.from({ length: n }, (_, j) => columnLetter(j + 1));
  // Each column's s="…" once (none for the plain format), not per cell.
  const sAttr = colStyle.map((st) => (st ? ` s="${xf(st)}"` : ''));
  const dateAttr = ` s="${xf(dateXf)}"`;
  const bold = xf(Styles.BOLD);
  const out: string[] = [];
  out.push(`${HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
  out.push(`<dimension ref="${layout.table.address}"/>`);
  const top = `A${layout.freezeRows + 1}`;
  out.push(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${layout.freezeRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`);
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  out.push(`<cols>${layout.columns.map((c, j) => `<col min="${j + 1}" max="${j + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>`);
  out.push(`<sheetData><row r="1" s="${bold}" customFormat="1">`);
  for (let j = 0; j < n; j++) out.push(`<c r="${letters[j]}1" s="${bold}" t="inlineStr"><is>${textEl(layout.header[j])}</is></c>`);
  out.push('</row>');
  // An empty result keeps one blank data row: Excel tables cannot be empty.
  const body = layout.body.length ? layout.body : [layout.header.map(() => null)];
  for (let i = 0; i < body.length; i++) {
    const r = i + 2;
    const row = body[i];
    let cells = '';
    for (let j = 0; j < n; j++) {
      const v = row[j] ?? null;
      const ref = `${letters[j]}${r}`;
      // One cell's XML; null cells keep only their column's format.
      if (v === null) cells += colStyle[j] ? `<c r="${ref}"${sAttr[j]}/>` : '';
      else if (typeof v === 'number') cells += Number.isFinite(v) ? `<c r="${ref}"${sAttr[j]}><v>${v}</v></c>` : colStyle[j] ? `<c r="${ref}"${sAttr[j]}/>` : '';
      else if (typeof v === 'string') cells += `<c r="${ref}"${sAttr[j]} t="inlineStr"><is>${textEl(v)}</is></c>`;
      else if (typeof v === 'boolean') cells += `<c r="${ref}"${sAttr[j]} t="b"><v>${v ? 1 : 0}</v></c>`;
      // A Date (UTC midnight): Excel's serial day number, in a date format.
      else cells += `<c r="${ref}"${colStyle[j] ? sAttr[j] : dateAttr}><v>${v.getTime() / 86_400_000 + EPOCH_SERIAL}</v></c>`;
    }
    out.push(`<row r="${r}">${cells}</row>`);
  }
  out.push('</sheetData>');
  let priority = 1;
  for (const cs of layout.colorScales) {
    const cfvo = cs.at ? cs.at.map((v) => `<cfvo type="num" val="${v}"/>`).join('') : '<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>';
    out.push(
      `<conditionalFormatting sqref="${cs.address}"><cfRule type="colorScale" priority="${priority++}"><colorScale>${cfvo}` +
        `<color rgb="FF${cs.low}"/><color rgb="FF${cs.middle}"/><color rgb="FF${cs.high}"/></colorScale></cfRule></conditionalFormatting>`,
    );
  }
  layout.valueFills.forEach((f, k) =>
    out.push(`<conditionalFormatting sqref="${f.address}"><cfRule type="cellIs" dxfId="${dxf(valueDxfs[k])}" priority="${priority++}" operator="equal"><formula>${esc(`"${f.value.replace(/"/g, '""')}"`)}</formula></cfRule></conditionalFormatting>`),
  );
  if (layout.highlight)
    out.push(`<conditionalFormatting sqref="${layout.highlight.address}"><cfRule type="expression" dxfId="${dxf(highlightDxf)}" priority="${priority++}"><formula>${esc(layout.highlight.formula)}</formula></cfRule></conditionalFormatting>`);
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.push(`<pageSetup orientation="${layout.print.orientation}" fitToWidth="${layout.print.fitToPagesWide}" fitToHeight="0"/>`);
  // The chart's drawing (relationship rId2) comes before the table parts, as the schema orders them.
  if (layout.chart) out.push('<drawing r:id="rId2"/>');
  out.push('<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>');
  return out.join('');
}

function tableXml(layout: ResultLayout, id: number): string {
  const t = layout.table;
  return (
    `${HEAD}<table xmlns="${MAIN_NS}" id="${id}" name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${t.address}" totalsRowShown="0">` +
    `<autoFilter ref="${t.address}"/><tableColumns count="${layout.header.length}">${layout.header.map((h, j) => `<tableColumn id="${j + 1}" name="${esc(h)}"/>`).join('')}</tableColumns>` +
    `<tableStyleInfo name="${esc(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** The zero-based column of a range like B2:B10. */
const letterIndex = (range: string): number => [...(/^[A-Z]+/.exec(range)?.[0] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

const rels = (items: { id: string; type: string; target: string }[]) =>
  `${HEAD}<Relationships xmlns="${PKG_REL_NS}">${items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"/>`).join('')}</Relationships>`;

/** A part of the result package: its name and XML (a sheet's as a function of its styles' indices). */
export interface ResultPart {
  name: string;
  data: string | StyledXml;
}

/** The result sheets as a package (.xlsx bytes) of their own. */
export const resultPackage = (sheets: ResultSheet[], lang: Lang): Buffer =>
  writeZip(resultParts(sheets, lang).map((p) => ({ name: p.name, data: Buffer.from(typeof p.data === 'string' ? p.data : p.data(), 'utf8') })));

/**
 * The result package's parts, unzipped: addResultSheets takes them as they are, so the 8 MB of a
 * 1000-order plan's result XML is not deflated, inflated and decoded again on the way into the book.
 */
export function resultParts(sheets: ResultSheet[], lang: Lang): ResultPart[] {
  const styles = new Styles();
  const parts: ResultPart[] = [];
  const taken: string[] = [];
  const sheetTags: string[] = [];
  const printTitles: string[] = [];
  const wbRels: { id: string; type: string; target: string }[] = [];
  const overrides: string[] = [];
  sheets.forEach((sheet, k) => {
    const layout = resultLayout(sheet, lang, taken);
    styles.headerFont = layout.headerFont;
    taken.push(layout.table.name);
    const n = k + 1;
    parts.push({ name: `xl/worksheets/sheet${n}.xml`, data: sheetWriter(layout, styles) });
    const sheetRels = [{ id: 'rId1', type: `${REL_NS}/table`, target: `../tables/table${n}.xml` }];
    if (layout.chart) {
      // A native chart: the sheet's drawing holds it, the chart's series point at the sheet's cells.
      sheetRels.push({ id: 'rId2', type: DRAWING_TYPE, target: `../drawings/drawing${n}.xml` });
      const categoryIsText = layout.columns[letterIndex(layout.chart.category)]?.text ?? true;
      parts.push({ name: `xl/drawings/drawing${n}.xml`, data: drawingXml(layout, layout.chart.title) });
      parts.push({ name: `xl/drawings/_rels/drawing${n}.xml.rels`, data: rels([{ id: 'rId1', type: CHART_TYPE, target: `../charts/chart${n}.xml` }]) });
      parts.push({ name: `xl/charts/chart${n}.xml`, data: chartXml(layout, categoryIsText) });
      overrides.push(`<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="${DRAWING_CT}"/><Override PartName="/xl/charts/chart${n}.xml" ContentType="${CHART_CT}"/>`);
    }
    parts.push({ name: `xl/worksheets/_rels/sheet${n}.xml.rels`, data: rels(sheetRels) });
    parts.push({ name: `xl/tables/table${n}.xml`, data: tableXml(layout, n) });
    sheetTags.push(`<sheet name="${esc(sheet.name)}" sheetId="${n}" r:id="rId${n}"/>`);
    printTitles.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${k}">${esc(`'${sheet.name.replace(/'/g, "''")}'!${layout.print.titleRows}`)}</definedName>`);
    wbRels.push({ id: `rId${n}`, type: `${REL_NS}/worksheet`, target: `worksheets/sheet${n}.xml` });
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/tables/table${n}.xml" ContentType="${CT}.table+xml"/>`);
  });
  wbRels.push({ id: `rId${sheets.length + 1}`, type: `${REL_NS}/styles`, target: 'styles.xml' });
  const head: ResultPart[] = [
    {
      name: '[Content_Types].xml',
      data:
        `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>${overrides.join('')}</Types>`,
    },
    { name: '_rels/.rels', data: rels([{ id: 'rId1', type: `${REL_NS}/officeDocument`, target: 'xl/workbook.xml' }]) },
    { name: 'xl/workbook.xml', data: `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheetTags.join('')}</sheets>${printTitles.length ? `<definedNames>${printTitles.join('')}</definedNames>` : ''}</workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: rels(wbRels) },
    { name: 'xl/styles.xml', data: styles.xml() },
  ];
  return [...head, ...parts];
}
