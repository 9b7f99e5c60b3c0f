// How the simulator writes numbers the way Kaspi does: amounts as JSON numbers with exactly two
// decimals (`4500.00`) and Int64 ids as bare digits (no float rounding, no quotes). Values are wrapped
// in small marker classes; `toJSON` keeps plain JSON.stringify (demo mode in-process) working.

/** An amount in tenge on the wire, held as integer tiyn. */
export class TengeAmount {
  constructor(readonly tiyn: number) {
    if (!Number.isSafeInteger(tiyn)) throw new RangeError(`not an integer tiyn amount: ${tiyn}`);
  }
  /** "4500.00", "-0.50". */
  text(): string {
    const abs = Math.abs(this.tiyn);
    return `${this.tiyn < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
  toJSON(): number {
    return this.tiyn / 100;
  }
}

/** An Int64 id on the wire, held as its decimal digits. */
export class Int64Id {
  constructor(readonly digits: string) {
    if (!/^\d{1,19}$/.test(digits)) throw new RangeError(`not an Int64 id: ${digits}`);
  }
  toJSON(): number {
    return Number(this.digits);
  }
}

export const tenge = (tiyn: number) => new TengeAmount(tiyn);
export const int64 = (digits: string) => new Int64Id(digits);

/** JSON text with amounts and ids written exactly; otherwise like JSON.stringify (undefined fields skipped). */
export function toWireJson(value: unknown): string {
  if (value instanceof TengeAmount) return value.text();
  if (value instanceof Int64Id) return value.digits;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toWireJson(v))).join(',')}]`;
      const parts: string[] = [];
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined || typeof v === 'function') continue;
        parts.push(`${JSON.stringify(key)}:${toWireJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return 'null';
  }
}
