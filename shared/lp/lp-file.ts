// The model as a CPLEX-LP file, so anyone can read it or solve it elsewhere (glpsol --lp, cbc,
// HiGHS, CPLEX, Gurobi). The format has no free or ranged rows and strict name rules, so:
// - names keep only letters, digits and '_' (the set glpsol and CBC's CoinLpIO both accept),
//   never start with a digit, never spell a keyword, stay under CoinLpIO's 100 characters, and
//   get a _2, _3 … suffix when sanitising makes two of them equal;
// - a range lower ≤ a·x ≤ upper becomes two rows NAME_lo (≥) and NAME_up (≤);
// - a free row (both bounds infinite) constrains nothing and is written as a comment;
// - infinite column bounds are simply left out (lower bounds are always 0, the LP default).
// Built as an array of pieces joined once, so writing is linear in the model's size.
import type { LpModel } from './model';

export interface LpFile {
  text: string;
  /** The name each column has in the file, by column index: solutions are read back by it. */
  colNames: string[];
}

const MAX_NAME = 90; // CoinLpIO rejects names longer than 100; leave room for a suffix
const KEYWORDS = new Set([
  'minimize', 'minimise', 'minimum', 'min', 'maximize', 'maximise', 'maximum', 'max', 'subject', 'such',
  'st', 'to', 'that', 'bound', 'bounds', 'free', 'inf', 'infinity', 'end', 'general', 'generals', 'gen',
  'integer', 'integers', 'int', 'binary', 'binaries', 'bin', 'semi', 'semis', 'sos', 'obj',
]);

/** A name glpsol and CBC accept: [A-Za-z_][A-Za-z0-9_]*, not a keyword, not exponent-like. */
function sanitise(raw: string, fallback: string): string {
  let s = raw.replace(/[^A-Za-z0-9_]+/g, '_');
  if (s === '' || s === '_') s = fallback;
  if (/^[0-9]/.test(s) || /^[eE][0-9]/.test(s) || KEYWORDS.has(s.toLowerCase())) s = '_' + s;
  return s.length > MAX_NAME ? s.slice(0, MAX_NAME) : s;
}

/** Gives every name a distinct sanitised spelling, in order. `taken` may pre-reserve names. */
function uniqueNames(raw: readonly string[], prefix: string, taken = new Set<string>()): string[] {
  const out = new Array<string>(raw.length);
  for (let k = 0; k < raw.length; k++) {
    const base = sanitise(raw[k], `${prefix}${k}`);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    out[k] = name;
  }
  return out;
}

/** Shortest text that reads back as the same double ("0.1", "1e-7", "12345.678"). */
const num = (v: number): string => String(v);

/** Appends "+ 3 x - y …" to `out`, wrapping lines (unless in a comment) every 8 terms. */
function pushTerms(out: string[], m: LpModel, names: string[], i: number, wrap = true): void {
  for (let k = m.rowStart[i], n = 0; k < m.rowStart[i + 1]; k++, n++) {
    const v = m.rowValue[k];
    if (wrap && n > 0 && n % 8 === 0) out.push('\n   ');
    out.push(v < 0 ? ' - ' : ' + ');
    const a = Math.abs(v);
    if (a !== 1) out.push(num(a), ' ');
    out.push(names[m.rowIndex[k]]);
  }
}

export function writeLp(m: LpModel): LpFile {
  const nCol = m.colCost.length;
  const nRow = m.rowLower.length;
  const colNames = uniqueNames(m.colNames, 'x');
  // Every row keeps its own name; a range's NAME_lo / NAME_up pair is fitted around those.
  const isRange = (i: number) =>
    Number.isFinite(m.rowLower[i]) && Number.isFinite(m.rowUpper[i]) && m.rowLower[i] !== m.rowUpper[i];
  const rowTaken = new Set<string>(['obj']);
  const rowNames = uniqueNames(m.rowNames, 'r', rowTaken);
  const freshRowName = (base: string): string => {
    let name = base;
    for (let n = 2; rowTaken.has(name); n++) name = `${base}${n}`;
    rowTaken.add(name);
    return name;
  };

  const out: string[] = [];
  out.push(`\\ MTO Planner capacity LP: ${nCol} columns, ${nRow} rows\n`);

  // A column that appears in no written row still has to exist in the file: give it a 0 cost term.
  const appears = new Uint8Array(nCol);
  for (let i = 0; i < nRow; i++) {
    if (m.rowLower[i] === -Infinity && m.rowUpper[i] === Infinity) continue;
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) appears[m.rowIndex[k]] = 1;
  }
  out.push('Minimize\n obj:');
  let terms = 0;
  for (let j = 0; j < nCol; j++) {
    const c = m.colCost[j];
    if (c === 0 && appears[j]) continue;
    if (terms > 0 && terms % 8 === 0) out.push('\n   ');
    out.push(c < 0 ? ' - ' : ' + ');
    if (Math.abs(c) !== 1) out.push(num(Math.abs(c)), ' ');
    out.push(colNames[j]);
    terms++;
  }
  if (terms === 0 && nCol > 0) out.push(' 0 ', colNames[0]); // glpsol rejects an empty objective
  out.push('\nSubject To\n');

  let written = 0;
  for (let i = 0; i < nRow; i++) {
    const lo = m.rowLower[i];
    const up = m.rowUpper[i];
    const empty = m.rowStart[i] === m.rowStart[i + 1];
    if (lo === -Infinity && up === Infinity) {
      out.push(`\\ free row ${rowNames[i]}:`);
      pushTerms(out, m, colNames, i, false);
      out.push(' (no bounds, not a constraint)\n');
      continue;
    }
    if (empty && nCol === 0) {
      out.push(`\\ empty row ${rowNames[i]}: 0 in [${lo}, ${up}] (no columns to write it with)\n`);
      continue;
    }
    const writeRow = (name: string, rel: string, rhs: number) => {
      out.push(' ', name, ':');
      if (empty) out.push(' 0 ', colNames[0]);
      else pushTerms(out, m, colNames, i);
      out.push(' ', rel, ' ', num(rhs), '\n');
      written++;
    };
    if (isRange(i)) {
      writeRow(freshRowName(`${rowNames[i]}_lo`), '>=', lo);
      writeRow(freshRowName(`${rowNames[i]}_up`), '<=', up);
    } else if (lo === up) writeRow(rowNames[i], '=', lo);
    else if (lo === -Infinity) writeRow(rowNames[i], '<=', up);
    else writeRow(rowNames[i], '>=', lo);
  }
  // glpsol needs at least one constraint; a trivially true one keeps the file readable.
  if (written === 0 && nCol > 0) out.push(' ', freshRowName('no_rows'), ': 0 ', colNames[0], ' >= 0\n');

  out.push('Bounds\n');
  for (let j = 0; j < nCol; j++) {
    const u = m.colUpper[j];
    // Always write the 0 lower bound: CPLEX reads a lone negative upper bound as making x free.
    if (Number.isFinite(u)) out.push(' 0 <= ', colNames[j], ' <= ', num(u), '\n');
  }
  out.push('End\n');
  return { text: out.join(''), colNames };
}

/** The model as CPLEX-LP text (see writeLp for how names, ranges and free rows are written). */
export const toLpFile = (m: LpModel): string => writeLp(m).text;
