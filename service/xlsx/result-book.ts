// The workbook a job hands back: the user's own package with the result sheets added (or
// replacing those of an earlier run). result-parts.ts writes the result sheets as a package of
// their own; splice.ts puts those sheets into the user's package.
import type { Lang } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';
import type { Book } from './read-book';
import { resultParts } from './result-parts';
import { addResultSheets } from './splice';

export async function resultWorkbook(book: Pick<Book, 'pkg' | 'parts'>, sheets: ResultSheet[], lang: Lang): Promise<Buffer> {
  return addResultSheets(book.pkg(), resultParts(sheets, lang), book.parts);
}
