// Every string the task pane shows, in English and Simplified Chinese (terms from docs/glossary.md).
// The language follows Office's display language, else the browser's.
import { langOf, type Lang } from '../shared/problems';

/** Result sheets keep their English names in the workbook; the Chinese UI titles them in Chinese. */
const RESULT_SHEETS_ZH: Record<string, string> = {
  Plan: '排产计划',
  Load: '工作中心负荷',
  Materials: '物料需求',
  Exceptions: '异常清单',
  Changes: '计划变更',
  Stranded: '呆滞料',
  RunOut: '自然切换',
  QuoteResults: '报价结果',
  QuoteDistribution: '成本模拟分布',
  QuoteLines: '报价明细',
  SupplierScorecard: '供应商评分表',
  OrderCosts: '订单成本',
  OrderCostTrace: '订单成本明细',
  SubcontractLots: '委外批次',
  Wages: '工资',
  PriceReview: '核价',
};

const zhLabel = (sheet: string): string => (RESULT_SHEETS_ZH[sheet] ? `${RESULT_SHEETS_ZH[sheet]}（${sheet}）` : sheet);

const en = {
  title: 'MTO Planner',
  subtitleExcel: 'Plan, quote and score suppliers from this workbook',
  subtitleStandalone: 'No Excel here: pick a workbook (.xlsx) and run it on the planning service',
  createTemplate: 'Create template',
  validate: 'Validate',
  plan: 'Plan',
  quote: 'Quote',
  suppliers: 'Suppliers',
  costs: 'Order costs',
  prices: 'Price review',
  exportScorecard: 'Export scorecard',
  trySample: 'Try the sample plant',
  chooseFile: 'Choose a workbook (.xlsx)…',
  noFileChosen: 'No file chosen',
  download: 'Download workbook with results',
  noFile: 'Choose a workbook first, or try the sample plant.',
  reading: 'Reading the workbook…',
  validating: 'Checking the input…',
  sending: 'Running on the service…',
  writing: (sheet: string) => `Writing ${sheet}…`,
  elapsed: (what: string, s: number) => `${what} ${s} s`,
  done: (s: number) => `Done in ${s.toFixed(1)} s.`,
  problemsFound: (n: number, clickable: boolean) => `${n} problem${n === 1 ? '' : 's'} to fix${clickable ? ' (click one to go to its cell)' : ''}:`,
  noProblems: (sheets: number) => `No problems found in ${sheets} input sheet${sheets === 1 ? '' : 's'}.`,
  noInputSheets: 'No input sheets found. Use "Create template" to add them.',
  templateCreated: (sheets: string[]) => `Created ${sheets.join(', ')}.`,
  templateSkipped: (sheets: string[]) => `Already there, left unchanged: ${sheets.join(', ')}.`,
  /** a result sheet's title on the page (its name in the workbook in English) */
  sheetTitle: (sheet: string) => sheet,
  /** a result sheet named in a sentence */
  sheetLabel: (sheet: string) => sheet,
  sheetsWritten: (sheets: string[]) => `Wrote ${sheets.join(', ')}.`,
  lateOrders: (n: number) => (n === 0 ? 'No late orders.' : `${n} late order${n === 1 ? '' : 's'}:`),
  /** why one order is listed: days late, or the quantity it is short, and the planner's reason */
  lateItem: (daysLate: number, shortQty: number, because: string) =>
    [daysLate > 0 ? `${daysLate} day${daysLate === 1 ? '' : 's'} late` : '', shortQty > 0 ? `${shortQty} short` : '', because ? `because ${because}` : ''].filter(Boolean).join(', '),
  quotesPriced: (n: number) => `${n} quote line${n === 1 ? '' : 's'} priced.`,
  suppliersScored: (n: number) => `${n} supplier${n === 1 ? '' : 's'} scored.`,
  flaggedRows: (sheet: string, n: number) => `${sheet}: ${n} highlighted row${n === 1 ? '' : 's'}`,
  runId: (id: string) => `Run ${id} saved on the service.`,
  /** a download handed to the browser: whether it lands on disk is the browser's (and the user's) call */
  saved: (file: string) => `Download of ${file} started.`,
  /** the export opened as a link in the browser (Office on Mac cannot save from the pane) */
  openedInBrowser: (file: string) => `${file} opened in your browser, which downloads it. If nothing happens, use this link:`,
  jobRunning: (job: string) => `${job} is still running; wait for it to finish.`,
  cellEditWait: 'Excel is busy while a cell is being edited: press Enter or Esc in the cell, and the add-in carries on.',
  writeAgain: 'Write results again',
  /** a write that stopped half-way */
  partialWrite: (written: string[], stale: string[]) =>
    `${stale.join(', ')} could not be written and still ${stale.length === 1 ? 'holds' : 'hold'} the previous run's results${written.length ? ` (${written.join(', ')} ${written.length === 1 ? 'is' : 'are'} from this run)` : ''}. Use "Write results again" once the cause is fixed: nothing is solved again.`,
  staleSheets: (sheets: string[]) => `${sheets.join(', ')} ${sheets.length === 1 ? 'is' : 'are'} from an earlier run than the other result sheets: run the job again to bring them up to date.`,
  protectedSheet: (sheet: string) => `${sheet} is protected: unprotect it (Review › Unprotect Sheet) and try again.`,
  tokenNeeded: 'This planning service asks for an access token. Enter the token you were given (it is kept until Excel or this tab closes):',
  tokenSave: 'Use token',
  tokenWrong: 'The service did not accept that token. Check it and enter it again:',
  needsUpdate: (what: string) => `This add-in needs ${what}. Update Office (File › Account › Update Options › Update Now), or open the workbook in Excel on the web.`,
  excelErrors: {
    itemAlreadyExists: 'Excel already has something of that name (a sheet, table or name): rename or remove it and try again.',
    accessDenied: 'Excel refused the change: the workbook structure or a sheet is protected (Review › Protect Workbook / Unprotect Sheet), or the workbook is read-only or shared.',
    cellEditMode: 'Excel is in cell-edit mode: press Enter or Esc in the cell being edited and try again.',
    tooMuchData: 'Excel could not pass that much data at once; try again (the add-in sends less per step next time), or plan fewer orders.',
    itemNotFound: 'A sheet or table the add-in needs is no longer there (renamed or deleted while it worked); try again.',
    apiMissing: 'This version of Excel lacks a feature the add-in uses; update Office or use Excel on the web.',
    invalid: (detail: string) => `Excel refused an operation: ${detail}`,
    other: (code: string, detail: string) => `Excel reported ${code}${detail ? `: ${detail}` : ''}.`,
  },
  serviceDown: (url: string) => `Cannot reach the planning service at ${url}. Start it with "npm start" and try again.`,
  busy: 'The service is busy with other solves; try again in a moment.',
  tooLarge: 'The workbook is larger than the service accepts.',
  solveFailed: (msg: string) => `The plan could not be solved: ${msg}`,
  httpError: (status: number, msg: string) => `The service answered ${status}: ${msg}`,
  excelTooOld: 'This add-in needs Excel with the ExcelApi 1.8 requirement set: Excel 2019 or later, Microsoft 365 (Windows or Mac), or Excel on the web. Update Office (File › Account › Update Options), or open the workbook in Excel on the web.',
  officeUnavailable: 'Office.js is not available: running standalone.',
  cellNotFound: (ref: string) => `${ref} is not in this workbook any more.`,
  showingRows: (shown: number, total: number) => `first ${shown} of ${total} rows`,
};

export type Strings = typeof en;

const zh: Strings = {
  title: '按单生产计划',
  subtitleExcel: '基于本工作簿进行排产、报价和供应商评分',
  subtitleStandalone: '未在 Excel 中运行：请选择工作簿（.xlsx），由计划服务处理',
  createTemplate: '创建模板',
  validate: '校验',
  plan: '排产',
  quote: '报价',
  suppliers: '供应商评分',
  costs: '订单成本',
  prices: '核价',
  exportScorecard: '导出评分表',
  trySample: '试用示例工厂',
  chooseFile: '选择工作簿（.xlsx）…',
  noFileChosen: '未选择文件',
  download: '下载含结果的工作簿',
  noFile: '请先选择工作簿，或试用示例工厂。',
  reading: '正在读取工作簿…',
  validating: '正在校验输入…',
  sending: '计划服务正在运行…',
  writing: (sheet) => `正在写入 ${sheet}…`,
  elapsed: (what, s) => `${what} ${s} 秒`,
  done: (s) => `完成，用时 ${s.toFixed(1)} 秒。`,
  problemsFound: (n, clickable) => `有 ${n} 个问题需要修正${clickable ? '（点击可跳转到对应单元格）' : ''}：`,
  noProblems: (sheets) => `${sheets} 个输入工作表均未发现问题。`,
  noInputSheets: '未找到输入工作表，请先点击“创建模板”。',
  templateCreated: (sheets) => `已创建：${sheets.join('、')}。`,
  templateSkipped: (sheets) => `已存在，未改动：${sheets.join('、')}。`,
  sheetTitle: (sheet) => RESULT_SHEETS_ZH[sheet] ?? sheet,
  sheetLabel: zhLabel,
  sheetsWritten: (sheets) => `已写入：${sheets.map(zhLabel).join('、')}。`,
  lateOrders: (n) => (n === 0 ? '没有延期订单。' : `${n} 个订单延期：`),
  lateItem: (daysLate, shortQty, because) =>
    [daysLate > 0 ? `延期 ${daysLate} 天` : '', shortQty > 0 ? `缺 ${shortQty}` : '', because ? `原因：${because}` : ''].filter(Boolean).join('，'),
  quotesPriced: (n) => `已完成 ${n} 行报价。`,
  suppliersScored: (n) => `已为 ${n} 家供应商评分。`,
  flaggedRows: (sheet, n) => `${zhLabel(sheet)}：${n} 行已标出`,
  runId: (id) => `运行记录 ${id} 已保存在服务端。`,
  saved: (file) => `已开始下载 ${file}。`,
  openedInBrowser: (file) => `已在浏览器中打开 ${file}，由浏览器下载。如无反应，请使用此链接：`,
  jobRunning: (job) => `${job}仍在运行，请等待完成。`,
  cellEditWait: '正在编辑单元格时 Excel 无法响应：请在该单元格按 Enter 或 Esc，加载项随后继续。',
  writeAgain: '重新写入结果',
  partialWrite: (written, stale) =>
    `${stale.map(zhLabel).join('、')} 未能写入，仍为上一次运行的结果${written.length ? `（${written.map(zhLabel).join('、')} 为本次结果）` : ''}。排除原因后点击“重新写入结果”，无需重新计算。`,
  staleSheets: (sheets) => `${sheets.map(zhLabel).join('、')} 来自较早的一次运行，与其他结果表不一致：请重新运行以更新。`,
  protectedSheet: (sheet) => `${zhLabel(sheet)} 受保护：请先撤消保护（审阅 › 撤消工作表保护）后重试。`,
  tokenNeeded: '此计划服务需要访问令牌。请输入管理员提供的令牌（保留至关闭 Excel 或此标签页）：',
  tokenSave: '使用令牌',
  tokenWrong: '服务未接受该令牌，请核对后重新输入：',
  needsUpdate: (what) => `此加载项需要 ${what}。请更新 Office（文件 › 帐户 › 更新选项 › 立即更新），或在网页版 Excel 中打开工作簿。`,
  excelErrors: {
    itemAlreadyExists: 'Excel 中已有同名对象（工作表、表格或名称）：请重命名或删除后重试。',
    accessDenied: 'Excel 拒绝了更改：工作簿结构或工作表受保护（审阅 › 保护工作簿 / 撤消工作表保护），或工作簿为只读或共享。',
    cellEditMode: 'Excel 正处于单元格编辑状态：请在正在编辑的单元格按 Enter 或 Esc 后重试。',
    tooMuchData: 'Excel 一次无法传递这么多数据；请重试（下次每步传递更少），或减少订单数量。',
    itemNotFound: '加载项所需的工作表或表格已不存在（运行期间被重命名或删除）；请重试。',
    apiMissing: '此版本 Excel 缺少加载项所需的功能；请更新 Office 或使用网页版 Excel。',
    invalid: (detail) => `Excel 拒绝了一项操作：${detail}`,
    other: (code, detail) => `Excel 报告 ${code}${detail ? `：${detail}` : ''}。`,
  },
  serviceDown: (url) => `无法连接计划服务 ${url}。请用“npm start”启动后重试。`,
  busy: '计划服务正忙于其他计算，请稍后重试。',
  tooLarge: '工作簿超出服务允许的大小。',
  solveFailed: (msg) => `无法求解计划：${msg}`,
  httpError: (status, msg) => `服务返回 ${status}：${msg}`,
  excelTooOld: '此加载项需要支持 ExcelApi 1.8 要求集的 Excel：Excel 2019 及以上版本、Microsoft 365（Windows 或 Mac）或网页版 Excel。请更新 Office（文件 › 帐户 › 更新选项），或在网页版 Excel 中打开工作簿。',
  officeUnavailable: '无法加载 Office.js：以独立模式运行。',
  cellNotFound: (ref) => `工作簿中已找不到 ${ref}。`,
  showingRows: (shown, total) => `显示前 ${shown} 行，共 ${total} 行`,
};

export const STRINGS: Record<Lang, Strings> = { en, zh };

/** Office's display language wins (the user chose it for Excel); otherwise the browser's. */
export function pickLang(officeDisplayLanguage: string | undefined, navigatorLanguage: string | undefined): Lang {
  return langOf(officeDisplayLanguage || navigatorLanguage);
}
