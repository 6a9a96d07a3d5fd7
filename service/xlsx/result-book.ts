// The workbook a job hands back: the user's own package with the result sheets added (or
// replacing those of an earlier run). exceljs lays out and styles the result sheets in a workbook
// of their own (write-results.ts); splice.ts puts those sheets into the user's package.
import type { Lang } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';
import type { Book } from './read-book';
import { addResultSheets } from './splice';
import { newWorkbook, xlsxBytes } from './workbook';
import { writeResultSheets } from './write-results';

export async function resultWorkbook(book: Pick<Book, 'pkg'>, sheets: ResultSheet[], lang: Lang): Promise<Buffer> {
  const wb = newWorkbook();
  writeResultSheets(wb, sheets, lang);
  return addResultSheets(book.pkg(), await xlsxBytes(wb));
}
