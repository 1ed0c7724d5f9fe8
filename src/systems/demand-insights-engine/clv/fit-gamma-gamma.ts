// Maximum-likelihood Gamma-Gamma fit on the customers who came back.

import { ClvFitError } from './clv-fit-error.js';
import type { GammaGammaParams, SpendHistory } from './gamma-gamma-log-likelihood.js';
import { gammaGammaLogLikelihood } from './gamma-gamma-log-likelihood.js';
import { conditionalExpectedAverageProfit, populationMeanSpend } from './gamma-gamma-predictions.js';
import type { LogLikelihoodFitOptions } from './maximise-log-likelihood.js';
import { maximiseLogLikelihood } from './maximise-log-likelihood.js';

export interface GammaGammaModel {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  /** Customers the model was fitted on: frequency > 0 and monetary > 0. */
  readonly nCustomers: number;
  /** pγ/(q − 1): what a customer with no repeat purchase is expected to spend per order. */
  readonly populationMean: number;
  conditionalExpectedAverageProfit(frequency: number, monetary: number): number;
}

// Three parameters need more than three points, and a handful already makes a poor prior.
const MIN_REPEAT_CUSTOMERS = 5;

/**
 * Fits on the customers with frequency > 0 and a positive mean spend; pass all of them, the rest
 * are skipped. The model assumes spend is independent of frequency, which lifetimes suggests
 * checking (a correlation near 0) before trusting it.
 *
 * @throws {ClvFitError} `no_repeat_customers`, `non_finite` (q ≤ 1: no finite mean spend) or
 * `did_not_converge`.
 */
export function fitGammaGamma(
  customers: readonly SpendHistory[],
  options: LogLikelihoodFitOptions = {},
): GammaGammaModel {
  const repeat = customers.filter((c) => c.frequency > 0 && c.monetary > 0);
  if (repeat.length < MIN_REPEAT_CUSTOMERS) {
    throw new ClvFitError(
      'no_repeat_customers',
      `Gamma-Gamma: ${repeat.length} customers with a repeat purchase of positive value, at least ${MIN_REPEAT_CUSTOMERS} needed; use a longer calibration period.`,
    );
  }
  const toParams = ([
    p = Number.NaN,
    q = Number.NaN,
    gamma = Number.NaN,
  ]: readonly number[]): GammaGammaParams => ({ p, q, gamma });
  const fit = maximiseLogLikelihood(
    {
      model: 'Gamma-Gamma',
      logLikelihood: (params) => gammaGammaLogLikelihood(toParams(params), repeat),
      dimension: 3,
      observations: repeat.length,
    },
    options,
  );
  const params = toParams(fit.params);
  const populationMean = populationMeanSpend(params);
  if (!Number.isFinite(populationMean)) {
    throw new ClvFitError(
      'non_finite',
      `Gamma-Gamma: fitted q = ${params.q} ≤ 1, so mean spend is unbounded; spend is too heavy-tailed for this model.`,
      {
        context: { ...params },
      },
    );
  }
  return {
    params,
    logLikelihood: fit.logLikelihood,
    nCustomers: repeat.length,
    populationMean,
    conditionalExpectedAverageProfit: (frequency, monetary) =>
      conditionalExpectedAverageProfit(params, frequency, monetary),
  };
}
