// Where the simulator keeps its purchases: memory (the `kassa simulator` server) or SQLite (demo mode).
// Fields added after the first release are optional, so purchases stored by older versions still load.
import type { Db } from '../../../store/database.js';

export interface SimPurchase {
  qrPaymentId: string;
  qrToken: string;
  amountTiyn: number;
  deviceToken: string;
  externalId: string | null;
  status: string;
  createdAt: number;
  scannedAt: number | null;
  finishedAt: number | null;
  refundedTiyn: number;
  /** qr/create or qr/create-link (absent = qr). */
  kind?: 'qr' | 'link';
  tradePointId?: string | null;
  organizationBin?: string | null;
  /** Who scanned it (the simulator's stand-in for the buyer's Kaspi account). */
  buyerId?: string | null;
  transactionId?: string | null;
  refunds?: SimRefund[];
  /** Auto-pay in force when the purchase was created (demo): scan/confirm after so many seconds. */
  autoPay?: AutoPay | null;
}

export interface SimRefund {
  returnOperationId: string;
  amountTiyn: number;
  at: number;
}

export interface AutoPay {
  scanAfterS: number;
  confirmAfterS: number;
}

export interface PurchaseStore {
  get(qrPaymentId: string): SimPurchase | null;
  put(purchase: SimPurchase): void;
  /** A fresh Int64 purchase id, above 2^31 like Kaspi's production ids. */
  nextId(): string;
  /** Every purchase, oldest first. */
  list(): SimPurchase[];
  /** Forgets every purchase (ids keep growing). */
  clear(): void;
}

const FIRST_ID = 13_000_000_000;

export class MemoryPurchaseStore implements PurchaseStore {
  private readonly purchases = new Map<string, SimPurchase>();
  private last = FIRST_ID;
  get(id: string) {
    const p = this.purchases.get(id);
    return p ? { ...p } : null;
  }
  put(p: SimPurchase) {
    this.purchases.set(p.qrPaymentId, { ...p });
  }
  nextId() {
    this.last += 1;
    return String(this.last);
  }
  list() {
    return [...this.purchases.values()].map((p) => ({ ...p }));
  }
  clear() {
    this.purchases.clear();
  }
}

export class SqlitePurchaseStore implements PurchaseStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly maxStmt;
  private readonly listStmt;
  private readonly clearStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { data: string }>('SELECT data FROM demo_purchases WHERE qr_payment_id = ?');
    this.putStmt = db.prepare<[string, string]>(
      'INSERT INTO demo_purchases (qr_payment_id, data) VALUES (?, ?) ON CONFLICT(qr_payment_id) DO UPDATE SET data = excluded.data',
    );
    this.maxStmt = db.prepare<[], { id: number | null }>('SELECT MAX(CAST(qr_payment_id AS INTEGER)) AS id FROM demo_purchases');
    this.listStmt = db.prepare<[], { data: string }>('SELECT data FROM demo_purchases ORDER BY CAST(qr_payment_id AS INTEGER)');
    this.clearStmt = db.prepare('DELETE FROM demo_purchases');
  }
  get(id: string) {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.data) as SimPurchase) : null;
  }
  put(p: SimPurchase) {
    this.putStmt.run(p.qrPaymentId, JSON.stringify(p));
  }
  nextId() {
    const max = this.maxStmt.get()?.id ?? FIRST_ID;
    return String(Math.max(max, FIRST_ID) + 1);
  }
  list() {
    return this.listStmt.all().map((row) => JSON.parse(row.data) as SimPurchase);
  }
  clear() {
    this.clearStmt.run();
  }
}
