import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood } from './bg-nbd-log-likelihood.js';

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('bgNbdLogLikelihood', () => {
  // Reference: the paper's eq. 6 evaluated directly (beta and gamma functions, no logs) with
  // mpmath at 30 digits.
  it('matches the paper’s closed-form likelihood customer by customer and in total', () => {
    const customers = [
      { frequency: 0, recency: 0, T: 38.86 },
      { frequency: 2, recency: 30.43, T: 38.86 },
      { frequency: 1, recency: 1.71, T: 38.86 },
      { frequency: 7, recency: 29.43, T: 35.71 },
      { frequency: 40, recency: 37, T: 38 },
    ];
    const expected = [
      -0.5547132764381585, -9.45860630706627, -4.469093275032589, -21.47958732585982, -46.4919757564783,
    ];
    customers.forEach((customer, i) => {
      expect(bgNbdLogLikelihood(published, [customer])).toBeCloseTo(expected[i] ?? Number.NaN, 10);
    });
    expect(bgNbdLogLikelihood(published, customers)).toBeCloseTo(-82.45397594087514, 10);
  });

  it('is −∞ outside the parameter space rather than NaN', () => {
    expect(bgNbdLogLikelihood({ ...published, a: -1 }, [{ frequency: 1, recency: 1, T: 2 }])).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});
