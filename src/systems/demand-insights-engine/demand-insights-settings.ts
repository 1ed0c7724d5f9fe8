// What demand-insights-engine reads from `context.settings`, with defaults; parsed once per run.

import { z } from 'zod';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { REFERENCE_CURRENCY_PER_USD } from './reference-exchange-rates.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const demandInsightsSettingsSchema = z
  .object({
    /** Last day of the CLV calibration period. Default: the context's asOf. */
    observationEnd: isoDay.optional(),
    /** CLV discount per month (default 0.01, as lifetimes); give this or annualDiscountRate. */
    monthlyDiscountRate: z.number().min(0).max(1).optional(),
    annualDiscountRate: z.number().min(0).max(10).optional(),
    /** Months of purchases counted in clv_12m. Default 12. */
    clvMonths: z.number().int().min(1).max(120).default(12),
    /** Churn = no purchase within this many days after a cut-off. Default 90. */
    churnHorizonDays: z.number().int().min(7).max(365).default(90),
    /** Units of each currency per USD: amounts are reported in USD. Missing currencies are implied from median order values. */
    currencyPerUsd: z.record(z.string(), z.number().positive()).default(REFERENCE_CURRENCY_PER_USD),
    /**
     * Customers the churn model trains on at most, a deterministic sample. Each of the two fits
     * (time split, then refit) runs in its own worker thread; at 50,000 rows a fit takes about
     * 5–7 s of one core. Default 50,000.
     */
    maxTrainingRows: z.number().int().min(100).default(50_000),
  })
  .passthrough();

export type DemandInsightsSettings = z.output<typeof demandInsightsSettingsSchema>;

export function parseDemandInsightsSettings(
  settings: Readonly<Record<string, unknown>>,
): DemandInsightsSettings {
  const parsed = demandInsightsSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw new ShoplakeError(
      'config_invalid',
      `demand-insights-engine settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Fix them in the config.`,
      {
        retryable: false,
      },
    );
  }
  if (parsed.data.monthlyDiscountRate !== undefined && parsed.data.annualDiscountRate !== undefined) {
    throw new ShoplakeError(
      'config_invalid',
      'demand-insights-engine: give monthlyDiscountRate or annualDiscountRate, not both.',
      { retryable: false },
    );
  }
  return parsed.data;
}
