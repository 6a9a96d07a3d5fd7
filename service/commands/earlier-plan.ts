// The earlier plan for `plan --compare <result.xlsx>` and `plan --compare-run <id>`: a result
// workbook written by an earlier plan, or a plan run stored in the service's run history
// (MTO_DB, default data/mto-planner.db).
import { existsSync } from 'node:fs';
import { answerFromWorkbook } from '../../shared/changes/earlier-plan';
import type { PlanAnswer } from '../../shared/changes/compare';
import { EARLIER_PLAN_SHEETS } from '../../shared/sheet-names';
import { loadConfig } from '../config';
import { isPostgresUrl } from '../store/pg-runs';
import type { RunStore } from '../store/runs';
import { EXIT, type CommandContext } from './types';
import { openBook, reportProblems } from './workbook-io';
import { storedAnswer } from '../jobs/what-if-input';
import { notAPlanRun, type StoredRun } from '../jobs/stored-plan';

export async function earlierFromFile(path: string, ctx: CommandContext): Promise<PlanAnswer | number> {
  const wb = await openBook(path, ctx, EARLIER_PLAN_SHEETS);
  if (typeof wb === 'number') return wb;
  const { answer, problems } = answerFromWorkbook(wb.rows, path);
  return problems.length ? reportProblems(problems, ctx) : answer;
}

/** A stored run's plan, or why not (unknown id, not a plan, not ok). */
export function earlierFromStored(run: StoredRun | undefined, id: number, lang: 'en' | 'zh'): PlanAnswer | string {
  const why = notAPlanRun(run, id);
  if (why) return why[lang];
  const answer = storedAnswer(run!.resultGz!);
  return answer ?? (lang === 'zh' ? `运行 ${id} 的结果中没有计划` : `run ${id} holds no plan`);
}

export async function earlierFromRun(text: string, ctx: CommandContext): Promise<PlanAnswer | number> {
  return withStoredPlanRun(text, ctx, (run, id) => earlierFromStored(run, id, ctx.lang));
}

/**
 * Run `use` on the stored run `--compare-run <id>` names (the service's run history, MTO_DB): its
 * answer, or a message saying why it cannot be used (exit 1), or an exit code.
 */
export async function withStoredPlanRun<T>(text: string, ctx: CommandContext, use: (run: StoredRun | undefined, id: number) => T | string): Promise<T | number> {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) {
    ctx.stderr(ctx.lang === 'zh' ? `--compare-run 应为运行编号（正整数，当前为 ${text}）` : `--compare-run must be a run id, a whole number from 1 (got ${text})`);
    return EXIT.error;
  }
  const where = loadConfig().dbPath;
  if (!isPostgresUrl(where) && !existsSync(where)) {
    ctx.stderr(ctx.lang === 'zh' ? `找不到运行记录库 ${where}（可用 MTO_DB 指定）` : `no run history at ${where} (set MTO_DB to the service's database)`);
    return EXIT.error;
  }
  let store: RunStore;
  try {
    // Loaded here, not at start: SQLite and PostgreSQL clients only for --compare-run.
    const { openRunStore } = await import('../store/open');
    store = await openRunStore(where);
  } catch (e) {
    ctx.stderr((e as Error).message);
    return EXIT.error;
  }
  try {
    const r = use(await store.get(id), id);
    if (typeof r === 'string') {
      ctx.stderr(r);
      return EXIT.invalid;
    }
    return r;
  } finally {
    await store.close();
  }
}
