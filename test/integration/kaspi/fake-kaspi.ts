// A hand-written Kaspi on http://127.0.0.1 for answers the simulator never gives (odd v02 extras,
// a broken proxy's non-2xx bodies, refused credentials), and a live PaymentService that talks to it
// through the real KaspiClient over real HTTP, on real SQLite, driven by a manual clock.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EventBus } from '../../../main/services/event-bus.js';
import { KaspiClient, type KaspiClientConfig } from '../../../main/services/kaspi/kaspi-client.js';
import { silentLogger, type Logger } from '../../../main/services/logger.js';
import { PaymentService } from '../../../main/services/payments/payment-service.js';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { SalesRepo, type SaleRow } from '../../../main/store/sales-repo.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { waitFor } from '../../helpers/wait-for.js';

export interface FakeAnswer {
  status?: number;
  body: unknown;
}

export interface FakeKaspi {
  url: string;
  /** Requests answered so far, by path (after /r1/v0N). */
  hits: string[];
  close(): Promise<void>;
}

export async function startFakeKaspi(answer: (req: IncomingMessage) => FakeAnswer): Promise<FakeKaspi> {
  const hits: string[] = [];
  const server = createServer((req, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const { status = 200, body } = answer(req);
      hits.push(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CREATED = (qrPaymentId = 13000000101) => ({
  StatusCode: 0,
  Message: 'OK',
  Data: {
    QrToken: '7392046185730294618573029461857302946185',
    ExpireDate: '2026-11-27T12:03:00+05:00',
    QrPaymentId: qrPaymentId,
    PaymentMethods: ['Gold'],
    QrPaymentBehaviorOptions: { StatusPollingInterval: 5, QrCodeScanWaitTimeout: 180, PaymentConfirmationTimeout: 65 },
  },
});

export function statusAnswer(data: Record<string, unknown>): FakeAnswer {
  return { body: { StatusCode: 0, Message: 'OK', Data: data } };
}

export interface LivePayments {
  db: Db;
  repo: SalesRepo;
  clock: ManualScheduler;
  payments: PaymentService;
  row(id: string): SaleRow;
  /** Lets the clock run `ms`, then waits (real time) until the watch step it started has finished. */
  step(ms: number): Promise<void>;
  close(): void;
}

export function livePayments(
  dir: string,
  url: string,
  options: { client?: Partial<KaspiClientConfig>; kaspi?: () => KaspiClient; log?: Logger; clock?: ManualScheduler } = {},
): LivePayments {
  const clock = options.clock ?? new ManualScheduler();
  const db = openDatabase(join(dir, 'kassa.db'));
  const repo = new SalesRepo(db);
  const client = new KaspiClient({ scheme: 'r1', baseUrl: url, apiKey: 'test_key', deviceToken: 'device-1', timeoutMs: 3_000, createTimeoutMs: 3_000, ...options.client });
  const payments = new PaymentService({
    repo,
    kaspi: options.kaspi ?? (() => client),
    mode: () => 'live',
    externalIdPrefix: () => 'POS-FAKE',
    bus: new EventBus(),
    scheduler: clock,
    log: options.log ?? silentLogger,
  });
  const idle = () => clock.pending() > 0 || !repo.hasUnsettledLive();
  return {
    db,
    repo,
    clock,
    payments,
    row: (id) => repo.require(id),
    async step(ms) {
      await clock.advance(ms);
      await waitFor(idle);
      await clock.advance(0);
    },
    close() {
      payments.close();
      client.close();
      db.close();
    },
  };
}
