import { describe, expect, it } from 'vitest';
import { SEGMENTS, segmentFor } from './segment-rules.js';

describe('segmentFor', () => {
  it('names every cell of the 5×5×5 score cube', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r += 1)
      for (let f = 1; f <= 5; f += 1) for (let m = 1; m <= 5; m += 1) seen.add(segmentFor({ r, f, m }));
    expect([...seen].sort()).toEqual([...SEGMENTS].sort());
  });

  it.each([
    [{ r: 5, f: 5, m: 5 }, 'Champions'],
    [{ r: 4, f: 5, m: 1 }, 'Loyal'],
    [{ r: 5, f: 1, m: 3 }, 'New Customers'],
    [{ r: 4, f: 2, m: 2 }, 'Potential Loyalists'],
    [{ r: 1, f: 5, m: 5 }, "Can't Lose Them"],
    [{ r: 1, f: 5, m: 2 }, 'At Risk'],
    [{ r: 2, f: 3, m: 5 }, 'At Risk'],
    [{ r: 2, f: 1, m: 5 }, 'Hibernating'],
    [{ r: 1, f: 1, m: 5 }, 'Lost'],
  ] as const)('puts %o in %s', (scores, segment) => {
    expect(segmentFor(scores)).toBe(segment);
  });
});
