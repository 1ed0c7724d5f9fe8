// Per-customer Gamma-Gamma predictions (Fader & Hardie 2013, eq. 5), as lifetimes computes them.

import type { GammaGammaParams } from './gamma-gamma-log-likelihood.js';

/** E[spend per transaction] of a customer about whom nothing is known yet: pγ/(q − 1). */
export function populationMeanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.POSITIVE_INFINITY;
}

/**
 * E[spend per transaction | x repeat transactions averaging m]: a credibility-weighted mix of
 * the population mean and the customer's own mean, the weight growing with x.
 */
export function conditionalExpectedAverageProfit(
  params: GammaGammaParams,
  frequency: number,
  monetary: number,
): number {
  const { p, q, gamma } = params;
  return (p * (gamma + frequency * monetary)) / (p * frequency + q - 1);
}
