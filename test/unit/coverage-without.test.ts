// The days a later statement still covers once an earlier one it overlapped is undone.
import { describe, expect, it } from 'vitest';
import { coverageWithout } from '../../main/store/imports-repo.js';

describe('coverageWithout', () => {
  it('takes off the days at its start or its end', () => {
    expect(coverageWithout(['2025-03-06', '2025-03-31'], ['2025-03-01', '2025-03-06'])).toEqual(['2025-03-07', '2025-03-31']);
    expect(coverageWithout(['2025-03-01', '2025-03-31'], ['2025-03-20', '2025-04-05'])).toEqual(['2025-03-01', '2025-03-19']);
    expect(coverageWithout(['2025-02-20', '2025-03-05'], ['2025-03-01', '2025-03-31'])).toEqual(['2025-02-20', '2025-02-28']);
  });

  it('all of it: nothing; a hole in its middle: the newer piece after it', () => {
    expect(coverageWithout(['2025-03-05', '2025-03-20'], ['2025-03-01', '2025-03-31'])).toEqual([null, null]);
    expect(coverageWithout(['2025-03-01', '2025-03-31'], ['2025-03-05', '2025-03-20'])).toEqual(['2025-03-21', '2025-03-31']);
  });
});
