// Every string the task pane shows, in English and Simplified Chinese (terms from GLOSSARY.md).
// The language follows Office's display language, else the browser's.
import { langOf, type Lang } from '../shared/problems';

/** Result sheets keep their English names in the workbook; the Chinese UI titles them in Chinese. */
const RESULT_SHEETS_ZH: Record<string, string> = {
  Plan: '排产计划',
  Load: '工作中心负荷',
  Materials: '物料需求',
  Exceptions: '异常清单',
  QuoteResults: '报价结果',
  QuoteDistribution: '成本模拟分布',
  QuoteLines: '报价明细',
  SupplierScorecard: '供应商评分表',
  Schedule: '工序排程',
  Dispatch: '派工单',
  'Gantt by work center': '甘特图（按工作中心）',
  'Gantt by order': '甘特图（按订单）',
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
  problemsFound: (n: number) => `${n} problem${n === 1 ? '' : 's'} to fix (click one to go to its cell):`,
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
  saved: (file: string) => `Saved ${file}.`,
  serviceDown: (url: string) => `Cannot reach the planning service at ${url}. Start it with "npm start" and try again.`,
  busy: 'The service is busy with other solves; try again in a moment.',
  tooLarge: 'The workbook is larger than the service accepts.',
  solveFailed: (msg: string) => `The plan could not be solved: ${msg}`,
  httpError: (status: number, msg: string) => `The service answered ${status}: ${msg}`,
  excelTooOld: 'This version of Excel lacks ExcelApi 1.8, which the add-in needs; use Excel 2019 or later, Microsoft 365 or Excel on the web.',
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
  problemsFound: (n) => `有 ${n} 个问题需要修正（点击可跳转到对应单元格）：`,
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
  saved: (file) => `已保存 ${file}。`,
  serviceDown: (url) => `无法连接计划服务 ${url}。请用“npm start”启动后重试。`,
  busy: '计划服务正忙于其他计算，请稍后重试。',
  tooLarge: '工作簿超出服务允许的大小。',
  solveFailed: (msg) => `无法求解计划：${msg}`,
  httpError: (status, msg) => `服务返回 ${status}：${msg}`,
  excelTooOld: '此版本 Excel 不支持加载项所需的 ExcelApi 1.8；请使用 Excel 2019 及以上版本、Microsoft 365 或网页版 Excel。',
  officeUnavailable: '无法加载 Office.js：以独立模式运行。',
  cellNotFound: (ref) => `工作簿中已找不到 ${ref}。`,
  showingRows: (shown, total) => `显示前 ${shown} 行，共 ${total} 行`,
};

export const STRINGS: Record<Lang, Strings> = { en, zh };

/** Office's display language wins (the user chose it for Excel); otherwise the browser's. */
export function pickLang(officeDisplayLanguage: string | undefined, navigatorLanguage: string | undefined): Lang {
  return langOf(officeDisplayLanguage || navigatorLanguage);
}
