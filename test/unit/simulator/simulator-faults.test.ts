// Fault rules: the --fault syntax and how rules match and run out.
import { describe, expect, it } from 'vitest';
import { FaultBook, parseFaultSpec } from '../../../main/services/kaspi/simulator/simulator-faults.js';

describe('parseFaultSpec', () => {
  it.each([
    ['qr/create,status=-999,times=2', { route: 'qr/create', fault: 'status', statusCode: -999, times: 2 }],
    ['payment/status/*,delay=3000', { route: 'payment/status/*', delayMs: 3000 }],
    ['qr/create,drop,stage=after,times=1', { route: 'qr/create', fault: 'drop', stage: 'after', times: 1 }],
    ['qr/create,drop=after', { route: 'qr/create', fault: 'drop', stage: 'after' }],
    ['**,http=502,body=envelope', { route: '**', fault: 'http', httpStatus: 502, httpBody: 'envelope' }],
    ['health/ping,malformed,method=GET', { route: 'health/ping', fault: 'malformed', method: 'GET' }],
    ['qr/create,status=990000033,delay=100', { route: 'qr/create', fault: 'status', statusCode: 990000033, delayMs: 100 }],
  ])('%s', (spec, rule) => {
    expect(parseFaultSpec(spec)).toEqual(rule);
  });

  it.each(['qr/create', 'qr/create,status', 'qr/create,status=x', 'qr/create,boom', 'qr/create,http=200', 'qr/create,drop=sideways'])(
    'refuses %s',
    (spec) => {
      expect(() => parseFaultSpec(spec)).toThrow(/--fault/);
    },
  );
});

describe('FaultBook', () => {
  it('counts down times and removes a used-up rule', () => {
    const book = new FaultBook();
    book.add([{ route: 'qr/create', fault: 'status', statusCode: -999, times: 2 }]);
    expect(book.take('POST', '/r1/v01/qr/create', 'qr/create')?.remaining).toBe(1);
    expect(book.take('POST', '/r1/v01/qr/create', 'qr/create')?.remaining).toBe(0);
    expect(book.take('POST', '/r1/v01/qr/create', 'qr/create')).toBeNull();
    expect(book.list()).toEqual([]);
  });

  it('matches endpoint patterns after /rN/v0M/, full paths when starting with /, and methods', () => {
    const book = new FaultBook();
    book.add([
      { route: 'payment/status/*', delayMs: 1 },
      { route: '/r3/**', delayMs: 2 },
      { route: 'qr/create', method: 'get', delayMs: 3 },
    ]);
    expect(book.take('GET', '/r1/v02/payment/status/123', 'payment/status/123')?.delayMs).toBe(1);
    expect(book.take('GET', '/r1/v01/payment/status/123/x', 'payment/status/123/x')).toBeNull();
    expect(book.take('POST', '/r3/v01/device/register', 'device/register')?.delayMs).toBe(2);
    expect(book.take('POST', '/r1/v01/qr/create', 'qr/create')).toBeNull();
    expect(book.take('GET', '/r1/v01/qr/create', 'qr/create')?.delayMs).toBe(3);
    expect(book.take('GET', '/elsewhere', null)).toBeNull();
  });

  it('pattern characters other than * are literal', () => {
    const book = new FaultBook();
    book.add([{ route: 'qr/create-link', delayMs: 1 }]);
    expect(book.take('POST', '/r1/v01/qr/createXlink', 'qr/createXlink')).toBeNull();
    expect(book.take('POST', '/r1/v01/qr/create-link', 'qr/create-link')).not.toBeNull();
  });
});
