// The earlier plan for `plan --compare <result.xlsx>` and `plan --compare-run <id>`: a result
// workbook written by an earlier plan, or a plan run stored in the service's run history
// (MTO_DB, default data/mto-planner.db).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { answerFromJson, answerFromWorkbook } from '../../shared/changes/earlier-plan';
import type { PlanAnswer } from '../../shared/changes/compare';
import { workbookRows } from '../../shared/xlsx/read-workbook';
import { loadConfig } from '../config';
import { EXIT, type CommandContext } from './types';
import { openBook, reportProblems } from './workbook-io';

export async function earlierFromFile(path: string, ctx: CommandContext): Promise<PlanAnswer | number> {
  const wb = await openBook(path, ctx);
  if (typeof wb === 'number') return wb;
  const { answer, problems } = answerFromWorkbook(workbookRows(wb), path);
  return problems.length ? reportProblems(problems, ctx) : answer;
}

/** A stored run's plan, or why not (unknown id, not a plan, not ok). */
export function earlierFromStored(run: { job: string; status: string; resultGz: Uint8Array | null } | undefined, id: number, lang: 'en' | 'zh'): PlanAnswer | string {
  const zh = lang === 'zh';
  if (!run) return zh ? `没有编号为 ${id} 的运行记录` : `there is no run ${id} in the run history`;
  if (run.job !== 'plan' || run.status !== 'ok' || !run.resultGz)
    return zh ? `运行 ${id} 不是成功的排产运行（${run.job}，${run.status}），无法比较` : `run ${id} is not a successful plan run (${run.job}, ${run.status}): nothing to compare with`;
  const answer = answerFromJson(JSON.parse(gunzipSync(run.resultGz).toString('utf8')));
  return answer ?? (zh ? `运行 ${id} 的结果中没有计划` : `run ${id} holds no plan`);
}

export async function earlierFromRun(text: string, ctx: CommandContext): Promise<PlanAnswer | number> {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) {
    ctx.stderr(ctx.lang === 'zh' ? `--compare-run 应为运行编号（正整数，当前为 ${text}）` : `--compare-run must be a run id, a whole number from 1 (got ${text})`);
    return EXIT.error;
  }
  const path = loadConfig().dbPath;
  if (!existsSync(path)) {
    ctx.stderr(ctx.lang === 'zh' ? `找不到运行记录库 ${path}（可用 MTO_DB 指定）` : `no run history at ${path} (set MTO_DB to the service's database)`);
    return EXIT.error;
  }
  // Loaded only here, read-only: no other plan needs the run history's SQLite module.
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
  let db: import('better-sqlite3').Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    ctx.stderr(`${path}: ${(e as Error).message}`);
    return EXIT.error;
  }
  try {
    const run = db.prepare('SELECT job, status, result_gz AS resultGz FROM runs WHERE id = ?').get(id) as { job: string; status: string; resultGz: Buffer | null } | undefined;
    const r = earlierFromStored(run, id, ctx.lang);
    if (typeof r === 'string') {
      ctx.stderr(r);
      return EXIT.invalid;
    }
    return r;
  } finally {
    db.close();
  }
}
