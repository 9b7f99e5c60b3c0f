// The Import tab's state over the real core (real SQLite): what a manager reads when main cannot do
// what was asked for reasons of its own — not a word blaming the form.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { openCore } from '../../helpers/core-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { windowOverCore, type WindowOverCore } from '../../helpers/window-over-core.js';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
let win: WindowOverCore;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = await openCore(dir);
  vi.resetModules();
});
afterEach(async () => {
  win?.close();
  await core.close();
  cleanup();
});

it('a mapping the database could not save (another program writing) says so, not "check the fields"', async () => {
  win = windowOverCore(core, 'cashier');
  const actions = await import('../../../renderer/src/state/import-actions.js');
  const { useImport } = await import('../../../renderer/src/state/import-store.js');
  actions.updateDraft({ dateColumn: 'Дата', amountColumn: 'Сумма' });
  actions.setMappingName('Halyk');
  const other = new Database(join(dir, 'kassa.db')); // a `kassa import` holding the write lock
  other.exec('BEGIN IMMEDIATE');
  try {
    await actions.saveMapping();
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  const feedback = useImport.getState().mappingFeedback;
  expect(feedback).toMatchObject({ ok: false, code: 'storage_busy' });
  expect(errorMessage('ru', 'storage_busy')).toMatch(/занята/);
  await actions.saveMapping(); // the lock gone: saved
  expect(useImport.getState().mappingFeedback).toMatchObject({ ok: true, key: 'import.mapping.saved' });
}, 30_000);
