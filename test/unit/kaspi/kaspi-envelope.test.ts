import { describe, expect, it } from 'vitest';
import { toStatus } from '../../../main/services/kaspi/kaspi-envelope.js';
import { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import { errorMessage } from '../../../shared/i18n/messages.js';

const answer = (data: unknown) => ({ StatusCode: 0, Message: 'OK', Data: data });

describe('payment/status answers (v01 and v02)', () => {
  it('reads v01 (Status only) and the documented v02 extras', () => {
    expect(toStatus(answer({ Status: 'Wait' }))).toEqual({ status: 'Wait', transactionId: null, productType: null });
    expect(toStatus(answer({ Status: 'Processed', TransactionId: '35134863', ProductType: 'Gold', Amount: 200, IsOffer: false }))).toEqual({
      status: 'Processed',
      transactionId: '35134863',
      productType: 'Gold',
    });
  });

  it.each([
    ['ProductType longer than 64 characters', { ProductType: 'Рассрочка '.repeat(10) }, { productType: 'Рассрочка '.repeat(10).slice(0, 64) }],
    ['ProductType a number', { ProductType: 7 }, { productType: '7' }],
    ['ProductType an object', { ProductType: { Name: 'Gold' } }, { productType: null }],
    ['TransactionId an object', { TransactionId: { Id: 1 } }, { transactionId: null }],
    ['TransactionId a number', { TransactionId: 35134863 }, { transactionId: '35134863' }],
    ['TransactionId longer than 64 characters', { TransactionId: '9'.repeat(100) }, { transactionId: '9'.repeat(64) }],
    ['TransactionId and ProductType null, empty or an array', { TransactionId: [], ProductType: '' }, { transactionId: null, productType: null }],
    ['a boolean TransactionId and a NaN-like ProductType', { TransactionId: true, ProductType: null }, { transactionId: null, productType: null }],
  ])('an optional extra of an odd form never makes a Processed answer unreadable: %s', (_name, extra, expected) => {
    expect(toStatus(answer({ Status: 'Processed', ...extra }))).toMatchObject({ status: 'Processed', ...expected });
  });

  it('Status stays required: without it the answer is unreadable (asked again, never guessed)', () => {
    expect(() => toStatus(answer({ ProductType: 'Gold' }))).toThrow(KaspiError);
    expect(() => toStatus(answer({ Status: 42 }))).toThrow(KaspiError);
  });
});

describe("other sources' spellings of Kaspi's codes", () => {
  it.each([
    [-99000028, 990000028],
    ['-99000018', 990000018],
    [-99000026, 990000026],
    [-99000033, 990000033],
    [99000033, 990000033],
    [-99000005, -99000005], // a documented negative code stays itself
  ])('%s is read as %s, so the cashier reads its words, not "code N"', (spelled, code) => {
    const refused = (() => {
      try {
        toStatus({ StatusCode: spelled, Message: 'x', Data: null });
      } catch (error) {
        return error as KaspiError;
      }
      throw new Error('not refused');
    })();
    expect(refused).toMatchObject({ kind: 'rejected', statusCode: code });
    expect(errorMessage('en', 'kaspi_rejected', { code: refused.statusCode! })).not.toMatch(/code -?\d/);
  });
});
