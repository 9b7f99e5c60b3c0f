// The days a later statement still covers once an earlier one it overlapped is undone.
import { describe, expect, it } from 'vitest';
import { coverageWithout } from '../../main/store/imports-repo.js';

describe('coverageWithout', () => {
  const rows: [string, string] = ['2025-03-10', '2025-03-12'];
  it('takes off the days at its start or its end', () => {
    expect(coverageWithout(['2025-03-06', '2025-03-31'], ['2025-03-01', '2025-03-06'], rows)).toEqual(['2025-03-07', '2025-03-31']);
    expect(coverageWithout(['2025-03-01', '2025-03-31'], ['2025-03-20', '2025-04-05'], rows)).toEqual(['2025-03-01', '2025-03-19']);
    expect(coverageWithout(['2025-02-20', '2025-03-05'], ['2025-03-01', '2025-03-31'], null)).toEqual(['2025-02-20', '2025-02-28']);
  });

  it('a hole in its middle, or all of it: the days of its own rows', () => {
    expect(coverageWithout(['2025-03-01', '2025-03-31'], ['2025-03-05', '2025-03-20'], rows)).toEqual(rows);
    expect(coverageWithout(['2025-03-05', '2025-03-20'], ['2025-03-01', '2025-03-31'], rows)).toEqual(rows);
    expect(coverageWithout(['2025-03-05', '2025-03-20'], ['2025-03-01', '2025-03-31'], null)).toEqual([null, null]);
  });
});
