// Gamma-Gamma spend likelihood (Fader & Hardie 2013), as lifetimes' GammaGammaFitter: the
// mean of x transactions, each ~ Gamma(p, ν), with ν ~ Gamma(q, γ) across customers.

import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerSummary } from './summarise-transactions.js';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** The part of a customer summary that the spend model sees. */
export type SpendHistory = Pick<CustomerSummary, 'frequency' | 'monetary'>;

/**
 * Total log-likelihood of repeat customers' mean spends; −∞ when a parameter is not positive.
 * Callers pass only customers with frequency > 0 and monetary > 0: the density is zero elsewhere.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly SpendHistory[],
): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NEGATIVE_INFINITY;
  const qLogGamma = q * Math.log(gamma);

  const termsByFrequency = new Map<number, number>();
  const frequencyTerms = (x: number): number => {
    let terms = termsByFrequency.get(x);
    if (terms === undefined) {
      terms = gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + p * x * Math.log(x);
      termsByFrequency.set(x, terms);
    }
    return terms;
  };

  let total = 0;
  for (const { frequency: x, monetary: m } of customers) {
    total +=
      frequencyTerms(x) + qLogGamma + (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(x * m + gamma);
  }
  return total;
}
