// An import whose write the database refuses — another Kassa program holding the write lock past the
// busy timeout (a second `kassa import`), a full or read-only disk — is said as the database's trouble
// ("busy: nothing written, try again"), in the manager's language, not as an internal error carrying
// SQLite's English; `kassa import` exits 1 for it (2 is for the file). Real core, real SQLite.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exitCodeOf, summarizeOutcome } from '../../../main/services/imports/import-summary.js';
import type { ImportOutcome } from '../../../main/services/imports/import-job.js';
import { DATABASE_FILE, type KassaCore } from '../../../main/app-core.js';
import { reasonOrErrorText } from '../../../shared/i18n/import-reason.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { openCore } from '../../helpers/core-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SAMPLES } from './helpers.js';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = await openCore(dir);
});
afterEach(async () => {
  await core.close();
  cleanup();
});

it('another program holds the write lock: the import fails as storage_busy, nothing written', async () => {
  const uploadId = core.registerUpload({ path: SAMPLES.report, fileName: 'report.csv', size: statSync(SAMPLES.report).size, temporary: false });
  const ended = new Promise<{ phase: string; failure: { code: string } | null }>((resolve) =>
    core.onEvent((name, payload) => {
      const progress = payload as { phase: string; failure: { code: string } | null };
      if (name === 'import.progress' && ['done', 'failed', 'cancelled'].includes(progress.phase)) resolve(progress);
    }),
  );
  const other = new Database(join(dir, DATABASE_FILE)); // another Kassa program, writing
  other.exec('BEGIN IMMEDIATE');
  try {
    expect((await core.invoke('imports.commit', { uploadId }, 'cashier')).ok).toBe(true);
    const progress = await ended;
    expect(progress).toMatchObject({ phase: 'failed', failure: { code: 'storage_busy' } });
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(await core.invoke('imports.batches', {}, 'cashier')).toEqual({ ok: true, data: { batches: [] } });
  // said in the manager's words, on the screen and by the CLI, which exits 1 (not the file's fault)
  for (const locale of ['ru', 'kk', 'en'] as const) expect(reasonOrErrorText(locale, { code: 'storage_busy' })).toBe(errorMessage(locale, 'storage_busy'));
  const outcome = { phase: 'failed', format: 'kaspi-report', rows: 0, imported: 0, updated: 0, duplicates: 0, invalid: [], invalidCount: 0, problems: [], batch: null, failure: { ok: false, code: 'storage_busy' } } as ImportOutcome;
  const summary = summarizeOutcome(outcome, 'ru');
  expect(summary.error).toEqual({ code: 'storage_busy', reason: errorMessage('ru', 'storage_busy') });
  expect(exitCodeOf(summary)).toBe(1);
}, 30_000);
