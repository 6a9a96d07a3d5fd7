// Alternative work centers (替代工作中心): several Routing rows with the same Item and OpSeq and
// different WorkCenter are one operation that any of them can do, each with its own setup and run
// hours. The LP splits an operation's in-house units over them (xw_ columns, x = Σ xw), each
// loading its own work center; every unit on a non-preferred center costs ALTERNATE_CENTER_COST ×
// its rank (Preference order, 1 = preferred, else sheet order), so the preferred one is filled first
// and another is used only where the preferred is full (or closed).
import { bucketStart, type Buckets } from './buckets';
import type { OpVars } from './build-model';
import type { PlanState, Text } from './explain';

/** Per unit and rank step: far below a day's lateness (LatePenaltyPerUnitDay), above the tie-breaking costs. */
export const ALTERNATE_CENTER_COST = 0.05;

/**
 * "ASSY10: CNC-1 full in the weeks of 01-05, 01-12; 4 on CNC-2" — per operation whose units went
 * to a non-preferred work center, where the preferred one was full.
 */
export function centersText(b: Buckets, s: PlanState, ops: OpVars[], word: Text): Text | undefined {
  const en: string[] = [];
  const zh: string[] = [];
  for (const v of ops) {
    if (!v.xw) continue;
    const preferred = v.xw[0];
    const full: string[] = []; // buckets an alternative was used in with the preferred center full
    const used: string[] = [];
    const usedZh: string[] = [];
    for (const w of v.xw.slice(1)) {
      let q = 0;
      for (let t = 0; t < b.count; t++) {
        const u = s.val(w.cols[t]);
        if (u <= s.tol(v.op.node.qty)) continue;
        q += u;
        const day = bucketStart(b, t).slice(5);
        if (s.full(preferred.center.wc, t) && !full.includes(day)) full.push(day);
      }
      if (q <= s.tol(v.op.node.qty)) continue;
      const r = Math.round(q * 100) / 100;
      used.push(`${r} on ${w.center.op.WorkCenter}`);
      usedZh.push(`${r} 件转至 ${w.center.op.WorkCenter}`);
    }
    if (used.length === 0) continue;
    const id = preferred.center.op.WorkCenter;
    en.push(`${v.op.label}: ${full.length ? `${id} full in the ${word.en}${full.length > 1 ? 's' : ''} of ${full.join(', ')}` : `${id} preferred`}; ${used.join(', ')}`);
    zh.push(`${v.op.label}：${full.length ? `${id} 在 ${full.join('、')} ${word.zh}满负荷` : `首选 ${id}`}；${usedZh.join('，')}`);
  }
  return en.length ? { en: en.join('. '), zh: zh.join('。') } : undefined;
}
