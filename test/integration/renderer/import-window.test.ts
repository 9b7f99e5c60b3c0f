// The Import tab's state over the real core (real SQLite): what a manager reads when main cannot do
// what was asked for reasons of its own — not a word blaming the form.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { coreWindowPerTest, type WindowOverCore } from '../../helpers/window-over-core.js';

const t = coreWindowPerTest();
let win: WindowOverCore;

it('a mapping the database could not save (another program writing) says so, not "check the fields"', async () => {
  win = t.window('cashier');
  const actions = await import('../../../renderer/src/state/import-actions.js');
  const { useImport } = await import('../../../renderer/src/state/import-store.js');
  actions.updateDraft({ dateColumn: 'Дата', amountColumn: 'Сумма' });
  actions.setMappingName('Halyk');
  const other = new Database(join(t.dir, 'kassa.db')); // a `kassa import` holding the write lock
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
