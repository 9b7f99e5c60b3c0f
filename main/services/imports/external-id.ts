// Stable external ids: the same row in a re-imported (or re-exported) file gets the same id, so the
// UNIQUE constraint makes re-import a no-op.
//
// Duplicates inside one file — the rule:
//  * 'reject'  for keyed ids (a real identifier from the source: Kaspi purchase id, JSON transactionId,
//    1C document number, MT940 bank reference, mapped id column): a second row with the same id is
//    invalid 'duplicate_in_file' — the same purchase twice is an export error, not two sales.
//  * 'counter' for content-derived ids (hash of a row with no identifier): two identical rows can be
//    two real identical transfers, so both are kept as `<id>`, `<id>#2`, `<id>#3` in file order —
//    stable as long as the file is re-exported with the same rows.
import { createHash, hash } from 'node:crypto';

export type DuplicatePolicy = 'reject' | 'counter';

export type IdClaim = { ok: true; externalId: string } | { ok: false; firstLine: number | null };

/**
 * Remembers the ids of one file. Keys are 128-bit MD5 digests of the ids (16 one-byte chars): half
 * the memory of the ids themselves (~60 MB instead of ~120 MB at 10^6 rows), collisions negligible.
 */
export class ExternalIdRegistry {
  /** digest → line of its first row (null when the row had no line). */
  private readonly seen = new Map<string, number | null>();
  private counter: IdCounter | null = null;

  claim(id: string, line: number | null, policy: DuplicatePolicy): IdClaim {
    if (policy === 'counter') return { ok: true, externalId: (this.counter ??= new IdCounter()).next(id) };
    const key = hash('md5', id, 'binary'); // 'binary' = latin1: 16 one-byte chars
    if (this.seen.has(key)) return { ok: false, firstLine: this.seen.get(key) ?? null };
    this.seen.set(key, line);
    return { ok: true, externalId: id };
  }
}

/**
 * The `#2`, `#3` counter alone, for callers that leave the 'reject' check to someone else (the import
 * pipeline finds repeated keyed ids in SQL) but must number identical content-derived ids themselves:
 * numbering is part of the id, so it cannot be done later. ~16 bytes per distinct id, off the JS heap
 * (16 MiB at 10^6 ids): an open-addressing table of 63-bit digests (MD5's first 8 bytes; a false
 * match takes ~n²/2^64 — 5·10^-8 at 10^6 ids); the counts of repeated ids (rare) in a Map.
 */
export class IdCounter {
  /** Pairs (high, low) of digests; low always has its lowest bit set, so (0, 0) is a free slot. */
  private slots = new Uint32Array(2 * 1024);
  private used = 0;
  private readonly repeats = new Map<string, number>();

  /** `id` the first time, then `id#2`, `id#3`, … */
  next(id: string): string {
    const digest = hash('md5', id, 'buffer');
    const high = digest.readUInt32LE(0);
    const low = (digest.readUInt32LE(4) | 1) >>> 0;
    if (!this.insert(high, low)) {
      const key = `${high}:${low}`;
      const count = (this.repeats.get(key) ?? 1) + 1;
      this.repeats.set(key, count);
      return `${id}#${count}`;
    }
    if (++this.used * 2 > this.slots.length / 2) this.grow();
    return id;
  }

  /** false when the digest was there already. */
  private insert(high: number, low: number): boolean {
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let i = (high ^ low) & mask; ; i = (i + 1) & mask) {
      const h = slots[2 * i]!;
      const l = slots[2 * i + 1]!;
      if (l === 0) {
        slots[2 * i] = high;
        slots[2 * i + 1] = low;
        return true;
      }
      if (h === high && l === low) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.insert(old[i]!, old[i + 1]!);
  }
}

/** One component of an id: '|', '#' and '%' escaped so that 'a|b' + 'c' never equals 'a' + 'b|c'. */
const NEEDS_ESCAPE = /[%|#]/;

function part(value: string | number): string {
  const text = String(value);
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/#/g, '%23');
}

/** 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02' */
export function joinId(prefix: string, ...parts: (string | number)[]): string {
  return [prefix, ...parts.map(part)].join('|');
}

/** A short, stable digest of normalized row content. */
export function contentHash(values: readonly (string | number | null | undefined)[]): string {
  return createHash('sha256')
    .update(JSON.stringify(values.map((v) => v ?? null)))
    .digest('base64url')
    .slice(0, 22);
}
