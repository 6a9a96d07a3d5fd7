// What `plan` prints on a terminal about changes: the one-line summary, per change what it does
// to other orders (and a rush order's answer), stranded material and run-out. Nothing without them.
import type { PlanAnswer } from '../../shared/answers';
import { signedWhole } from '../../shared/changes/compare';
import type { CommandContext } from './types';

const q = (v: number) => Math.round(v * 100) / 100;
const money = (v: number) => signedWhole(v);

export function printChanges(json: PlanAnswer, ctx: CommandContext): void {
  const zh = ctx.lang === 'zh';
  const c = json.changes;
  const stranded = json.stranded ?? [];
  const runOut = json.runOut ?? [];
  if (c) {
    ctx.stdout(zh ? `变更：${c.summary}` : `changes: ${c.summary}`);
    for (const e of c.effects) {
      const delays = e.delays === null ? (zh ? '（合并计算）' : '(planned together)') : e.delays.length === 0 ? (zh ? '不推迟其他订单' : 'delays no other order') : e.delays.map((d) => `${d.orderId} +${d.days} ${zh ? '天' : 'd'}`).join(', ');
      const rush = e.rush
        ? e.rush.canShip
          ? zh ? `可在 ${e.rush.dueDate} 前交货；` : `can ship by ${e.rush.dueDate}; `
          : zh ? `无法在 ${e.rush.dueDate} 前交货（${e.rush.finishDate ?? '—'}）；` : `cannot ship by ${e.rush.dueDate} (finishes ${e.rush.finishDate ?? '—'}); `
        : '';
      const cost = e.costDelta ? (zh ? `；成本 ${money(e.costDelta.total)}` : `; cost ${money(e.costDelta.total)}`) : '';
      ctx.stdout(`  ${e.change}${zh ? '：' : ': '}${rush}${zh && e.delays?.length ? '推迟 ' : !zh && e.delays?.length ? 'delays ' : ''}${delays}${cost}`);
    }
  }
  for (const s of stranded)
    ctx.stdout(
      zh
        ? `  呆滞料 ${s.item}：${q(s.stranded)}（金额 ${q(s.value)}）${s.dropSuggested > 0 ? `；建议采购不再下单 ${q(s.dropSuggested)}` : ''}${s.poCuts.length ? `；取消/减量 ${s.poCuts.map((p) => `${p.poId} ${p.cut}`).join('、')}` : ''}`
        : `  stranded ${s.item}: ${q(s.stranded)} (value ${q(s.value)})${s.dropSuggested > 0 ? `; do not place ${q(s.dropSuggested)} of the suggested purchases` : ''}${s.poCuts.length ? `; cut ${s.poCuts.map((p) => `${p.poId} ${p.action === 'cancel' ? 'cancel' : 'by'} ${p.cut}`).join(', ')}` : ''}`,
    );
  for (const r of runOut)
    ctx.stdout(
      zh
        ? `  自然切换 ${r.parent}：${r.oldItem} → ${r.newItem}，${r.usedUpIn ? `旧料在 ${r.usedUpIn} 当期用完` : '计划期内用不完'}；按 ${r.validFrom} 切换呆滞 ${q(r.stranded)}${r.noStrandValidFrom ? `，${r.noStrandValidFrom} 切换无呆滞` : ''}`
        : `  run-out ${r.parent}: ${r.oldItem} → ${r.newItem}, ${r.usedUpIn ? `old part used up in the bucket of ${r.usedUpIn}` : 'old part not used up within the horizon'}; switching on ${r.validFrom} strands ${q(r.stranded)}${r.noStrandValidFrom ? `, on ${r.noStrandValidFrom} nothing` : ''}`,
    );
}
