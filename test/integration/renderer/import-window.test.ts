// The Import tab's batch history over the real core (real SQLite): an undo that hands rows a later
// file had too over to its batch shows that batch's new figures at once, not after a reload.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPORT_HEADER } from '../imports/helpers.js';
import { runCli } from '../imports/cli-helpers.js';
import { coreWindowPerTest } from '../../helpers/window-over-core.js';
import { waitFor } from '../../helpers/wait-for.js';

const t = coreWindowPerTest();

const report = (rows: string[]) => `\ufeff;Период:;01.04.2025 - 30.04.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;
const row = (n: number, id: string) => `${n};${id};05.04.2025;10:00:0${n};06.04.2025;Покупка;QR;1 000,00;990,00;10,00;;;`;

it("undo of a week report the month report also had: the month's batch shows the rows it took over", async () => {
  const imported = async (name: string, rows: string[]) => {
    const file = join(t.dir, name);
    writeFileSync(file, report(rows));
    const run = await runCli('import', [file, '--data-dir', t.dir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { batchId: string };
  };
  const week = await imported('week.csv', [row(1, 'P1'), row(2, 'P2')]);
  const month = await imported('month.csv', [row(1, 'P1'), row(2, 'P2'), row(3, 'P3')]);
  t.window('cashier');
  const actions = await import('../../../renderer/src/state/import-actions.js');
  const { useImport } = await import('../../../renderer/src/state/import-store.js');
  await actions.loadBatches();
  const monthRow = () => useImport.getState().batches.find((b) => b.id === month.batchId)!;
  expect(monthRow()).toMatchObject({ rows: 1, sumTiyn: 100_000 });
  actions.askUndo(week.batchId);
  await actions.confirmUndo(week.batchId);
  await waitFor(() => monthRow().rows === 3, 3_000);
  expect(monthRow()).toMatchObject({ rows: 3, sumTiyn: 300_000 });
});
