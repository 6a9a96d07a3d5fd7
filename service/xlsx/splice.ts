// Result sheets into the user's own workbook package, without re-serialising it: every part we
// do not touch (charts, pivot tables, images, comments, defined names, data validation,
// conditional formats, VBA, parts no library knows) is copied byte for byte. result-parts.ts writes
// the result sheets into a workbook of their own; their sheet parts are added here (or replace the
// sheets of the same name from an earlier run), with their styles appended to the book's styles,
// their shared strings written inline, and the workbook, its relationships and the content
// types extended. Plain string work on the XML parts: each edit is local and small.
import { entryData, writeZip, zipEntries, type OutEntry, type ZipEntry } from './zip';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_TYPE = `${REL_NS}/styles`;
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/**
 * A part's XML written with given cell format (xf) and differential format (dxf) indices: the
 * book's, once the result's styles are merged into it; its own package's without them.
 * result-parts.ts gives its sheets this way, so no pass over every cell rewrites them.
 */
export type StyledXml = (xf?: readonly number[], dxf?: readonly number[]) => string;

/** A zip package as editable parts: unchanged entries keep their stored bytes. Parts given as text stay text until written. */
class Pkg {
  readonly order: string[] = [];
  private readonly entries = new Map<string, ZipEntry>();
  private readonly changed = new Map<string, Uint8Array | string | StyledXml>();
  private readonly lower = new Map<string, string>();
  readonly bytes: Uint8Array;
  /**
   * `from`: a zip's bytes, or parts not zipped (the result sheets straight from result-parts.ts);
   * `inflated`: parts already inflated from those bytes (by the reader), not inflated again
   */
  constructor(
    from: Uint8Array | readonly { name: string; data: string | StyledXml }[],
    private readonly inflated?: Map<string, Uint8Array>,
  ) {
    if (!(from instanceof Uint8Array)) {
      this.bytes = new Uint8Array(0);
      for (const p of from) this.set(p.name, p.data);
      return;
    }
    this.bytes = from;
    for (const e of zipEntries(from)) {
      const name = e.name.replace(/^\//, '');
      this.entries.set(name, e);
      this.order.push(name);
      this.lower.set(name.toLowerCase(), name);
    }
  }
  /** Part names are case-insensitive in OOXML. */
  find(name: string): string | undefined {
    return this.lower.get(name.toLowerCase());
  }
  has = (name: string): boolean => this.find(name) !== undefined;
  data(name: string): Uint8Array {
    const d = this.part(name);
    return typeof d === 'string' ? Buffer.from(d, 'utf8') : d;
  }
  text(name: string): string {
    const d = this.part(name);
    return typeof d === 'string' ? d : Buffer.from(d).toString('utf8');
  }
  private part(name: string): Uint8Array | string {
    const n = this.find(name);
    if (n === undefined) throw new Error(`no part ${name}`);
    const d = this.changed.get(n) ?? this.inflated?.get(n) ?? entryData(this.bytes, this.entries.get(n)!);
    return typeof d === 'function' ? d() : d;
  }
  /** The part's XML as a function of its styles' indices, when it was given so. */
  styled(name: string): StyledXml | undefined {
    const n = this.find(name);
    const d = n === undefined ? undefined : this.changed.get(n);
    return typeof d === 'function' ? d : undefined;
  }
  set(name: string, data: Uint8Array | string | StyledXml): void {
    const n = this.find(name) ?? name;
    if (!this.lower.has(n.toLowerCase())) this.order.push(n), this.lower.set(n.toLowerCase(), n);
    this.changed.set(n, data);
  }
  remove(name: string): void {
    const n = this.find(name);
    if (n === undefined) return;
    this.order.splice(this.order.indexOf(n), 1);
    this.lower.delete(n.toLowerCase());
    this.changed.delete(n);
    this.entries.delete(n);
  }
  toZip(): Buffer {
    const out: OutEntry[] = this.order.map((n) => {
      const d = this.changed.get(n);
      if (d === undefined) return { name: n, from: this.bytes, entry: this.entries.get(n)! };
      return { name: n, data: typeof d === 'function' ? Buffer.from(d(), 'utf8') : typeof d === 'string' ? Buffer.from(d, 'utf8') : d };
    });
    return writeZip(out);
  }
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unesc = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const dirOf = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1);
const relsOf = (part: string): string => `${dirOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

/** A relationship target → part name (absolute "/xl/…" and relative "../…" alike). */
function resolve(fromDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : fromDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return decodeURI(out.join('/'));
}

/** Part name → a target relative to the directory `fromDir`. */
function relative(fromDir: string, part: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const to = part.split('/');
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...from.slice(k).map(() => '..'), ...to.slice(k)].join('/');
}

/** A .rels part's relationships (any namespace prefix; targets unescaped). */
export function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: unesc(attr(m[0], 'Target') ?? ''),
    external: attr(m[0], 'TargetMode') === 'External',
  }));
}

const relsXml = (rels: Rel[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels
    .map((r) => `<Relationship Id="${esc(r.id)}" Type="${esc(r.type)}" Target="${esc(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`)
    .join('')}</Relationships>`;

const isType = (r: Rel, suffix: string): boolean => r.type.endsWith(`/${suffix}`);

function mainPart(pkg: Pkg): string {
  const rel = parseRels(pkg.text('_rels/.rels')).find((r) => isType(r, 'officeDocument'));
  if (!rel) throw new Error('no workbook in the package');
  return resolve('', rel.target);
}

/** Workbook sheets with their part names, in order. */
function sheetsOf(pkg: Pkg, wbPart: string): { name: string; sheetId: number; rid: string; part: string; tag: string }[] {
  const wb = pkg.text(wbPart);
  const rels = pkg.has(relsOf(wbPart)) ? parseRels(pkg.text(relsOf(wbPart))) : [];
  return [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => {
    const rid = /\s[\w]+:id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const rel = rels.find((r) => r.id === rid);
    return { name: unesc(attr(m[0], 'name') ?? ''), sheetId: Number(attr(m[0], 'sheetId') ?? 0), rid, part: rel ? resolve(dirOf(wbPart), rel.target) : '', tag: m[0] };
  });
}

// ---- content types ----

function contentTypes(pkg: Pkg): { xml: string } {
  return { xml: pkg.text('[Content_Types].xml') };
}
const overrideOf = (ct: string, part: string): string | undefined =>
  [...ct.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)].map((m) => m[0]).find((t) => (attr(t, 'PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase());
const contentTypeOf = (ct: string, part: string): string | undefined => {
  const o = overrideOf(ct, part);
  if (o) return attr(o, 'ContentType');
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  const d = [...ct.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)].map((m) => m[0]).find((t) => (attr(t, 'Extension') ?? '').toLowerCase() === ext);
  return d ? attr(d, 'ContentType') : undefined;
};
function addOverride(ct: { xml: string }, part: string, type: string): void {
  removeOverride(ct, part);
  ct.xml = ct.xml.replace(/<\/(\w+:)?Types>\s*$/, (end) => `<Override PartName="/${esc(part)}" ContentType="${esc(type)}"/>${end}`);
}
function removeOverride(ct: { xml: string }, part: string): void {
  const o = overrideOf(ct.xml, part);
  if (o) ct.xml = ct.xml.replace(o, '');
}

// ---- styles ----

const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const CHILD: Record<string, string> = { fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf', numFmts: 'numFmt' };

/** The child elements of a styles section (`<fonts>` → each `<font>…</font>`). */
function children(xml: string, section: string, p: string): string[] {
  const body = new RegExp(`<${p}${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}${section}>)`).exec(xml)?.[1] ?? '';
  const c = CHILD[section];
  return [...body.matchAll(new RegExp(`<${p}${c}\\b[^>]*?/>|<${p}${c}\\b[^>]*>[\\s\\S]*?</${p}${c}>`, 'g'))].map((m) => m[0]);
}

/** Replace (or insert, in schema order) a styles section with the given children. */
function setSection(xml: string, section: string, p: string, items: string[]): string {
  const el = `<${p}${section} count="${items.length}">${items.join('')}</${p}${section}>`;
  const re = new RegExp(`<${p}${section}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${section}>)`);
  if (re.test(xml)) return xml.replace(re, () => el);
  for (const later of STYLE_ORDER.slice(STYLE_ORDER.indexOf(section) + 1)) {
    const at = new RegExp(`<${p}${later}\\b`).exec(xml);
    if (at) return xml.slice(0, at.index) + el + xml.slice(at.index);
  }
  return xml.replace(new RegExp(`</${p}styleSheet>`), (end) => el + end);
}

/** Give element names the book's namespace prefix (the result parts use the default namespace). */
const prefixed = (frag: string, p: string): string => (p ? frag.replace(/<(\/?)([A-Za-z])/g, `<$1${p}$2`) : frag);

/** Add `items` to `mine`, reusing an identical element: the index of each item in the result. */
function union(mine: string[], items: string[]): { all: string[]; index: number[] } {
  const all = [...mine];
  const at = new Map(mine.map((x, i) => [x, i]));
  const index = items.map((x) => {
    let i = at.get(x);
    if (i === undefined) (i = all.length), all.push(x), at.set(x, i);
    return i;
  });
  return { all, index };
}

/**
 * Add the result workbook's fonts, fills, borders, number formats, cell formats and differential
 * formats to the book's styles (identical ones are shared, so a rerun adds nothing); returns the
 * book's index of each result cell format (xf) and differential format (dxf).
 */
function mergeStyles(book: string, res: string): { xml: string; xf: number[]; dxf: number[] } {
  const p = /<(\w+:)?styleSheet\b/.exec(book)?.[1] ?? '';
  let xml = book;
  const maps: Record<string, number[]> = {};
  for (const s of ['fonts', 'fills', 'borders']) {
    const u = union(children(book, s, p), children(res, s, '').map((f) => prefixed(f, p)));
    maps[s] = u.index;
    xml = setSection(xml, s, p, u.all);
  }
  // Number formats: reuse the book's id for the same code, else a new id above every used one.
  const mineFmts = children(book, 'numFmts', p);
  const codeToId = new Map(mineFmts.map((f) => [attr(f, 'formatCode') ?? '', Number(attr(f, 'numFmtId'))]));
  let nextId = Math.max(163, ...mineFmts.map((f) => Number(attr(f, 'numFmtId')) || 0)) + 1;
  const fmtMap = new Map<number, number>();
  const addedFmts: string[] = [];
  for (const f of children(res, 'numFmts', '')) {
    const code = attr(f, 'formatCode') ?? '';
    let id = codeToId.get(code);
    if (id === undefined) {
      id = nextId++;
      codeToId.set(code, id);
      addedFmts.push(`<${p}numFmt numFmtId="${id}" formatCode="${code}"/>`);
    }
    fmtMap.set(Number(attr(f, 'numFmtId')), id);
  }
  if (addedFmts.length) xml = setSection(xml, 'numFmts', p, [...mineFmts, ...addedFmts]);
  const shift = (tag: string, name: string, by: (n: number) => number): string => tag.replace(new RegExp(`(\\s${name}=")(\\d+)"`), (_m, a, n) => `${a}${by(Number(n))}"`);
  const xfs = union(
    children(book, 'cellXfs', p),
    children(res, 'cellXfs', '').map((x) => {
      let t = shift(x, 'fontId', (n) => maps.fonts[n] ?? 0);
      t = shift(t, 'fillId', (n) => maps.fills[n] ?? 0);
      t = shift(t, 'borderId', (n) => maps.borders[n] ?? 0);
      t = shift(t, 'numFmtId', (n) => fmtMap.get(n) ?? n);
      t = shift(t, 'xfId', () => 0);
      return prefixed(t, p);
    }),
  );
  xml = setSection(xml, 'cellXfs', p, xfs.all);
  const resDxfs = children(res, 'dxfs', '');
  const dxfs = union(children(book, 'dxfs', p), resDxfs.map((d) => prefixed(d, p)));
  if (resDxfs.length) xml = setSection(xml, 'dxfs', p, dxfs.all);
  return { xml, xf: xfs.index, dxf: dxfs.index };
}

// ---- the splice ----

/** A part name like `dir/stem<N>.ext` not yet in the package. */
function freshName(pkg: Pkg, part: string, taken: Set<string>): string {
  const m = /^(.*?)(\d*)(\.[^./]+)$/.exec(part);
  const [stem, ext] = m ? [m[1], m[3]] : [part, ''];
  for (let k = 1; ; k++) {
    const name = `${stem}${k}${ext}`;
    if (!pkg.has(name) && !taken.has(name.toLowerCase())) return (taken.add(name.toLowerCase()), name);
  }
}

/** Parts a sheet owns through its relationships (tables, comments, drawings…), removed with it. */
const OWNED = /\/(table|comments|vmlDrawing|drawing|threadedComment|printerSettings)$/;

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';

/**
 * Each `name="N"` attribute of the start tags `tags` (without a prefix) rewritten as map[N] (N
 * where the map has none). The same as replacing /(<(?:c|row)\b[^>]*?\ss=")(\d+)"/g, in one pass of
 * indexOf: that regex, with a call per match, took about 60 ms of the 90 ms of splicing a
 * 1000-order plan's 8 MB of result XML, and scanning for a rare tag as long again.
 */
function remapAttr(xml: string, tags: string[], name: string, map: number[]): string {
  const needle = `${name}="`;
  const out: string[] = [];
  let copied = 0;
  for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) {
    if (at === 0 || !isSpace(xml[at - 1])) continue;
    // Inside a start tag of one of `tags`: its '<' comes after the last '>' before the attribute.
    const open = xml.lastIndexOf('<', at);
    if (open < 0 || xml.lastIndexOf('>', at) > open) continue;
    const tag = tags.find((t) => xml.startsWith(t, open + 1) && !/\w/.test(xml[open + 1 + t.length] ?? ''));
    if (tag === undefined) continue;
    const from = at + needle.length;
    let end = from;
    while (end < xml.length && xml.charCodeAt(end) >= 48 && xml.charCodeAt(end) <= 57) end++;
    if (end === from || xml[end] !== '"') continue;
    const n = Number(xml.slice(from, end));
    out.push(xml.slice(copied, from), String(map[n] ?? n));
    copied = end;
  }
  if (copied === 0) return xml;
  out.push(xml.slice(copied));
  return out.join('');
}

/**
 * The book `pkgBytes` with the result sheets (result-parts.ts: their package as zip bytes or as
 * its parts) added, or replacing the book's sheets of the same names. `inflated`: the book's
 * parts as the reader inflated them (read-book.ts), so none is inflated twice.
 */
export function addResultSheets(pkgBytes: Uint8Array, result: Uint8Array | readonly { name: string; data: string | StyledXml }[], inflated?: Map<string, Uint8Array>): Buffer {
  const pkg = new Pkg(pkgBytes, inflated);
  const res = new Pkg(result);
  const wbPart = mainPart(pkg);
  const wbDir = dirOf(wbPart);
  const wbRelsPart = relsOf(wbPart);
  let wbXml = pkg.text(wbPart);
  const wbRels = pkg.has(wbRelsPart) ? parseRels(pkg.text(wbRelsPart)) : [];
  const ct = contentTypes(pkg);
  const resCt = res.text('[Content_Types].xml');
  const resWb = mainPart(res);
  const resRels = parseRels(res.text(relsOf(resWb)));
  const taken = new Set<string>();

  // Styles: appended to the book's, or the results' own when the book has none.
  const resStylesRel = resRels.find((r) => r.type === STYLES_TYPE);
  const resStyles = resStylesRel ? res.text(resolve(dirOf(resWb), resStylesRel.target)) : '<styleSheet/>';
  const stylesRel = wbRels.find((r) => isType(r, 'styles'));
  let xfMap: number[] | undefined;
  let dxfMap: number[] | undefined;
  if (stylesRel) {
    const part = resolve(wbDir, stylesRel.target);
    const merged = mergeStyles(pkg.text(part), resStyles);
    pkg.set(part, merged.xml);
    xfMap = merged.xf;
    dxfMap = merged.dxf;
  } else {
    const part = freshName(pkg, `${wbDir}styles.xml`, taken);
    pkg.set(part, resStyles);
    wbRels.push({ id: freshRid(wbRels), type: STYLES_TYPE, target: relative(wbDir, part), external: false });
    addOverride(ct, part, STYLES_CT);
  }

  // Shared strings of the results, written inline in their cells.
  const sstRel = resRels.find((r) => isType(r, 'sharedStrings'));
  const strings = sstRel ? [...res.text(resolve(dirOf(resWb), sstRel.target)).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]) : [];

  const prefix = /<(\w+:)?workbook\b/.exec(wbXml)?.[1] ?? '';
  // The relationships prefix, when the root declares one (openpyxl declares it on each <sheet>).
  const root = /<(?:\w+:)?workbook\b[^>]*>/.exec(wbXml)?.[0] ?? '';
  const rPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/\./g, '\\.')}"`).exec(root)?.[1];
  const existing = sheetsOf(pkg, wbPart);
  let nextSheetId = Math.max(0, ...existing.map((s) => s.sheetId)) + 1;
  // Table ids continue from the tables that stay: a rerun's result tables get the ids they had.
  const replacedNames = new Set(sheetsOf(res, resWb).map((s) => s.name.toLowerCase()));
  const leaving = new Set<string>();
  for (const s of existing)
    if (s.part && replacedNames.has(s.name.toLowerCase()) && pkg.has(relsOf(s.part)))
      for (const r of parseRels(pkg.text(relsOf(s.part)))) if (!r.external && isType(r, 'table')) leaving.add(resolve(dirOf(s.part), r.target));
  let tableId = maxTableId(pkg, leaving);
  let replaced = false;
  const filters: { index: number; name: string; ref: string }[] = [];

  for (const rs of sheetsOf(res, resWb)) {
    // A sheet written for given style indices is written with the book's; any other is remapped.
    const styled = res.styled(rs.part);
    let xml = styled ? styled(xfMap, dxfMap) : res.text(rs.part);
    if (xml.includes('tabSelected="1"')) xml = xml.replace(/\stabSelected="1"/g, ''); // one selected tab in the book, not one per result sheet
    if (xfMap && !styled) xml = remapAttr(remapAttr(xml, ['c', 'row'], 's', xfMap), ['col'], 'style', xfMap);
    if (dxfMap && !styled) xml = remapAttr(xml, ['cfRule'], 'dxfId', dxfMap);
    // (A scan of every cell, so only where there are shared-string cells: result-parts.ts writes none.)
    if (xml.includes('t="s"')) xml = xml.replace(/<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/g, (_m, a, b, n) => `<c${a} t="inlineStr"${b}><is>${strings[Number(n)] ?? '<t></t>'}</is></c>`);

    const old = existing.find((s) => s.name.toLowerCase() === rs.name.toLowerCase());
    let part: string;
    let index: number;
    if (old && old.part) {
      part = old.part;
      index = existing.indexOf(old);
      replaced = true;
      // Drop what the old sheet owned (its tables, comments, drawings and their charts) with its relationships.
      if (pkg.has(relsOf(part))) {
        for (const r of parseRels(pkg.text(relsOf(part)))) if (!r.external && OWNED.test(r.type)) removeOwned(pkg, ct, resolve(dirOf(part), r.target));
        pkg.remove(relsOf(part));
      }
    } else {
      part = freshName(pkg, `${wbDir}worksheets/sheet.xml`, taken);
      const rid = freshRid(wbRels);
      wbRels.push({ id: rid, type: WORKSHEET_TYPE, target: relative(wbDir, part), external: false });
      const idAttr = rPrefix ? `${rPrefix}:id="${rid}"` : `xmlns:r="${REL_NS}" r:id="${rid}"`;
      const tag = `<${prefix}sheet name="${esc(rs.name)}" sheetId="${nextSheetId++}" ${idAttr}/>`;
      wbXml = wbXml.replace(new RegExp(`</${prefix}sheets>`), (end) => tag + end);
      index = existing.length + filters.filter((f) => f.index >= existing.length).length;
    }
    addOverride(ct, part, WORKSHEET_CT);

    // The result sheet's own related parts (e.g. tables), copied under fresh names.
    const resSheetRels = res.has(relsOf(rs.part)) ? parseRels(res.text(relsOf(rs.part))) : [];
    const newRels: Rel[] = [];
    for (const r of resSheetRels) {
      if (r.external) {
        newRels.push(r);
        continue;
      }
      const src = resolve(dirOf(rs.part), r.target);
      const renumber = isType(r, 'table') ? (data: Uint8Array) => Buffer.from(data).toString('utf8').replace(/(<table\b[^>]*?\sid=")(\d+)"/, (_m, a) => `${a}${++tableId}"`) : undefined;
      const dst = copyPart(res, pkg, ct, resCt, src, taken, renumber);
      newRels.push({ ...r, target: relative(dirOf(part), dst) });
    }
    pkg.set(part, xml);
    if (newRels.length) pkg.set(relsOf(part), relsXml(newRels));
    const ref = xml.includes('<autoFilter') ? /<autoFilter\b[^>]*\sref="([^"]+)"/.exec(xml)?.[1] : undefined;
    filters.push({ index, name: rs.name, ref: ref ?? '' });
  }

  wbXml = filterNames(wbXml, prefix, filters);
  if (replaced) {
    // The calculation chain lists formula cells by sheet; Excel rebuilds it when it is missing.
    const calc = wbRels.find((r) => isType(r, 'calcChain'));
    if (calc) {
      const part = resolve(wbDir, calc.target);
      pkg.remove(part);
      removeOverride(ct, part);
      wbRels.splice(wbRels.indexOf(calc), 1);
    }
  }
  pkg.set(wbPart, wbXml);
  pkg.set(wbRelsPart, relsXml(wbRels));
  pkg.set('[Content_Types].xml', ct.xml);
  return pkg.toZip();
}

/** Parts a drawing owns in turn (its charts, their styles, colours and shapes), removed with it. */
const DRAWN = /\/(chart|chartStyle|chartColorStyle|chartUserShapes|themeOverride)$/;

/** Removes a part the replaced sheet owned, with the parts it owns (a drawing's charts) and its relationships. */
function removeOwned(pkg: Pkg, ct: { xml: string }, part: string): void {
  if (pkg.has(relsOf(part))) {
    for (const r of parseRels(pkg.text(relsOf(part)))) if (!r.external && DRAWN.test(r.type)) removeOwned(pkg, ct, resolve(dirOf(part), r.target));
    pkg.remove(relsOf(part));
  }
  pkg.remove(part);
  removeOverride(ct, part);
}

/**
 * Copies part `src` of the result package into the book under a fresh name, with the parts it
 * relates to (a drawing's chart) copied the same way and its relationships pointing at them;
 * returns its name in the book.
 */
function copyPart(res: Pkg, pkg: Pkg, ct: { xml: string }, resCt: string, src: string, taken: Set<string>, transform?: (data: Uint8Array) => Uint8Array | string): string {
  const dst = freshName(pkg, src, taken);
  const data = res.data(src);
  pkg.set(dst, transform ? transform(data) : data);
  const type = contentTypeOf(resCt, src);
  if (type) addOverride(ct, dst, type);
  if (res.has(relsOf(src))) {
    const rels = parseRels(res.text(relsOf(src))).map((r) => (r.external ? r : { ...r, target: relative(dirOf(dst), copyPart(res, pkg, ct, resCt, resolve(dirOf(src), r.target), taken)) }));
    pkg.set(relsOf(dst), relsXml(rels));
  }
  return dst;
}

function freshRid(rels: Rel[]): string {
  const ids = new Set(rels.map((r) => r.id));
  for (let k = rels.length + 1; ; k++) if (!ids.has(`rId${k}`)) return `rId${k}`;
}

function maxTableId(pkg: Pkg, except: Set<string>): number {
  let max = 0;
  for (const n of pkg.order)
    if (/tables\/[^/]+\.xml$/i.test(n) && !except.has(n)) {
      const id = Number(/<(?:\w+:)?table\b[^>]*?\sid="(\d+)"/.exec(pkg.text(n))?.[1] ?? 0);
      max = Math.max(max, id);
    }
  return max;
}

/** Each result sheet's hidden `_xlnm._FilterDatabase` name, as Excel keeps one per autofilter. */
function filterNames(wbXml: string, p: string, filters: { index: number; name: string; ref: string }[]): string {
  let xml = wbXml;
  for (const f of filters) {
    const re = new RegExp(`<${p}definedName\\b[^>]*name="_xlnm\\._FilterDatabase"[^>]*localSheetId="${f.index}"[^>]*>[\\s\\S]*?</${p}definedName>|<${p}definedName\\b[^>]*localSheetId="${f.index}"[^>]*name="_xlnm\\._FilterDatabase"[^>]*>[\\s\\S]*?</${p}definedName>`, 'g');
    xml = xml.replace(re, '');
  }
  const add = filters
    .filter((f) => f.ref)
    .map((f) => {
      const [a, b] = f.ref.split(':');
      const abs = (c: string) => c.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
      const sheet = `'${f.name.replace(/'/g, "''")}'`;
      return `<${p}definedName name="_xlnm._FilterDatabase" localSheetId="${f.index}" hidden="1">${esc(sheet)}!${abs(a)}${b ? `:${abs(b)}` : ''}</${p}definedName>`;
    })
    .join('');
  if (!add) return xml;
  if (new RegExp(`<${p}definedNames\\s*/>`).test(xml)) return xml.replace(new RegExp(`<${p}definedNames\\s*/>`), `<${p}definedNames>${add}</${p}definedNames>`);
  if (new RegExp(`</${p}definedNames>`).test(xml)) return xml.replace(new RegExp(`</${p}definedNames>`), (end) => add + end);
  // definedNames follows sheets (and externalReferences, when there are any).
  const after = new RegExp(`</${p}externalReferences>`).test(xml) ? `</${p}externalReferences>` : `</${p}sheets>`;
  return xml.replace(new RegExp(after), (end) => `${end}<${p}definedNames>${add}</${p}definedNames>`);
}
