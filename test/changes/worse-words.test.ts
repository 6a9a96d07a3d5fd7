// The Changes sheet marks the rows that got worse in words, like Exceptions' *Act now*: a planner
// reading the real .xlsx (English or Chinese) sees "yes" / "是" or nothing, never TRUE / FALSE.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { samplePlant } from '../../shared/sample-plant';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { tempDir } from '../helpers';

describe('Changes sheet: the Worse column', () => {
  const dir = tempDir('mto-worse-words-');

  it('says yes / 是 in words, blank otherwise', async () => {
    const r = samplePlant();
    const book = join(dir, 'cancel.xlsx');
    // Cancelling SO-261102 frees its motors for others but moves some orders later in the schedule.
    writeFileSync(book, Buffer.from(await inputWorkbook(r.settings, { ...r.sheets, WhatIf: [{ Action: 'Cancel', OrderId: 'SO-261102' }] }).xlsx.writeBuffer()));
    for (const [lang, word, header] of [['en', 'yes', 'Worse'], ['zh', '是', '变差']] as const) {
      const out = join(dir, `cancel-${lang}.xlsx`);
      const run = await cli(['plan', book, '--lang', lang, '--out', out, '--solver', 'highs']);
      expect(run.code).toBe(0);
      const changes = workbookRows(await loadWorkbook(readFileSync(out))).Changes;
      const j = changes.header.indexOf(header);
      expect(j).toBeGreaterThanOrEqual(0);
      const flags = changes.rows.map((row) => row[j] ?? '');
      expect(flags.every((v) => v === word || v === '')).toBe(true);
      expect(flags).toContain(word); // some order did get later
    }
  }, 120_000);
});
