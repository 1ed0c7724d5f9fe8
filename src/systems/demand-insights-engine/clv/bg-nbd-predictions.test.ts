import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, probAlive } from './bg-nbd-predictions.js';

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const relativeError = (actual: number, expected: number): number =>
  Math.abs(actual - expected) / Math.abs(expected);

// [frequency, recency, T, P(alive), E[purchases in 39 weeks], E[purchases in 90 days]], from
// the paper's formulas evaluated with mpmath at 30 digits.
const REFERENCE = [
  [2, 213 / 7, 272 / 7, 0.7265897218354949, 1.2261158061493218, 0.4525360706239875],
  [0, 0, 272 / 7, 1, 0.1951096649930885, 0.06919323826544363],
  [7, 29.43, 35.71, 0.7559130761325779, 4.1793389341151235, 1.5985586324572763],
  [25, 30, 32, 0.8889743327651619, 17.933028657862636, 7.057228082728359],
] as const;

describe('hyp2f1 from @stdlib', () => {
  it('agrees with closed forms and with mpmath where the BG/NBD needs it', () => {
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 14);
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 14);
    expect(relativeError(hyp2f1(2.243, 4.426, 5.219, 0.3), 1.9534770906494956)).toBeLessThan(1e-13);
    expect(relativeError(hyp2f1(0.243, 2.426, 2.219, 0.9), 1.947631169818602)).toBeLessThan(1e-12);
    expect(relativeError(hyp2f1(20.2, 22.4, 22.2, 0.95), 3.41272464134314e26)).toBeLessThan(1e-12);
    expect(relativeError(hyp2f1(0.3, 0.7, 1.2, 0.999), 1.8801497197449168)).toBeLessThan(1e-12);
  });
});

describe('BG/NBD predictions', () => {
  it('match the paper’s formulas evaluated at high precision', () => {
    for (const [x, tx, T, alive, in39Weeks, in90Days] of REFERENCE) {
      expect(relativeError(probAlive(published, x, tx, T), alive)).toBeLessThan(1e-12);
      expect(relativeError(conditionalExpectedPurchases(published, 39, x, tx, T), in39Weeks)).toBeLessThan(
        1e-10,
      );
      expect(relativeError(conditionalExpectedPurchases(published, 90 / 7, x, tx, T), in90Days)).toBeLessThan(
        1e-10,
      );
    }
  });

  it('gives P(alive) = 1 to customers who never came back, whatever T', () => {
    for (const T of [0, 1, 38.86, 500]) expect(probAlive(published, 0, 0, T)).toBe(1);
  });

  it('lowers P(alive) as the silence since the last purchase grows', () => {
    const byT = [31, 35, 40, 60, 100].map((T) => probAlive(published, 3, 30, T));
    for (let i = 1; i < byT.length; i += 1) expect(byT[i]).toBeLessThan(byT[i - 1] ?? 0);
  });

  it('expects more purchases over a longer horizon, and none over no time at all', () => {
    expect(conditionalExpectedPurchases(published, 0, 2, 30, 38)).toBe(0);
    const byT = [1, 4, 13, 52, 104].map((t) => conditionalExpectedPurchases(published, t, 2, 30, 38));
    for (let i = 1; i < byT.length; i += 1) expect(byT[i]).toBeGreaterThan(byT[i - 1] ?? 0);
  });

  it('stays continuous across the removable singularity at a = 1', () => {
    const at = (a: number) => conditionalExpectedPurchases({ ...published, a }, 39, 2, 30, 38);
    expect(relativeError(at(1), (at(1 - 1e-4) + at(1 + 1e-4)) / 2)).toBeLessThan(1e-6);
    expect(Number.isFinite(at(1))).toBe(true);
  });
});
