// A generated 100 000-row sales report CSV parses completely, through the streaming API, with the
// right count and sums (no timing assertions: measurements belong in bench/).
import { describe, expect, it } from 'vitest';
import { parseSalesReport, streamSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { REPORT_HEADER, chunked, utf8Bom } from './helpers.js';

const ROWS = 100_000;

/** Row i: gross (1000 + i mod 5000) ₸ and 17 tiyn, fee 1 %, rounded down to tiyn; every 10th a refund. */
function generate(): { bytes: Buffer; gross: number; net: number; refunds: number } {
  const lines = [';Период:;01.03.2025 - 31.03.2025', ';ИИН/БИН:;200340001238', '', REPORT_HEADER.join(';')];
  let gross = 0;
  let net = 0;
  let refunds = 0;
  const money = (tiyn: number) => {
    const abs = Math.abs(tiyn);
    const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    return `${tiyn < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
  };
  for (let i = 1; i <= ROWS; i++) {
    const refund = i % 10 === 0;
    const g = (1000 + (i % 5000)) * 100 + 17;
    const fee = Math.floor(g / 100);
    const sign = refund ? -1 : 1;
    gross += sign * g;
    net += sign * (g - fee);
    if (refund) refunds++;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const time = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    lines.push(
      [i, 14_000_000_000 + i, `${day}.03.2025`, time, `${day}.03.2025`, refund ? 'Возврат' : 'Покупка', 'QR', money(sign * g), money(sign * (g - fee)), money(sign * fee), '0,00', '', `Товар ${i}`].join(';'),
    );
  }
  return { bytes: utf8Bom(lines.join('\r\n') + '\r\n'), gross, net, refunds };
}

describe('a 100 000-row report', () => {
  const file = generate();

  it('streams from 64 KiB chunks with the right count and sums', async () => {
    let count = 0;
    let gross = 0;
    let net = 0;
    let refunds = 0;
    let invalid = 0;
    let end = false;
    for await (const event of streamSalesReport(chunked(file.bytes, 64 * 1024))) {
      if (event.kind === 'row') {
        count++;
        gross += event.row.grossTiyn;
        net += event.row.netTiyn;
        if (event.row.operationType === 'refund') refunds++;
      } else if (event.kind === 'invalid') invalid++;
      else if (event.kind === 'end') end = true;
    }
    expect(invalid).toBe(0);
    expect(end).toBe(true);
    expect(count).toBe(ROWS);
    expect(refunds).toBe(file.refunds);
    expect(gross).toBe(file.gross);
    expect(net).toBe(file.net);
  });

  it('collects from one buffer the same way', async () => {
    const r = await parseSalesReport(file.bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toHaveLength(ROWS);
    expect(r.rows.at(-1)).toMatchObject({ line: ROWS + 4, purchaseId: String(14_000_000_000 + ROWS), operationType: 'refund' });
    expect(r.rows.reduce((s, x) => s + x.netTiyn, 0)).toBe(file.net);
  });
});
