import { describe, expect, it } from 'vitest';
import { compareCells, sortRows } from './sort-rows.js';

describe('sortRows', () => {
  const rows = [{ v: '10' }, { v: 9 }, { v: null }, { v: '100' }, { v: 2.5 }];

  it('sorts numbers sent as text by value, not as text', () => {
    expect(sortRows(rows, { key: 'v', direction: 'ascending' }).map((r) => r.v)).toEqual([
      2.5,
      9,
      '10',
      '100',
      null,
    ]);
  });

  it('keeps missing values last when descending too', () => {
    expect(sortRows(rows, { key: 'v', direction: 'descending' }).map((r) => r.v)).toEqual([
      '100',
      '10',
      9,
      2.5,
      null,
    ]);
  });

  it('keeps the order of rows that compare equal', () => {
    const tied = [
      { k: 'a', n: 1 },
      { k: 'b', n: 1 },
      { k: 'c', n: 0 },
    ];
    expect(sortRows(tied, { key: 'n', direction: 'descending' }).map((r) => r.k)).toEqual(['a', 'b', 'c']);
  });

  it('orders text by locale with numbers inside it in numeric order', () => {
    expect(compareCells('item 2', 'item 10')).toBeLessThan(0);
    expect(compareCells('b', 'A')).toBeGreaterThan(0);
  });
});
