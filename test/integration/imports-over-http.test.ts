// The Import tab's path through the loopback host: upload the file's bytes, preview, commit with
// progress events, re-import adds nothing, undo; and the upload endpoint's guards.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../main/app-core.js';
import type { RunningHost } from '../../main/host/http-host.js';
import { startHost } from '../../main/host/http-host.js';
import { openCore, snapshot, tokenOf } from '../helpers/core-harness.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const SAMPLES = join(process.cwd(), 'test', 'fixtures', 'kaspi-samples');

let core: KassaCore;
let host: RunningHost;
let dataDir: string;
let cleanup: () => void;
let cashier: string;
let customer: string;
const progress: { jobId: string; phase: string; batch: { id: string } | null }[] = [];

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = tempDir());
  core = await openCore(join(dataDir, 'data'));
  host = await startHost({ core, rendererDir: join(dataDir, 'renderer'), uploadsDir: core.uploadsDir });
  cashier = tokenOf(host.cashierUrl);
  customer = tokenOf(host.customerUrl);
  core.onEvent((name, payload) => {
    if (name === 'import.progress') progress.push(payload as (typeof progress)[number]);
  });
});
afterAll(async () => {
  await host.close();
  await core.close();
  cleanup();
});

type Uploaded = { json(): Promise<{ ok: boolean; data: { uploadId: string } }>; status: number };
async function upload(bytes: Buffer, name: string, token = cashier): Promise<Uploaded> {
  return (await fetch(`${host.origin}/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'x-kassa-token': token }, body: bytes })) as Uploaded;
}
async function api(channel: string, body: unknown) {
  const res = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kassa-token': cashier },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data: any; error?: { code: string } };
}

describe('imports through the loopback host', () => {
  it('uploads, previews, commits with progress; a second import adds nothing; undo removes the batch', async () => {
    const bytes = readFileSync(join(SAMPLES, 'kaspi_sales_report_sample.csv'));
    const { data: first } = await (await upload(bytes, 'kaspi_sales_report_sample.csv')).json();
    const preview = await api('imports.preview', { uploadId: first.uploadId });
    expect(preview.ok).toBe(true);
    expect(preview.data).toMatchObject({ format: 'kaspi-report', detectedFormat: 'kaspi-report', duplicates: 0, invalidCount: 0 });
    expect(preview.data.rows).toBeGreaterThan(0);
    expect(preview.data.newRows).toBe(preview.data.rows);

    const { data: job } = await api('imports.commit', { uploadId: first.uploadId });
    const done = await waitFor(() => progress.find((p) => p.jobId === job.jobId && p.phase === 'done'));
    expect(done.batch).not.toBeNull();
    expect((await api('imports.batches', {})).data.batches).toHaveLength(1);

    const { data: again } = await (await upload(bytes, 'same-file-again.csv')).json();
    expect((await api('imports.preview', { uploadId: again.uploadId })).data).toMatchObject({ newRows: 0, duplicates: preview.data.rows });

    const undone = await api('imports.undo', { batchId: done.batch!.id });
    expect(undone.data.undoneAt).not.toBeNull();
    expect((await api('imports.preview', { uploadId: again.uploadId })).data.newRows).toBe(preview.data.rows);
  });

  it('an upload the data folder cannot take is told as the disk\'s trouble, not the file\'s', async () => {
    const blocked = join(dataDir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the uploads folder should be');
    const other = await startHost({ core, rendererDir: join(dataDir, 'renderer'), uploadsDir: join(blocked, 'uploads') });
    try {
      const res = await fetch(`${other.origin}/upload?name=a.csv`, { method: 'POST', headers: { 'x-kassa-token': tokenOf(other.cashierUrl) }, body: Buffer.alloc(100_000, 0x41) });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'storage_failed' } });
    } finally {
      await other.close();
    }
  });

  it('refuses uploads without the cashier token, and unknown upload ids, writing nothing', async () => {
    const before = snapshot(join(dataDir, 'data'));
    expect((await upload(Buffer.from('x'), 'a.csv', customer)).status).toBe(401);
    expect((await upload(Buffer.from('x'), 'a.csv', 'nope')).status).toBe(401);
    expect(await api('imports.preview', { uploadId: 'AAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false });
    expect(await api('imports.preview', { uploadId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(snapshot(join(dataDir, 'data'))).toBe(before);
  });

  it('a file of junk previews as a clear problem, not a crash', async () => {
    const { data } = await (await upload(Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 9]), 'junk.bin')).json();
    const preview = await api('imports.preview', { uploadId: data.uploadId });
    expect(preview.ok).toBe(true);
    expect(preview.data.rows).toBe(0);
    expect(preview.data.problems[0].code).toMatch(/binary_content|needs_mapping|empty_file/);
  });

  it('exports the reconciliation in the language the app is set to', async () => {
    const file = async () => {
      const reply = await api('reconcile.export', { from: '2025-03-01', to: '2025-03-31', view: 'report-bank', format: 'csv' });
      expect(reply.ok).toBe(true);
      return Buffer.from(reply.data.contentBase64, 'base64').toString('utf8').slice(1).split('\r\n')[0];
    };
    expect(await file()).toMatch(/^День зачисления;/);
    expect((await api('settings.update', { locale: 'en' })).ok).toBe(true);
    expect(await file()).toMatch(/^Settlement day;Report net, ₸;/);
    expect((await api('settings.update', { locale: 'ru' })).ok).toBe(true);
  });

  it('a file chosen instead of another: the copy of the one it replaces is deleted (it would sit on the database\'s disk for an hour)', async () => {
    const bytes = readFileSync(join(SAMPLES, 'kaspi_sales_report_sample.csv'));
    const { data: first } = await (await upload(bytes, 'first.csv')).json();
    const { data: second } = await (await upload(bytes, 'second.csv')).json();
    const spooled = () => readdirSync(core.uploadsDir).filter((name) => name.endsWith('.upload')).length;
    const before = spooled();
    expect((await api('imports.preview', { uploadId: second.uploadId, replaces: first.uploadId })).ok).toBe(true);
    expect(spooled()).toBe(before - 1);
    expect(await api('imports.preview', { uploadId: first.uploadId })).toMatchObject({ ok: false, error: { code: 'import_upload_not_found' } });
  });

  it('an upload slow but moving goes through; one that stops sending is given up, leaving no file', async () => {
    const slow = await startHost({ core, rendererDir: join(dataDir, 'renderer'), uploadsDir: core.uploadsDir, uploadIdleMs: 400 });
    const send = (chunks: number, gapMs: number, stallMs = 0) =>
      new Promise<number | string>((resolve) => {
        const url = new URL(`${slow.origin}/upload?name=slow.csv`);
        const req = request(url, { method: 'POST', headers: { 'x-kassa-token': tokenOf(slow.cashierUrl), 'content-length': String(chunks * 1000) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        let sent = 0;
        const next = () => {
          req.write(Buffer.alloc(1000, 0x41));
          if (++sent < chunks) setTimeout(next, sent === 1 && stallMs ? stallMs : gapMs);
          else req.end();
        };
        next();
      });
    try {
      const spooled = () => readdirSync(core.uploadsDir).filter((name) => name.endsWith('.upload')).length;
      const before = spooled();
      expect(await send(8, 200)).toBe(200); // 1.4 s in all, never 0.4 s without a byte
      expect(spooled()).toBe(before + 1);
      expect(String(await send(3, 100, 1_500))).toMatch(/^E[A-Z]+$/); // a second's silence after the first piece: cut
      await waitFor(() => spooled() === before + 1);
    } finally {
      await slow.close();
    }
  });

  it('spooled uploads left by a crash are removed at the next start', async () => {
    const { dir, cleanup: done } = tempDir();
    const stale = join(dir, 'uploads', 'abc.upload');
    mkdirSync(join(dir, 'uploads'), { recursive: true });
    writeFileSync(stale, 'card 4400 **** 1234');
    const other = await openCore(dir);
    expect(existsSync(stale)).toBe(false);
    await other.close();
    done();
  });
});
