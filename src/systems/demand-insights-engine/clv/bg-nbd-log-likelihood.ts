// BG/NBD likelihood of Fader, Hardie & Lee (2005), eq. 6, in the log-sum form of lifetimes'
// BetaGeoFitter so that long-lived, frequent customers do not underflow.

import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerSummary } from './summarise-transactions.js';

/** Purchase rate ~ Gamma(r, α); dropout probability after each purchase ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** The part of a customer summary that the purchase model sees. */
export type PurchaseHistory = Pick<CustomerSummary, 'frequency' | 'recency' | 'T'>;

/** Total log-likelihood of `customers`; −∞ when a parameter is not positive. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly PurchaseHistory[]): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  const logAlpha = Math.log(alpha);
  const betaAB = betaln(a, b);
  const logA = Math.log(a);

  // The gamma/beta terms depend on the frequency alone, and frequencies repeat a lot.
  const termsByFrequency = new Map<number, number>();
  const frequencyTerms = (x: number): number => {
    let terms = termsByFrequency.get(x);
    if (terms === undefined) {
      terms = gammaln(r + x) - gammaln(r) + r * logAlpha + betaln(a, b + x) - betaAB;
      termsByFrequency.set(x, terms);
    }
    return terms;
  };

  let total = 0;
  for (const { frequency: x, recency: tx, T } of customers) {
    const aliveAtT = -(r + x) * Math.log(alpha + T);
    let mixture = aliveAtT;
    if (x > 0) {
      const diedAfterLast = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
      mixture = logAddExp(aliveAtT, diedAfterLast);
    }
    total += frequencyTerms(x) + mixture;
  }
  return total;
}

function logAddExp(u: number, v: number): number {
  const max = Math.max(u, v);
  return max === Number.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(u - max) + Math.exp(v - max));
}
