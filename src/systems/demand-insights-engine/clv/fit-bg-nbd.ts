// Maximum-likelihood BG/NBD fit, as lifetimes' BetaGeoFitter.fit without a penalty.

import type { BgNbdParams, PurchaseHistory } from './bg-nbd-log-likelihood.js';
import { bgNbdLogLikelihood } from './bg-nbd-log-likelihood.js';
import { conditionalExpectedPurchases, probAlive } from './bg-nbd-predictions.js';
import { ClvFitError } from './clv-fit-error.js';
import type { LogLikelihoodFitOptions } from './maximise-log-likelihood.js';
import { maximiseLogLikelihood } from './maximise-log-likelihood.js';

export interface BgNbdModel {
  readonly params: BgNbdParams;
  /** Total log-likelihood at the optimum. */
  readonly logLikelihood: number;
  readonly nCustomers: number;
  probAlive(frequency: number, recency: number, T: number): number;
  conditionalExpectedPurchases(t: number, frequency: number, recency: number, T: number): number;
}

/**
 * @throws {ClvFitError} `no_customers`, `no_repeat_customers` (no one came back, so the dropout
 * process is unidentified), `non_finite` or `did_not_converge`.
 * @example
 * const model = fitBgNbd(summariseTransactions(rows, { observationEnd }));
 * model.probAlive(2, 30.43, 38.86);
 */
export function fitBgNbd(
  customers: readonly PurchaseHistory[],
  options: LogLikelihoodFitOptions = {},
): BgNbdModel {
  if (customers.length === 0)
    throw new ClvFitError('no_customers', 'BG/NBD: no customers to fit; widen the observation window.');
  if (!customers.some((c) => c.frequency > 0)) {
    throw new ClvFitError(
      'no_repeat_customers',
      'BG/NBD: no customer made a repeat purchase, so the model cannot be fitted; use a longer calibration period.',
    );
  }
  const toParams = ([
    r = Number.NaN,
    alpha = Number.NaN,
    a = Number.NaN,
    b = Number.NaN,
  ]: readonly number[]): BgNbdParams => ({ r, alpha, a, b });
  const fit = maximiseLogLikelihood(
    {
      model: 'BG/NBD',
      logLikelihood: (params) => bgNbdLogLikelihood(toParams(params), customers),
      dimension: 4,
      observations: customers.length,
    },
    options,
  );
  return createBgNbdModel(toParams(fit.params), fit.logLikelihood, customers.length);
}

export function createBgNbdModel(params: BgNbdParams, logLikelihood: number, nCustomers: number): BgNbdModel {
  return {
    params,
    logLikelihood,
    nCustomers,
    probAlive: (frequency, recency, T) => probAlive(params, frequency, recency, T),
    conditionalExpectedPurchases: (t, frequency, recency, T) =>
      conditionalExpectedPurchases(params, t, frequency, recency, T),
  };
}
