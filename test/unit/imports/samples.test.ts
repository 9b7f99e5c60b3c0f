// Every file in shared/kaspi/samples parses with the figures read off the sample by hand, and the
// reconciliation chain of BANK_EXPORT_FORMATS.md holds: 1C/MT940 credit = net of the 01.03 purchases.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../main/services/imports/detect-format.js';
import { parseJsonPayments } from '../../../main/services/imports/json-payments-parser.js';
import { parseKaspiGoldLines } from '../../../main/services/imports/kaspi-gold-lines-parser.js';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import { expectFailure, expectOk, sample, sum } from './helpers.js';

// Figures read off the samples by hand (tenge → tiyn):
// report: gross 4 500 + 12 000 − 1 500 = 15 000 ₸; net 4 455 + 11 820 − 1 485 = 14 790 ₸; fees 45 + 180 − 15 = 210 ₸;
// the 01.03 purchases net 4 455 + 11 820 = 16 275 ₸ — the statement's single credit (СуммаПриход=16275.00).
const GROSS = 1_500_000;
const NET = 1_479_000;
const FEES = 21_000;
const NET_0103_PURCHASES = 1_627_500;
const OPENING = 10_000_000;
const CLOSING = 11_127_500;
const ACCOUNT = 'KZ18722S000012345678';

describe('kaspi_sales_report_sample.csv', () => {
  it('parses three rows with the sample figures', async () => {
    const r = expectOk(await parseSalesReport(sample('kaspi_sales_report_sample.csv')));
    expect(r.rows).toHaveLength(3);
    expect(r.invalid).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(sum(r.rows.map((x) => x.grossTiyn))).toBe(GROSS);
    expect(sum(r.rows.map((x) => x.netTiyn))).toBe(NET);
    expect(sum(r.rows.map((x) => x.feeTiyn ?? 0))).toBe(FEES);
    expect(r.rows.map((x) => x.operationType)).toEqual(['purchase', 'purchase', 'refund']);
    expect(r.rows.map((x) => x.line)).toEqual([6, 7, 8]);
    expect(r.rows[0]).toMatchObject({
      purchaseId: '13000000101',
      operationAt: '2025-03-01T10:15:02+05:00',
      settlementDate: '2025-03-02',
      grossTiyn: 450_000,
      netTiyn: 445_500,
      feeTiyn: 4_500,
      paymentType: 'QR',
      details: 'Кофе 250 г, 3 шт.',
      externalId: 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02',
    });
    expect(r.rows[1]!.cardMask).toBe('440043******1234');
    expect(r.rows[2]).toMatchObject({ purchaseId: '13000000101', operationType: 'refund', grossTiyn: -150_000, netTiyn: -148_500 });
    expect(r.meta).toMatchObject({
      container: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      headerLine: 5,
      period: { from: '2025-03-01', to: '2025-03-02' },
      bin: '200340001238',
      shopName: 'ТОО «Тестовый магазин»',
    });
  });

  it('is detected as a Kaspi report CSV', async () => {
    expect((await detectFormat(sample('kaspi_sales_report_sample.csv'))).format).toBe('kaspi-report');
  });
});

describe('kaspi_statement_1c_sample.txt (cp1251)', () => {
  it('parses one credit and one debit and the balances bridge', async () => {
    const r = expectOk(await parseStatement1c(sample('kaspi_statement_1c_sample.txt')));
    expect(r.meta.encoding).toBe('windows-1251');
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([NET_0103_PURCHASES, -500_000]);
    expect(r.rows.map((x) => x.date)).toEqual(['2025-03-02', '2025-03-03']);
    expect(r.rows.every((x) => x.account === ACCOUNT)).toBe(true);
    expect(r.rows[0]).toMatchObject({
      docNumber: '900001',
      counterparty: 'АО "Kaspi Bank"',
      counterpartyBic: 'CASPKZKA',
      knp: '190',
      externalId: `1c|${ACCOUNT}|900001|2025-03-02|1627500|KZ39722S000055556666`, // the payer's account: its order numbers are its own
    });
    expect(r.rows[1]).toMatchObject({ docNumber: '900002', counterparty: 'Иванов Иван', counterpartyBin: '900101300126', knp: '119' });
    expect(r.problems).toEqual([]);
    expect(r.meta.balances).toEqual([
      {
        account: ACCOUNT,
        openingTiyn: OPENING,
        closingTiyn: CLOSING,
        creditsTiyn: NET_0103_PURCHASES,
        debitsTiyn: 500_000,
        declaredCreditsTiyn: NET_0103_PURCHASES,
        declaredDebitsTiyn: 500_000,
        balanced: true,
      },
    ]);
    expect(r.meta).toMatchObject({ periodFrom: '2025-03-01', periodTo: '2025-03-03', formatVersion: '1.01' });
  });

  it('is detected as 1C', async () => {
    expect(await detectFormat(sample('kaspi_statement_1c_sample.txt'))).toMatchObject({ format: '1c', encoding: 'windows-1251' });
  });
});

describe('kaspi_statement_mt940_sample.txt', () => {
  it('parses the same movements and the balances bridge', async () => {
    const r = expectOk(await parseMt940(sample('kaspi_statement_mt940_sample.txt')));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([NET_0103_PURCHASES, -500_000]);
    expect(r.rows.map((x) => x.date)).toEqual(['2025-03-02', '2025-03-03']);
    expect(r.rows[0]).toMatchObject({ account: ACCOUNT, knp: '190', docNumber: 'SYN0001', currency: 'KZT', line: 5 });
    expect(r.rows[0]!.purpose).toBe('Зачисление по операциям Kaspi Pay за 01.03.2025');
    expect(r.problems).toEqual([]);
    const [statement] = r.meta.statements;
    expect(statement).toMatchObject({ reference: 'SYN20250302', account: ACCOUNT, number: '61/1' });
    expect(statement!.figures).toMatchObject({ openingTiyn: OPENING, closingTiyn: CLOSING, balanced: true });
  });

  it('is detected as MT940', async () => {
    expect((await detectFormat(sample('kaspi_statement_mt940_sample.txt'))).format).toBe('mt940');
  });
});

describe('the reconciliation chain', () => {
  it('statement credits equal the net of the 01.03 purchases, settled on 02.03', async () => {
    const report = expectOk(await parseSalesReport(sample('kaspi_sales_report_sample.csv')));
    const oneC = expectOk(await parseStatement1c(sample('kaspi_statement_1c_sample.txt')));
    const mt940 = expectOk(await parseMt940(sample('kaspi_statement_mt940_sample.txt')));
    const purchases0103 = report.rows.filter((r) => r.operationType === 'purchase' && r.operationAt.startsWith('2025-03-01'));
    const net = sum(purchases0103.map((r) => r.netTiyn));
    expect(net).toBe(NET_0103_PURCHASES);
    expect(new Set(purchases0103.map((r) => r.settlementDate))).toEqual(new Set(['2025-03-02']));
    for (const statement of [oneC, mt940]) {
      const credits = statement.rows.filter((r) => r.amountTiyn > 0);
      expect(credits).toHaveLength(1);
      expect(credits[0]).toMatchObject({ amountTiyn: net, date: '2025-03-02' });
    }
  });
});

describe('kaspi_gold_statement_lines_sample.txt', () => {
  it('parses four card movements', async () => {
    const r = expectOk(await parseKaspiGoldLines(sample('kaspi_gold_statement_lines_sample.txt')));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([500_000, -125_000, 1_200_000, -2_000_000]);
    expect(sum(r.rows.map((x) => x.amountTiyn))).toBe(-425_000);
    expect(r.rows.map((x) => x.date)).toEqual(['2025-03-01', '2025-03-01', '2025-03-02', '2025-03-02']);
    expect(r.rows[0]!.purpose).toBe('Пополнение С карты другого банка');
    expect((await detectFormat(sample('kaspi_gold_statement_lines_sample.txt'))).format).toBe('kaspi-gold');
  });
});

describe('qr_api_fixtures.json', () => {
  it('is JSON but not a payments array: refused with json_not_array', async () => {
    const r = await parseJsonPayments(sample('qr_api_fixtures.json'));
    expectFailure(r, 'json_not_array');
    if (!r.ok) expect(r.params).toEqual({ found: 'object' });
  });
});
