// A generated Kaspi sales-report CSV of any size (the import tests, the E2E specs and
// `npm run bench:import` use the same generator), with its money formatting and header row.
import { writeFileSync } from 'node:fs';

export const REPORT_HEADER =
  '#;Номер заказа (ID/RRN);Дата операции;Время;Дата учета операции;Тип операции;Тип оплаты;Сумма операции (т);Сумма к зачислению/ списанию (т);Комиссия за операции (т);Комиссия Kaspi Pay (т);Номер карты;Детали покупки';

export function money(tiyn: number): string {
  const abs = Math.abs(tiyn);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${tiyn < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A generated Kaspi sales report: row i is purchase id 14e9 + i on 2025-03-(1 + i mod 28), gross
 * (1000 + i mod 5000) ₸ 17 tiyn, 1 % fee; every 10th row a refund. Written in 1 MB pieces.
 */
export function writeReport(path: string, rows: number, firstId = 1): { grossTiyn: number; netTiyn: number } {
  let grossTiyn = 0;
  let netTiyn = 0;
  let text = `\ufeff;Период:;01.03.2025 - 31.03.2025\r\n;ИИН/БИН:;200340001238\r\n\r\n${REPORT_HEADER}\r\n`;
  writeFileSync(path, '');
  for (let n = 1; n <= rows; n++) {
    const i = firstId + n - 1;
    const refund = i % 10 === 0;
    const g = (1000 + (i % 5000)) * 100 + 17;
    const fee = Math.floor(g / 100);
    const sign = refund ? -1 : 1;
    grossTiyn += sign * g;
    netTiyn += sign * (g - fee);
    const day = String(1 + (i % 28)).padStart(2, '0');
    const time = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    text += `${n};${14_000_000_000 + i};${day}.03.2025;${time};${day}.03.2025;${refund ? 'Возврат' : 'Покупка'};QR;${money(sign * g)};${money(sign * (g - fee))};${money(sign * fee)};0,00;;Товар ${i}\r\n`;
    if (text.length > 1 << 20) {
      writeFileSync(path, text, { flag: 'a' });
      text = '';
    }
  }
  writeFileSync(path, text, { flag: 'a' });
  return { grossTiyn, netTiyn };
}
