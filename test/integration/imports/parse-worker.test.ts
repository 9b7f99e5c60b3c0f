// The import's parse worker: the chunks a worker thread posts are exactly the chunks the same parse
// gives in this thread (rows flattened in column order, every other event, byte counts), for each
// format; a worker that cannot start falls back to this thread, one that fails once running fails
// the parse; flow control delivers a large file whole; closing mid-file stops the worker; one parse
// worker runs at a time; a cancelled parse ends while its worker is still busy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseChunks, type ParsedChunk, type ParseRequest } from '../../../main/services/imports/parsed-chunks.js';
import { reportKind } from '../../../main/services/imports/row-kinds.js';
import { parseChunksInWorker } from '../../../main/services/imports/worker-chunks.js';
import { SAMPLES, writeReport } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kassa-parse-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function drain(chunks: AsyncIterable<ParsedChunk>): Promise<ParsedChunk[]> {
  const all: ParsedChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

const requests: [string, ParseRequest][] = [
  ['kaspi report', { path: SAMPLES.report, fileName: 'report.csv', format: 'kaspi-report', mapping: undefined }],
  ['1C statement', { path: SAMPLES.oneC, fileName: 'statement.txt', format: '1c', mapping: undefined }],
  ['MT940', { path: SAMPLES.mt940, fileName: 'statement.sta', format: 'mt940', mapping: undefined }],
  ['Kaspi Gold lines', { path: SAMPLES.gold, fileName: 'gold.txt', format: 'kaspi-gold', mapping: undefined }],
  ['csv without a mapping (a fatal event)', { path: SAMPLES.report, fileName: 'x.csv', format: 'csv', mapping: undefined }],
];

describe('parse worker', () => {
  it.each(requests)('%s: the worker posts what this thread would parse', async (_name, request) => {
    const here = await drain(parseChunks(request).chunks);
    const source = parseChunksInWorker(request);
    const there = await drain(source.chunks);
    expect(source.thread).toBe('worker');
    expect(there).toEqual(here);
    expect(here.some((c) => c.rows > 0 || c.events.some((e) => e.kind === 'fatal'))).toBe(true);
  });

  it('falls back to this thread when the worker cannot start', async () => {
    const request = requests[0]![1];
    const source = parseChunksInWorker(request, { script: './no-such-worker.js' });
    const chunks = await drain(source.chunks);
    expect(source.thread).toBe('this');
    expect(chunks).toEqual(await drain(parseChunks(request).chunks));
  });

  it('a worker that fails once running fails the parse (its work is not redone in this thread)', async () => {
    const source = parseChunksInWorker(requests[0]![1], { script: '../../../test/helpers/worker-dies-after-ready.mjs' });
    await expect(drain(source.chunks)).rejects.toThrow(/worker broke while parsing/);
    expect(source.thread).toBe('worker');
  });

  it('a worker that runs out of its heap refuses the file (too_big_to_read), and the process lives on', async () => {
    const source = parseChunksInWorker(requests[0]![1], { script: '../../../test/helpers/worker-fills-heap.mjs', heapMb: 16 });
    const chunks = await drain(source.chunks);
    expect(chunks.flatMap((c) => c.events)).toEqual([{ kind: 'fatal', failure: { ok: false, code: 'too_big_to_read' } }]);
  });

  it('delivers a large file whole, in order, under flow control', async () => {
    const path = join(dir, 'big.csv');
    const { grossTiyn } = writeReport(path, 30_000);
    const source = parseChunksInWorker({ path, fileName: 'big.csv', format: 'kaspi-report', mapping: undefined });
    let rows = 0;
    let sum = 0;
    let lastLine = 0;
    const width = reportKind.columns.length;
    const lineAt = reportKind.columns.indexOf('line');
    const grossAt = reportKind.columns.indexOf('gross_tiyn');
    for await (const chunk of source.chunks) {
      await new Promise((resolve) => setTimeout(resolve, 1)); // a slow stager: the worker must wait
      for (let i = 0; i < chunk.rows; i++) {
        const line = chunk.values[i * width + lineAt] as number;
        expect(line).toBeGreaterThan(lastLine);
        lastLine = line;
        sum += chunk.values[i * width + grossAt] as number;
      }
      rows += chunk.rows;
    }
    expect(source.thread).toBe('worker');
    expect(rows).toBe(30_000);
    expect(sum).toBe(grossTiyn);
  });

  it('one parse worker at a time: a second parse starts once the first has ended', async () => {
    const path = join(dir, 'turns.csv');
    writeReport(path, 30_000);
    const request = { path, fileName: 'turns.csv', format: 'kaspi-report' as const, mapping: undefined };
    const order: string[] = [];
    const first = (async () => {
      for await (const chunk of parseChunksInWorker(request).chunks) {
        await new Promise((resolve) => setTimeout(resolve, 20)); // a slow stager holds its turn
        order.push(chunk.rows > 0 ? 'first' : 'first-end');
      }
      order.push('first done');
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = drain(parseChunksInWorker(request).chunks).then((chunks) => {
      order.push('second done');
      return chunks.reduce((n, c) => n + c.rows, 0);
    });
    await first;
    expect(await second).toBe(30_000);
    expect(order.indexOf('first done')).toBe(order.length - 2); // the second ended after the first, and read nothing before it
  });

  it('a cancelled parse ends while its worker is still busy (an .xlsx being unpacked), and frees the turn', async () => {
    let cancelled = false;
    const source = parseChunksInWorker(requests[0]![1], { script: '../../../test/helpers/worker-unpacks-forever.mjs', cancelled: () => cancelled });
    const drained = drain(source.chunks);
    await new Promise((resolve) => setTimeout(resolve, 200));
    cancelled = true;
    expect(await drained).toEqual([]);
    // the next parse gets its turn
    expect((await drain(parseChunksInWorker(requests[0]![1]).chunks)).some((c) => c.rows > 0)).toBe(true);
  });

  it('stops when closed mid-file', async () => {
    const path = join(dir, 'big2.csv');
    writeReport(path, 30_000);
    const source = parseChunksInWorker({ path, fileName: 'big2.csv', format: 'kaspi-report', mapping: undefined });
    const iterator = source.chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    await source.close();
    await iterator.return?.(undefined);
    // a second source over the same file still reads it whole: nothing was left locked or half-open
    const again = await drain(parseChunksInWorker({ path, fileName: 'big2.csv', format: 'kaspi-report', mapping: undefined }).chunks);
    expect(again.reduce((n, c) => n + c.rows, 0)).toBe(30_000);
  });
});
