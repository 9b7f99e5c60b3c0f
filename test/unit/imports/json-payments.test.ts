// JSON seed payments: both shapes, exact tenge → tiyn, ids, and every kind of wrong item.
import { describe, expect, it } from 'vitest';
import { parseJsonPayments } from '../../../main/services/imports/json-payments-parser.js';
import { expectFailure, expectOk, utf8, utf8Bom } from './helpers.js';

describe('JSON seed payments', () => {
  it('a bare array: tenge to tiyn exactly, ids from transactionId or orderId + status', async () => {
    const json = JSON.stringify([
      { orderId: 'POS1-000123', amount: 50000, status: 'paid', transactionId: 13000000101 },
      { orderId: 'POS1-000124', amount: 4500.5, status: 'paid' },
      { orderId: 125, amount: '0.07', status: 'failed', extra: 'ignored' },
    ]);
    const r = expectOk(await parseJsonPayments(utf8(json)));
    expect(r.rows).toEqual([
      { source: 'json', externalId: 'json|tx|13000000101', line: 1, orderId: 'POS1-000123', amountTiyn: 5_000_000, status: 'paid', transactionId: '13000000101' },
      { source: 'json', externalId: 'json|order|POS1-000124|paid', line: 2, orderId: 'POS1-000124', amountTiyn: 450_050, status: 'paid' },
      { source: 'json', externalId: 'json|order|125|failed', line: 3, orderId: '125', amountTiyn: 7, status: 'failed' },
    ]);
    expect(r.meta).toEqual({ shape: 'array', items: 3 });
  });

  it('the same wrapped as {payments: [...]} with a BOM', async () => {
    const r = expectOk(await parseJsonPayments(utf8Bom(JSON.stringify({ payments: [{ orderId: 'A', amount: 1, status: 'paid' }] }))));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([100]);
    expect(r.meta.shape).toBe('payments');
  });

  it('wrong items are invalid with their item number (index + 1)', async () => {
    const items = [
      'not an object',
      { amount: 1, status: 'paid' },
      { orderId: 'A', amount: 1.005, status: 'paid' },
      { orderId: 'B', amount: 0.1 + 0.2, status: 'paid' },
      { orderId: 'C', amount: -5, status: 'paid' },
      { orderId: 'D', amount: '1 000', status: 'paid' },
      { orderId: 'E', amount: 10, status: 7 },
      { orderId: { x: 1 }, amount: 10, status: 'paid' },
      { orderId: 'F', amount: 10, status: 'paid', transactionId: 'T' },
      { orderId: 'G', amount: 10, status: 'paid', transactionId: 'T' },
      { orderId: 'x'.repeat(100), amount: 10, status: 'paid' },
      { orderId: 'H', status: 'paid' },
      { orderId: 'I', amount: 10 },
      null,
    ];
    const r = expectOk(await parseJsonPayments(utf8(JSON.stringify(items))));
    expect(r.rows.map((x) => x.orderId)).toEqual(['F']);
    expect(r.invalid.map((i) => [i.line, i.reason.code, i.reason.params?.field ?? null])).toEqual([
      [1, 'not_an_object', null],
      [2, 'missing_value', 'orderId'],
      [3, 'too_many_decimals', 'amount'],
      [4, 'too_many_decimals', 'amount'],
      [5, 'non_positive_amount', 'amount'],
      [6, 'bad_amount', 'amount'],
      [7, 'bad_value', 'status'],
      [8, 'bad_value', 'orderId'],
      [10, 'duplicate_in_file', null],
      [11, 'field_too_long', 'orderId'],
      [12, 'missing_value', 'amount'],
      [13, 'missing_value', 'status'],
      [14, 'not_an_object', null],
    ]);
    // the value as the file has it, never a type's English name inside a Russian or Kazakh sentence
    expect(r.invalid.filter((i) => i.reason.code === 'bad_value').map((i) => i.reason.params?.value)).toEqual(['7', '{"x":1}']);
    // an id past 2^53 is not read exactly: said so, with how to write it
    const long = expectOk(await parseJsonPayments(utf8('[{"orderId": 9007199254740993, "amount": 10, "status": "paid"}]')));
    expect(long.invalid).toEqual([{ line: 1, reason: { code: 'number_too_long', params: { field: 'orderId' } } }]);
  });

  it('file-level refusals: not an array, broken JSON with its position, not UTF-8, empty', async () => {
    const notArray = await parseJsonPayments(utf8('{"orderId":"A"}'));
    expectFailure(notArray, 'json_not_array');
    if (!notArray.ok) expect(notArray.params).toEqual({ found: 'object' });
    expectFailure(await parseJsonPayments(utf8('"just a string"')), 'json_not_array');

    const truncated = await parseJsonPayments(utf8('[\n  {"orderId": "A", "amount": 1,\n'));
    expectFailure(truncated, 'bad_json');
    if (!truncated.ok) expect(truncated.params).toEqual({ line: 3, column: 1 });

    expectFailure(await parseJsonPayments(Buffer.from([0x5b, 0xcf, 0xee, 0x5d])), 'bad_encoding');
    expectFailure(await parseJsonPayments(utf8('  \n')), 'empty_file');
    const empty = expectOk(await parseJsonPayments(utf8('[]')));
    expect(empty.problems).toEqual([{ code: 'no_rows' }]);
  });
});
