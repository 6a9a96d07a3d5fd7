// A stored plan run's purchase suggestions, for the price review's "ordered vs suggested".
import { gunzipSync } from 'node:zlib';
import type { PlanSuggestion, SuggestingPlan } from '../../shared/actuals/price-review';
import type { Lang } from '../../shared/problems';

export function storedSuggestions(gz: Uint8Array, runId: number | undefined, lang: Lang): SuggestingPlan {
  const body = JSON.parse(gunzipSync(gz).toString('utf8')) as { purchaseSuggestions?: unknown };
  const list = Array.isArray(body.purchaseSuggestions) ? body.purchaseSuggestions : [];
  const suggestions = list.flatMap((s): PlanSuggestion[] => {
    const g = s as Partial<PlanSuggestion>;
    return typeof g.item === 'string' && typeof g.supplier === 'string' && typeof g.quantity === 'number' ? [{ item: g.item, supplier: g.supplier, quantity: g.quantity }] : [];
  });
  const source = runId === undefined ? (lang === 'zh' ? '已存计划' : 'a stored plan') : lang === 'zh' ? `运行 ${runId} 的计划` : `plan run ${runId}`;
  return { source, suggestions };
}
