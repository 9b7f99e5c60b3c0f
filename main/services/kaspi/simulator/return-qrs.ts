// The r2 refund QR (KASPI_QR_API.md §5.9, Appendix 5): QrTokenCreated -> CustomerIdentityObtained | Error.
// The buyer scanning the refund QR is simulated by `POST /test/return/scan` (a simulator-only hook):
// the refund QR takes the identity of the buyer who paid a given purchase. The scan timeout is lazy,
// like the purchase timers.
import { toAlmatyIso } from '../../../../shared/almaty-time.js';
import { randomDigits } from './kaspi-simulator.js';

export interface SimReturnQr {
  qrReturnId: string;
  qrToken: string;
  deviceToken: string;
  tradePointId: string;
  organizationBin: string;
  externalId: string | null;
  status: 'QrTokenCreated' | 'CustomerIdentityObtained' | 'Error';
  createdAt: number;
  buyerId: string | null;
}

export interface ReturnQrTimers {
  pollIntervalS: number;
  scanTimeoutS: number;
}

export const RETURN_DEFAULT_TIMERS: ReturnQrTimers = { pollIntervalS: 5, scanTimeoutS: 180 };

const FIRST_RETURN_ID = 14_000_000_000;

export class ReturnQrs {
  private readonly qrs = new Map<string, SimReturnQr>();
  private last = FIRST_RETURN_ID;

  constructor(
    readonly timers: ReturnQrTimers,
    private readonly now: () => number,
  ) {}

  create(owner: { deviceToken: string; tradePointId: string; organizationBin: string }, externalId: string | null): SimReturnQr {
    this.last += 1;
    const qr: SimReturnQr = {
      qrReturnId: String(this.last),
      qrToken: randomDigits(41),
      ...owner,
      externalId,
      status: 'QrTokenCreated',
      createdAt: this.now(),
      buyerId: null,
    };
    this.qrs.set(qr.qrReturnId, qr);
    return { ...qr };
  }

  expireDate(qr: SimReturnQr): string {
    return toAlmatyIso(qr.createdAt + this.timers.scanTimeoutS * 1000);
  }

  /** The refund QR with its scan timeout applied, or null. */
  get(qrReturnId: string): SimReturnQr | null {
    const qr = this.qrs.get(qrReturnId);
    if (!qr) return null;
    if (qr.status === 'QrTokenCreated' && this.now() >= qr.createdAt + this.timers.scanTimeoutS * 1000) qr.status = 'Error';
    return { ...qr };
  }

  /** The buyer scanned it: false when it is no longer waiting for a scan. */
  scan(qrReturnId: string, buyerId: string): boolean {
    const qr = this.get(qrReturnId);
    if (!qr || qr.status !== 'QrTokenCreated') return false;
    this.qrs.set(qrReturnId, { ...qr, status: 'CustomerIdentityObtained', buyerId });
    return true;
  }

  list(): SimReturnQr[] {
    return [...this.qrs.keys()].map((id) => this.get(id)!);
  }

  clear(): void {
    this.qrs.clear();
  }
}
