// Checks of the plan's alternatives: alternate components (BOM AlternateOf) must name a primary
// component line of the same parent, and an alternate cannot itself be replaced by another;
// alternative work centers (Routing rows of one Item and OpSeq) are ranked by distinct Preferences,
// and a Preference on an operation with a single row is a mistake.
import type { Plant } from './domain';
import { idKey } from './network';
import { cellOf } from './parse';
import { problem, type Problem } from './problems';

export function alternativesProblems(p: Plant): Problem[] {
  const out: Problem[] = [];
  const at = (sheet: string, rec: { row: number }, col: string, en: string, zh: string) =>
    out.push(problem(p.sheetNames[sheet] ?? sheet, cellOf(p, sheet, rec, col), en, zh));
  const bomName = p.sheetNames.BOM ?? 'BOM';

  for (const b of p.BOM) {
    if (!b.AlternateOf || !b.Parent || !b.Component) continue;
    const primary = idKey(b.AlternateOf);
    if (primary === idKey(b.Component)) {
      at('BOM', b, 'AlternateOf', `"${b.Component}" cannot be an alternate of itself: name the component it replaces or leave AlternateOf blank`, `“${b.Component}”不能替代自身：请填写被替代的子项或留空`);
      continue;
    }
    const siblings = p.BOM.filter((x) => x !== b && x.Parent && idKey(x.Parent) === idKey(b.Parent) && x.Component && idKey(x.Component) === primary);
    if (siblings.some((x) => !x.AlternateOf)) continue;
    const alt = siblings.find((x) => x.AlternateOf);
    if (alt)
      at('BOM', b, 'AlternateOf', `"${b.AlternateOf}" is itself an alternate (of "${alt.AlternateOf}", ${bomName}!${cellOf(p, 'BOM', alt, 'AlternateOf')}): an alternate of an alternate is not allowed; name the primary "${alt.AlternateOf}" instead`, `“${b.AlternateOf}”本身是替代料（替代“${alt.AlternateOf}”，${bomName}!${cellOf(p, 'BOM', alt, 'AlternateOf')}）：不允许替代料的替代料，请改填主料“${alt.AlternateOf}”`);
    else
      at('BOM', b, 'AlternateOf', `"${b.AlternateOf}" is not a component of "${b.Parent}": AlternateOf must name a Component of another BOM line of the same parent`, `“${b.AlternateOf}”不是“${b.Parent}”的子项：替代料须填写同一父项另一行的子项`);
  }
  // Alternative work centers: rows of one Item and OpSeq; Preference orders them.
  const groups = new Map<string, typeof p.Routing>();
  for (const r of p.Routing) {
    if (r.Item === undefined || r.OpSeq === undefined) continue;
    const k = `${idKey(r.Item)}|${r.OpSeq}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const rows of groups.values()) {
    if (rows.length === 1) {
      const r = rows[0];
      if (r.Preference !== undefined)
        at('Routing', r, 'Preference', `Preference ranks alternative work centers, but ${r.Item} operation ${r.OpSeq} has only this row: add a row with another WorkCenter or leave Preference blank`, `优先顺序用于排列替代工作中心，但 ${r.Item} 工序 ${r.OpSeq} 只有这一行：请添加其他工作中心的一行，或将优先顺序留空`);
      continue;
    }
    const seen = new Map<number, (typeof rows)[number]>();
    for (const r of rows) {
      if (r.Preference === undefined) continue;
      const first = seen.get(r.Preference);
      if (first)
        at('Routing', r, 'Preference', `Preference ${r.Preference} is also given to ${first.WorkCenter} (row ${first.row}) for ${r.Item} operation ${r.OpSeq}: give each alternative work center its own Preference (1 = preferred)`, `${r.Item} 工序 ${r.OpSeq} 的优先顺序 ${r.Preference} 与 ${first.WorkCenter}（第 ${first.row} 行）重复：请为每个替代工作中心填写不同的优先顺序（1 = 首选）`);
      else seen.set(r.Preference, r);
    }
  }
  return out;
}
