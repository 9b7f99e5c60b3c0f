// npm run bench — live-mode figures against the loopback Kaspi simulator (zero added delay):
//  1. app-side overhead from the Charge request (HTTP, as the renderer sends it) to the QR SVG path
//     ready, p50/p99 over 1 000 sales;
//  2. lag from a status change in the simulator to the renderer's SSE event.
// Prints figures next to the targets; asserts nothing (machines here are shared and noisy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHost } from '../main/host/http-host.js';
import { startSimulatorServer } from '../main/services/kaspi/simulator/simulator-server.js';
import { buildSymbol } from '../renderer/src/components/qr-symbol.js';
import { startLiveCore } from '../test/helpers/live-core.js';

const SALES = Number(process.env.BENCH_SALES ?? 1000);
const LAG_SAMPLES = Number(process.env.BENCH_LAG_SAMPLES ?? 30);
const POLL_S = 1;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-'));
const sim = await startSimulatorServer({ port: 0, scheme: 'r1', tls: { caDir: join(dir, 'pki') }, timers: { pollIntervalS: POLL_S } });
const core = await startLiveCore(sim, 'r1', join(dir, 'data'));
const host = await startHost({ core, rendererDir: join(dir, 'no-renderer') });
const token = new URL(host.cashierUrl).searchParams.get('token')!;
const post = async (channel: string, body: unknown) => {
  const res = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kassa-token': token },
    body: JSON.stringify(body),
  });
  const reply = (await res.json()) as { ok: boolean; data: any; error?: { code: string } };
  if (!reply.ok) throw new Error(`${channel}: ${reply.error?.code}`);
  return reply.data;
};

// 1. Charge -> QR SVG ready.
const overhead: number[] = [];
for (let i = 0; i < SALES + 20; i++) {
  const started = performance.now();
  const sale = await post('payments.charge', { amountTiyn: 100 + i });
  const symbol = buildSymbol(sale.qrToken);
  const elapsed = performance.now() - started;
  if (!symbol) throw new Error('no QR');
  if (i >= 20) overhead.push(elapsed); // the first 20 warm the JIT and the TLS session
  // Close it at "Kaspi" too, so no watcher keeps polling in the background of the next measurement.
  sim.control.state.core.testHook('scanerror', sale.qrPaymentId);
  await post('payments.cancel', { saleId: sale.id });
}

// 2. Status change in the simulator -> the renderer's SSE event.
const controller = new AbortController();
const stream = await fetch(`${host.origin}/events?token=${token}`, { signal: controller.signal });
const waiters = new Map<string, (at: number) => void>();
void (async () => {
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('event: sale.updated')) continue;
        const sale = JSON.parse(frame.slice(frame.indexOf('data: ') + 6));
        if (sale.status === 'paid') waiters.get(sale.id)?.(performance.now());
      }
    }
  } catch {
    // aborted at the end
  }
})();
await new Promise((r) => setTimeout(r, 1500)); // let the closed sales of part 1 settle
const lag: number[] = [];
for (let i = 0; i < LAG_SAMPLES; i++) {
  const sale = await post('payments.charge', { amountTiyn: 5000 + i });
  sim.control.state.core.testHook('scan', sale.qrPaymentId);
  // Spread the change over the polling cycle, as a real buyer would.
  await new Promise((r) => setTimeout(r, Math.random() * POLL_S * 1000));
  const paidAt = new Promise<number>((resolve) => waiters.set(sale.id, resolve));
  const changedAt = performance.now();
  sim.control.state.core.testHook('confirm', sale.qrPaymentId);
  lag.push((await paidAt) - changedAt);
}
controller.abort();

console.log(`Kassa live-mode benchmark (loopback Kaspi simulator, r1 over HTTPS, zero added delay)`);
console.log(`charge -> QR SVG ready, ${overhead.length} sales: p50 ${ms(percentile(overhead, 50))}, p99 ${ms(percentile(overhead, 99))}, max ${ms(Math.max(...overhead))}   target: p99 <= 20 ms`);
console.log(`simulator status change -> renderer event, ${lag.length} sales (poll every ${POLL_S} s): p50 ${ms(percentile(lag, 50))}, p99 ${ms(percentile(lag, 99))}, max ${ms(Math.max(...lag))}   target: <= ${POLL_S * 1000 + 100} ms`);

await host.close();
await core.close();
await sim.close();
rmSync(dir, { recursive: true, force: true });
