// The layout's chart (shared/result-layout.ts) as a native DrawingML chart: a chart part
// (xl/charts/chartN.xml: c:chartSpace with a bar or line chart whose series point at the sheet's
// cells, so Excel and LibreOffice draw it from the data), and a drawing part
// (xl/drawings/drawingN.xml) that anchors it to the right of the table. result-parts.ts adds
// both, with their relationships and content types, to the result package. Element order
// follows the DrawingML chart schema (ECMA-376 Part 1, §21.2: CT_BarChart, CT_BarSer, CT_CatAx,
// CT_ValAx); no cached values are written (the readers compute them from the cells).
import type { ResultLayout } from '../../shared/result-layout';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

export const CHART_TYPE = `${R_NS}/chart`;
export const DRAWING_TYPE = `${R_NS}/drawing`;
export const CHART_CT = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const DRAWING_CT = 'application/vnd.openxmlformats-officedocument.drawing+xml';

/** The chart's size in cells: 8 columns wide, 16 rows high. */
const WIDE = 8;
const HIGH = 16;
/** Axis ids: any two numbers unique within the chart. */
const CAT_AX = 500010;
const VAL_AX = 500020;

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const esc = (s: string): string => s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 'B2:B10' on sheet Plan → 'Plan'!$B$2:$B$10 (always quoted, quotes doubled). */
export const sheetRef = (sheet: string, range: string): string => `'${sheet.replace(/'/g, "''")}'!${range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;

/** Zero-based column and row of a cell reference like I2. */
function cellAt(ref: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { col, row: Number(m[2]) - 1 };
}

const richText = (text: string): string =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"/></a:pPr><a:r><a:rPr lang="${/[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en-US'}" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`;

/** The chart part for a layout that has a chart; `categoryIsText`: the category column holds text. */
export function chartXml(layout: ResultLayout, categoryIsText: boolean): string {
  const ch = layout.chart!;
  const ref = (range: string) => sheetRef(layout.sheet, range);
  const cat = categoryIsText ? `<c:cat><c:strRef><c:f>${esc(ref(ch.category))}</c:f></c:strRef></c:cat>` : `<c:cat><c:numRef><c:f>${esc(ref(ch.category))}</c:f></c:numRef></c:cat>`;
  const series = ch.series
    .map((s, i) => `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${ch.type === 'line' ? '<c:marker><c:symbol val="none"/></c:marker>' : '<c:invertIfNegative val="0"/>'}${cat}<c:val><c:numRef><c:f>${esc(ref(s.values))}</c:f></c:numRef></c:val>${ch.type === 'line' ? '<c:smooth val="0"/>' : ''}</c:ser>`)
    .join('');
  const axIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  const plot =
    ch.type === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axIds}</c:lineChart>`
      : `<c:barChart><c:barDir val="${ch.type === 'bar' ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axIds}</c:barChart>`;
  // A horizontal bar chart has its categories on the left, values along the bottom.
  const horizontal = ch.type === 'bar';
  const catAx = `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx = `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `${HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}"><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(ch.title)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="${horizontal ? 'b' : 'r'}"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part: the chart (relationship rId1 of the drawing) anchored at the layout's cell. */
export function drawingXml(layout: ResultLayout, chartName: string): string {
  const { col, row } = cellAt(layout.chart!.at);
  const marker = (c: number, r: number) => `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `${HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"><xdr:twoCellAnchor editAs="oneCell">` +
    `<xdr:from>${marker(col, row)}</xdr:from><xdr:to>${marker(col + WIDE, row + HIGH)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(chartName)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="rId1"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
  );
}
