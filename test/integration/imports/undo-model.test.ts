// Import and undo of Kaspi reports in random orders against a model: the stored rows must always be
// what importing only the batches still imported, in their order, would give — each row owned by the
// first of them whose file had it, its empty settlement day / fee filled by the first later file that
// has one (a changed value is never applied), and each batch counting the rows it owns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, makeEnv, REPORT_HEADER, writeFile, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv('kassa-undo-model-');
});
afterEach(async () => {
  await env.cleanup();
});

interface FileRow {
  key: number;
  settlement: string | null;
  fee: number | null;
}
type Stored = Map<number, { owner: number; settlement: string | null; fee: number | null }>;

const report = (rows: FileRow[]) =>
  `\ufeff;Период:;01.04.2025 - 30.04.2025\r\n\r\n${REPORT_HEADER}\r\n${rows
    .map((r, i) => `${i + 1};P${r.key};05.04.2025;10:00:0${r.key};${r.settlement ? `${r.settlement}.04.2025` : ''};Покупка;QR;1 000,00;990,00;${r.fee === null ? '' : `${r.fee},00`};;;`)
    .join('\r\n')}\r\n`;

/** A small deterministic random source (the same sequences on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** The model: the live batches' files imported in their order. */
function replay(batches: { id: number; rows: FileRow[] }[]): Stored {
  const stored: Stored = new Map();
  for (const batch of [...batches].sort((a, b) => a.id - b.id)) {
    for (const row of batch.rows) {
      const had = stored.get(row.key);
      if (!had) stored.set(row.key, { owner: batch.id, settlement: row.settlement, fee: row.fee });
      else {
        had.settlement ??= row.settlement;
        had.fee ??= row.fee;
      }
    }
  }
  return stored;
}

function actual(): Stored {
  const rows = env.db
    .prepare("SELECT CAST(substr(purchase_id, 2) AS INTEGER) AS key, batch_id AS owner, substr(settlement_date, 9, 2) AS settlement, fee_tiyn / 100 AS fee FROM report_rows")
    .all() as { key: number; owner: number; settlement: string | null; fee: number | null }[];
  return new Map(rows.map(({ key, ...rest }) => [key, rest]));
}

const sorted = (stored: Stored) => [...stored.entries()].sort((a, b) => a[0] - b[0]);

describe('import and undo in any order', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])('sequence %i matches the model after every step', async (seed) => {
    const next = random(seed);
    const changedValues = seed % 2 === 0; // re-exports that give a stored row another day: never applied
    const live: { id: number; rows: FileRow[] }[] = [];
    const steps: string[] = [];
    for (let step = 0; step < 10; step++) {
      if (live.length > 0 && next() < 0.35) {
        const [batch] = live.splice(Math.floor(next() * live.length), 1);
        env.imports.undo(String(batch!.id));
        steps.push(`undo ${batch!.id}`);
      } else {
        const rows: FileRow[] = [];
        for (let key = 1; key <= 4; key++) {
          if (next() >= 0.6) continue;
          const day = changedValues && next() < 0.3 ? String(10 + key) : `0${5 + key}`;
          rows.push({ key, settlement: next() < 0.5 ? null : day, fee: next() < 0.5 ? null : 10 });
        }
        if (rows.length === 0) continue;
        const done = await importFile(env, writeFile(env, `f${step}.csv`, report(rows)));
        expect(done.failure).toBeNull();
        steps.push(`import ${JSON.stringify(rows)} → ${done.batch?.id ?? 'no batch'}`);
        if (done.batch) live.push({ id: Number(done.batch.id), rows });
      }
      const model = replay(live);
      expect({ steps, stored: sorted(actual()) }).toEqual({ steps, stored: sorted(model) });
      for (const batch of live) {
        const owns = [...model.values()].filter((row) => row.owner === batch.id).length;
        expect(env.imports.batches().find((b) => b.id === String(batch.id))!.rows).toBe(owns);
      }
    }
  });
});
