// Discounted value of a customer's expected purchases, month by month, as lifetimes'
// customer_lifetime_value: BG/NBD purchases per month × Gamma-Gamma value per purchase.

import type { BgNbdParams, PurchaseHistory } from './bg-nbd-log-likelihood.js';
import { conditionalExpectedPurchases } from './bg-nbd-predictions.js';
import type { GammaGammaParams, SpendHistory } from './gamma-gamma-log-likelihood.js';
import { conditionalExpectedAverageProfit } from './gamma-gamma-predictions.js';

/** Cash-flow discount: per month, or per year (turned into its monthly equivalent). */
export type DiscountRate = { readonly monthly: number } | { readonly annual: number };

export interface CustomerLifetimeValueOptions {
  /** Months of future purchases to count. Default 12. */
  readonly months?: number;
  /** Default `{ monthly: 0.01 }`, as lifetimes. */
  readonly discountRate?: DiscountRate;
  /**
   * Model time units in a month. Default 365.25 / 12 / 7 (weeks); lifetimes uses 4.345 for weeks
   * and 30 for days. Pass 365.25 / 12 when the model was fitted in days.
   */
  readonly unitsPerMonth?: number;
}

export function monthlyDiscountRate(rate: DiscountRate): number {
  return 'monthly' in rate ? rate.monthly : (1 + rate.annual) ** (1 / 12) - 1;
}

/**
 * @example
 * customerLifetimeValue({ bgNbd, gammaGamma }, { frequency: 2, recency: 30.4, T: 38.9, monetary: 35 }, { months: 12 });
 */
export function customerLifetimeValue(
  models: { readonly bgNbd: BgNbdParams; readonly gammaGamma: GammaGammaParams },
  customer: PurchaseHistory & SpendHistory,
  options: CustomerLifetimeValueOptions = {},
): number {
  const months = options.months ?? 12;
  const discount = monthlyDiscountRate(options.discountRate ?? { monthly: 0.01 });
  const unitsPerMonth = options.unitsPerMonth ?? 365.25 / 12 / 7;
  const { frequency, recency, T } = customer;
  const valuePerPurchase = conditionalExpectedAverageProfit(models.gammaGamma, frequency, customer.monetary);

  let clv = 0;
  let purchasedSoFar = 0;
  for (let month = 1; month <= months; month += 1) {
    // The expectation is cumulative, so each month's purchases are the difference.
    const purchasedBy = conditionalExpectedPurchases(
      models.bgNbd,
      month * unitsPerMonth,
      frequency,
      recency,
      T,
    );
    clv += ((purchasedBy - purchasedSoFar) * valuePerPurchase) / (1 + discount) ** month;
    purchasedSoFar = purchasedBy;
  }
  return clv;
}
