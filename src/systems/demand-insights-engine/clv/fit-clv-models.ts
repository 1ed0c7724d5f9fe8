// The CLV entry of demand-insights-engine: summarise purchases, fit BG/NBD and Gamma-Gamma,
// score every customer. Failures come back as a typed error, never as NaN scores.

import type { BgNbdParams } from './bg-nbd-log-likelihood.js';
import { ClvFitError } from './clv-fit-error.js';
import type { DiscountRate } from './customer-lifetime-value.js';
import { customerLifetimeValue } from './customer-lifetime-value.js';
import { fitBgNbd } from './fit-bg-nbd.js';
import { fitGammaGamma } from './fit-gamma-gamma.js';
import type { GammaGammaParams } from './gamma-gamma-log-likelihood.js';
import type { ClvTransaction, CustomerSummary } from './summarise-transactions.js';
import { summariseTransactions } from './summarise-transactions.js';

/**
 * @example
 * const result = fitClvModels(rows, { observationEnd: new Date('1997-09-30') });
 * if (!result.ok) console.error(result.error.reason, result.error.message);
 */
export interface ClvModelsConfig {
  /** Last day of the calibration period, inclusive; later purchases are ignored. Required. */
  readonly observationEnd: Date;
  /** Days per model time unit: recency and T are reported in it. Default 7 (weeks). */
  readonly timeUnitDays?: number;
  /** Window of `expectedPurchases` after observationEnd, in days. Default 90. */
  readonly horizonDays?: number;
  /** Months of purchases counted in `clv`. Default 12. */
  readonly clvMonths?: number;
  /** Discount per month for `clv`. Default 0.01. Give this or annualDiscountRate, not both. */
  readonly monthlyDiscountRate?: number;
  /** Discount per year for `clv`, applied as its monthly equivalent. */
  readonly annualDiscountRate?: number;
}

export interface FittedModel<Params> {
  readonly params: Params;
  readonly logLikelihood: number;
  readonly nCustomers: number;
}

export interface CustomerClv extends CustomerSummary {
  readonly probAlive: number;
  /** Purchases expected in the horizonDays after observationEnd. */
  readonly expectedPurchases: number;
  readonly expectedAvgOrderValue: number;
  readonly clv: number;
}

export interface ClvModels {
  readonly bgNbd: FittedModel<BgNbdParams>;
  readonly gammaGamma: FittedModel<GammaGammaParams>;
  readonly customers: readonly CustomerClv[];
}

export type ClvFitResult =
  | ({ readonly ok: true } & ClvModels)
  | { readonly ok: false; readonly error: ClvFitError };

export function fitClvModels(transactions: readonly ClvTransaction[], config: ClvModelsConfig): ClvFitResult {
  try {
    return { ok: true, ...fitOrThrow(transactions, config) };
  } catch (error: unknown) {
    if (error instanceof ClvFitError) return { ok: false, error };
    throw error;
  }
}

function fitOrThrow(transactions: readonly ClvTransaction[], config: ClvModelsConfig): ClvModels {
  const timeUnitDays = config.timeUnitDays ?? 7;
  const horizonDays = config.horizonDays ?? 90;
  const clvMonths = config.clvMonths ?? 12;
  const discountRate = parseDiscountRate(config);
  if (!(Number.isFinite(horizonDays) && horizonDays >= 0)) {
    throw new ClvFitError('invalid_options', `horizonDays must be a number ≥ 0, got ${horizonDays}.`);
  }
  if (!(Number.isInteger(clvMonths) && clvMonths >= 0)) {
    throw new ClvFitError('invalid_options', `clvMonths must be a whole number ≥ 0, got ${clvMonths}.`);
  }

  const summaries = summariseTransactions(transactions, {
    observationEnd: config.observationEnd,
    timeUnitDays,
  });
  const bgNbd = fitBgNbd(summaries);
  const gammaGamma = fitGammaGamma(summaries);
  const horizon = horizonDays / timeUnitDays;
  const unitsPerMonth = 365.25 / 12 / timeUnitDays;

  const customers = summaries.map((summary): CustomerClv => {
    const { frequency, recency, T } = summary;
    const scored: CustomerClv = {
      ...summary,
      probAlive: bgNbd.probAlive(frequency, recency, T),
      expectedPurchases: bgNbd.conditionalExpectedPurchases(horizon, frequency, recency, T),
      expectedAvgOrderValue:
        frequency > 0
          ? gammaGamma.conditionalExpectedAverageProfit(frequency, summary.monetary)
          : gammaGamma.populationMean,
      clv: customerLifetimeValue({ bgNbd: bgNbd.params, gammaGamma: gammaGamma.params }, summary, {
        months: clvMonths,
        discountRate,
        unitsPerMonth,
      }),
    };
    if (
      ![scored.probAlive, scored.expectedPurchases, scored.expectedAvgOrderValue, scored.clv].every(
        Number.isFinite,
      )
    ) {
      throw new ClvFitError(
        'non_finite',
        `Customer ${summary.customerId} gets a non-finite prediction from the fitted models; check their history for extreme values.`,
        {
          context: { customerId: summary.customerId, frequency, recency, T },
        },
      );
    }
    return scored;
  });

  return {
    bgNbd: { params: bgNbd.params, logLikelihood: bgNbd.logLikelihood, nCustomers: bgNbd.nCustomers },
    gammaGamma: {
      params: gammaGamma.params,
      logLikelihood: gammaGamma.logLikelihood,
      nCustomers: gammaGamma.nCustomers,
    },
    customers,
  };
}

function parseDiscountRate(config: ClvModelsConfig): DiscountRate {
  const { monthlyDiscountRate, annualDiscountRate } = config;
  if (monthlyDiscountRate !== undefined && annualDiscountRate !== undefined) {
    throw new ClvFitError('invalid_options', 'Give monthlyDiscountRate or annualDiscountRate, not both.');
  }
  const rate: DiscountRate =
    annualDiscountRate !== undefined
      ? { annual: annualDiscountRate }
      : { monthly: monthlyDiscountRate ?? 0.01 };
  const value = 'annual' in rate ? rate.annual : rate.monthly;
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new ClvFitError('invalid_options', `The discount rate must be a number ≥ 0, got ${value}.`);
  }
  return rate;
}
