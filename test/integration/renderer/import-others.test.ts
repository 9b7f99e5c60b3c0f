// Imports seen from a window that did not start them (another Kassa window, or this one reloaded),
// over the real core (real SQLite, the real parse): main names the running import and its file, the
// window shows it until it ends, then its batch; an undo anywhere reaches every window; a window's own
// import whose end it missed while its event stream was down is let go once main no longer runs it.
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { ImportPreview, ImportProgress } from '../../../shared/import-domain.js';
import { writeReport } from '../../helpers/report-file.js';
import { waitFor } from '../../helpers/wait-for.js';
import { coreWindowPerTest } from '../../helpers/window-over-core.js';

const t = coreWindowPerTest();

/** A report file main knows as an upload (as a drop in another window leaves it). */
function uploaded(name: string, rows: number): string {
  const path = join(t.dir, name);
  writeReport(path, rows);
  return t.core.registerUpload({ path, fileName: name, size: statSync(path).size, temporary: false });
}

async function importTab() {
  const win = t.window('cashier');
  const actions = await import('../../../renderer/src/state/import-actions.js');
  const { useImport } = await import('../../../renderer/src/state/import-store.js');
  const session = await import('../../../renderer/src/state/cashier-session.js');
  const stop = session.startCashierSession();
  return { win, actions, useImport, stop };
}

it("another window's running import: the tab opened meanwhile names it, follows it, and shows its batch when it ends", async () => {
  const { actions, useImport, stop } = await importTab();
  const uploadId = uploaded('march-big.csv', 60_000);
  const commit = await t.core.invoke('imports.commit', { uploadId }, 'cashier');
  expect(commit.ok).toBe(true);
  const jobId = (commit as { data: { jobId: string } }).data.jobId;
  actions.openImportTab(); // this window opens its Import tab while the other's import runs
  await waitFor(() => useImport.getState().others.length === 1, 5_000);
  expect(useImport.getState().others[0]).toMatchObject({ jobId, fileName: 'march-big.csv' });
  expect(['parsing', 'writing']).toContain(useImport.getState().others[0]!.phase);
  await waitFor(() => useImport.getState().others.length === 0, 60_000);
  await waitFor(() => useImport.getState().batches.length === 1, 5_000);
  expect(useImport.getState().batches[0]).toMatchObject({ fileName: 'march-big.csv', rows: 60_000 });
  expect(useImport.getState().job).toBeNull(); // not this window's: nothing of its own started
  stop();
});

it('main lists a running import with its file, and the rows its write goes through', async () => {
  const uploadId = uploaded('week.csv', 30_000);
  const seen: ImportProgress[] = [];
  const off = t.core.onEvent((name, payload) => {
    if (name === 'import.progress') seen.push(payload as ImportProgress);
  });
  const commit = await t.core.invoke('imports.commit', { uploadId }, 'cashier');
  const jobId = (commit as { data: { jobId: string } }).data.jobId;
  const running = await t.core.invoke('imports.running', {}, 'cashier');
  expect(running).toMatchObject({ ok: true, data: { jobs: [{ jobId, fileName: 'week.csv' }] } });
  await waitFor(() => seen.some((p) => p.phase === 'done'), 60_000);
  off();
  expect(seen.every((p) => p.fileName === 'week.csv')).toBe(true);
  expect(seen.filter((p) => p.phase === 'writing').every((p) => p.expectedRows === 30_000)).toBe(true);
  expect(seen.filter((p) => p.phase === 'parsing').every((p) => p.expectedRows === null)).toBe(true);
  expect(seen.at(-1)).toMatchObject({ phase: 'done', rows: 30_000, duplicates: 0 });
  expect(await t.core.invoke('imports.running', {}, 'cashier')).toEqual({ ok: true, data: { jobs: [] } });
  // the same file again: all of it stored already, said by the done event
  const again = await t.core.invoke('imports.commit', { uploadId: uploaded('week-again.csv', 30_000) }, 'cashier');
  expect(again.ok).toBe(true);
  const last: ImportProgress[] = [];
  const off2 = t.core.onEvent((name, payload) => {
    if (name === 'import.progress') last.push(payload as ImportProgress);
  });
  await waitFor(() => last.some((p) => p.phase === 'done'), 60_000);
  off2();
  expect(last.at(-1)).toMatchObject({ phase: 'done', rows: 0, duplicates: 30_000 });
});

it('an undo in another window: this one shows the batch undone and closes its own question about it', async () => {
  const { actions, useImport, stop } = await importTab();
  const commit = await t.core.invoke('imports.commit', { uploadId: uploaded('small.csv', 10) }, 'cashier');
  expect(commit.ok).toBe(true);
  await waitFor(() => useImport.getState().batches.length === 1, 10_000);
  const batchId = useImport.getState().batches[0]!.id;
  actions.askUndo(batchId); // this window's manager is asking about it, too
  expect(await t.core.invoke('imports.undo', { batchId }, 'cashier')).toMatchObject({ ok: true });
  await waitFor(() => useImport.getState().batches[0]!.undoneAt !== null, 5_000);
  expect(useImport.getState().undoAsk).toBeNull();
  stop();
});

it("this window's import whose end it missed while its event stream was down is let go once main no longer runs it", async () => {
  const { win, actions, useImport, stop } = await importTab();
  const uploadId = uploaded('april.csv', 20);
  const preview = await t.core.invoke('imports.preview', { uploadId }, 'cashier');
  expect(preview.ok).toBe(true);
  useImport.setState({ uploadId, preview: (preview as { ok: true; data: ImportPreview }).data });
  win.mute();
  await actions.commitImport();
  expect(useImport.getState().job?.jobId).toBeTruthy();
  await waitFor(async () => {
    const r = (await t.core.invoke('imports.running', {}, 'cashier')) as { data: { jobs: unknown[] } };
    return r.data.jobs.length === 0;
  }, 10_000);
  expect(useImport.getState().job).not.toBeNull(); // it heard nothing of the end
  win.unmute();
  actions.importReconnected();
  await waitFor(() => useImport.getState().job === null, 5_000);
  await waitFor(() => useImport.getState().batches.length === 1, 5_000);
  expect(useImport.getState().others).toEqual([]);
  stop();
});

it('an import that starts while the list of running imports is on its way stays shown when the older list lands', async () => {
  const { win, actions, useImport, stop } = await importTab();
  win.holdNext('imports.running');
  const listing = actions.loadRunning(); // main answers "none running" now; the answer is held
  await new Promise((resolve) => setTimeout(resolve, 50));
  const commit = await t.core.invoke('imports.commit', { uploadId: uploaded('late.csv', 60_000) }, 'cashier');
  const jobId = (commit as { data: { jobId: string } }).data.jobId;
  await waitFor(() => useImport.getState().others.some((o) => o.jobId === jobId), 5_000);
  await win.release('imports.running');
  await listing;
  expect(useImport.getState().others.map((o) => o.jobId)).toEqual([jobId]);
  await waitFor(() => useImport.getState().others.length === 0, 60_000); // and goes when it ends
  stop();
});
