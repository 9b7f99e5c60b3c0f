// Where the simulator keeps its purchases: memory (the `kassa simulator` server) or SQLite (demo mode).
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
}

export interface PurchaseStore {
  get(qrPaymentId: string): SimPurchase | null;
  put(purchase: SimPurchase): void;
  /** A fresh Int64 purchase id, above 2^31 like Kaspi's production ids. */
  nextId(): string;
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
}

export class SqlitePurchaseStore implements PurchaseStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly maxStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { data: string }>('SELECT data FROM demo_purchases WHERE qr_payment_id = ?');
    this.putStmt = db.prepare<[string, string]>(
      'INSERT INTO demo_purchases (qr_payment_id, data) VALUES (?, ?) ON CONFLICT(qr_payment_id) DO UPDATE SET data = excluded.data',
    );
    this.maxStmt = db.prepare<[], { id: number | null }>('SELECT MAX(CAST(qr_payment_id AS INTEGER)) AS id FROM demo_purchases');
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
}
