// Per-customer BG/NBD predictions (Fader, Hardie & Lee 2005, eqs. 10 and 13), written as
// lifetimes' BetaGeoFitter computes them so the numbers can be checked against it.

import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import type { BgNbdParams } from './bg-nbd-log-likelihood.js';

/**
 * P(still active at T | x repeat purchases, last at t_x). Someone who never came back has not
 * yet had a chance to drop out under the model, so the answer is exactly 1 for frequency 0.
 */
export function probAlive(params: BgNbdParams, frequency: number, recency: number, T: number): number {
  if (frequency === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds =
    (r + frequency) * Math.log((alpha + T) / (alpha + recency)) + Math.log(a / (b + frequency - 1));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[purchases in (T, T + t] | x, t_x, T]. */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  frequency: number,
  recency: number,
  T: number,
): number {
  if (t === 0) return 0;
  // The formula's (a − 1) denominator has a removable singularity at a = 1: average the two
  // sides, whose error is far below the fit's own.
  if (Math.abs(params.a - 1) < 1e-6) {
    const below = expectedPurchases({ ...params, a: 1 - 1e-6 }, t, frequency, recency, T);
    const above = expectedPurchases({ ...params, a: 1 + 1e-6 }, t, frequency, recency, T);
    return (below + above) / 2;
  }
  return expectedPurchases(params, t, frequency, recency, T);
}

function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const hypA = r + x;
  const hypB = b + x;
  const hypC = a + b + x - 1;
  const z = t / (alpha + T + t);
  let logHyp = Math.log(hyp2f1(hypA, hypB, hypC, z));
  if (!Number.isFinite(logHyp)) {
    // Euler's transformation: the same value, reached without overflow for large a, b and z → 1.
    logHyp = Math.log(hyp2f1(hypC - hypA, hypC - hypB, hypC, z)) + (hypC - hypA - hypB) * Math.log1p(-z);
  }
  const first = (a + b + x - 1) / (a - 1);
  // 1 − e^u via expm1 keeps precision for short horizons, where u is close to 0.
  const second = -Math.expm1(logHyp + (r + x) * Math.log((alpha + T) / (alpha + t + T)));
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0);
  return (first * second) / denominator;
}
