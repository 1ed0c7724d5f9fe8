// clv_predictions and clv_model: BG/NBD + Gamma-Gamma fitted on every run through
// fitClvModels, and checked on a time holdout (fitted on the history up to 90 days before the
// observation end on a sample of at most 10,000 customers, compared with the purchases of
// those 90 days) so its accuracy is published.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { Engine } from '../../ports/engine.js';
import { type ClvModels, type ClvModelsConfig, type ClvTransaction, fitClvModels } from './clv/index.js';
import { CUSTOMER_ORDERS, IS_REVENUE } from './customer-orders-table.js';

export const CLV_PREDICTIONS = 'die_clv_predictions';
export const CLV_MODEL = 'die_clv_model';
/** The contract names the column expected_purchases_90d, so this window is fixed. */
const HORIZON_DAYS = 90;
const DAY_MS = 86_400_000;
/** The holdout refit uses at most this many customers (a hashed sample): it measures, it does not publish. */
const HOLDOUT_MAX_CUSTOMERS = 10_000;

export interface ClvTableOptions {
  readonly observationEnd: string;
  readonly clvMonths: number;
  readonly monthlyDiscountRate?: number;
  readonly annualDiscountRate?: number;
}

export interface ClvHoldout {
  readonly customers: number;
  readonly predictedPurchases: number;
  readonly actualPurchases: number;
  readonly meanAbsoluteError: number;
  readonly correlation: number;
}

export async function createClvTables(
  engine: Engine,
  options: ClvTableOptions,
): Promise<{ readonly predictions: string; readonly model: string; readonly holdout: ClvHoldout }> {
  const transactions = await revenueByCustomerDay(engine);
  const end = new Date(`${options.observationEnd}T00:00:00Z`);
  const config: ClvModelsConfig = {
    observationEnd: end,
    horizonDays: HORIZON_DAYS,
    clvMonths: options.clvMonths,
    ...(options.annualDiscountRate !== undefined
      ? { annualDiscountRate: options.annualDiscountRate }
      : { monthlyDiscountRate: options.monthlyDiscountRate ?? 0.01 }),
  };
  const models = fitOrFail(transactions, config);
  const holdout = measureHoldout(transactions, config);

  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${CLV_PREDICTIONS} (customer_id BIGINT, prob_alive DOUBLE, expected_purchases_90d DOUBLE, expected_avg_order_value DOUBLE, clv_12m DOUBLE, repeat_purchases INTEGER, recency_weeks DOUBLE, age_weeks DOUBLE)`,
  );
  await engine.append(
    CLV_PREDICTIONS,
    models.customers.map((c) => [
      Number(c.customerId),
      c.probAlive,
      c.expectedPurchases,
      c.expectedAvgOrderValue,
      c.clv,
      c.frequency,
      c.recency,
      c.T,
    ]),
  );

  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${CLV_MODEL} (model VARCHAR, param VARCHAR, value DOUBLE, log_likelihood DOUBLE, n_customers INTEGER, observation_end DATE, kind VARCHAR)`,
  );
  const row = (
    model: string,
    param: string,
    value: number,
    fitted: { logLikelihood: number; nCustomers: number },
    kind: string,
  ) => [model, param, value, fitted.logLikelihood, fitted.nCustomers, options.observationEnd, kind] as const;
  const { bgNbd, gammaGamma } = models;
  await engine.append(CLV_MODEL, [
    ...Object.entries(bgNbd.params).map(([param, value]) => row('bg_nbd', param, value, bgNbd, 'parameter')),
    ...Object.entries(gammaGamma.params).map(([param, value]) =>
      row('gamma_gamma', param, value, gammaGamma, 'parameter'),
    ),
    row('bg_nbd', 'holdout_customers', holdout.customers, bgNbd, 'holdout_90d'),
    row('bg_nbd', 'holdout_predicted_purchases', holdout.predictedPurchases, bgNbd, 'holdout_90d'),
    row('bg_nbd', 'holdout_actual_purchases', holdout.actualPurchases, bgNbd, 'holdout_90d'),
    row('bg_nbd', 'holdout_mae_per_customer', holdout.meanAbsoluteError, bgNbd, 'holdout_90d'),
    row('bg_nbd', 'holdout_correlation', holdout.correlation, bgNbd, 'holdout_90d'),
  ]);
  return { predictions: CLV_PREDICTIONS, model: CLV_MODEL, holdout };
}

/** Same-day revenue summed in SQL: the models count days, and this keeps the JS side small. */
async function revenueByCustomerDay(engine: Engine): Promise<ClvTransaction[]> {
  const rows = await engine.query(`
    SELECT CAST(customer_id AS VARCHAR) AS id, CAST(epoch_ms(CAST(order_day AS TIMESTAMP)) AS DOUBLE) AS ms, sum(amount_usd) AS amount
    FROM ${CUSTOMER_ORDERS} WHERE ${IS_REVENUE} AND amount_usd > 0
    GROUP BY customer_id, order_day ORDER BY customer_id, order_day`);
  return rows.map((r) => ({
    customerId: String(r.id),
    date: new Date(Number(r.ms)),
    amount: Number(r.amount),
  }));
}

function fitOrFail(transactions: readonly ClvTransaction[], config: ClvModelsConfig): ClvModels {
  const result = fitClvModels(transactions, config);
  if (!result.ok) {
    throw new ShoplakeError(
      'handler_failed',
      `The CLV models could not be fitted (${result.error.reason}): ${result.error.message}`,
      {
        retryable: false,
        context: { observationEnd: config.observationEnd.toISOString(), transactions: transactions.length },
        cause: result.error,
      },
    );
  }
  return result;
}

/** Fits on the history before the last 90 days and compares its expectations with what happened. */
function measureHoldout(allTransactions: readonly ClvTransaction[], config: ClvModelsConfig): ClvHoldout {
  const sampled = sampleCustomers(allTransactions, HOLDOUT_MAX_CUSTOMERS);
  const transactions = allTransactions.filter((t) => sampled.has(t.customerId));
  const end = config.observationEnd.getTime();
  const calibrationEnd = new Date(end - HORIZON_DAYS * DAY_MS);
  const calibrated = fitOrFail(transactions, { ...config, observationEnd: calibrationEnd });
  const actualDays = new Map<string, Set<number>>();
  for (const t of transactions) {
    const ms = t.date.getTime();
    if (ms <= calibrationEnd.getTime() || ms > end) continue;
    const days = actualDays.get(t.customerId) ?? new Set<number>();
    days.add(Math.floor(ms / DAY_MS));
    actualDays.set(t.customerId, days);
  }
  const predicted = calibrated.customers.map((c) => c.expectedPurchases);
  const actual = calibrated.customers.map((c) => actualDays.get(c.customerId)?.size ?? 0);
  const n = predicted.length;
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const absoluteErrors = predicted.map((p, i) => Math.abs(p - (actual[i] ?? 0)));
  return {
    customers: n,
    predictedPurchases: sum(predicted),
    actualPurchases: sum(actual),
    meanAbsoluteError: n > 0 ? sum(absoluteErrors) / n : Number.NaN,
    correlation: pearson(predicted, actual),
  };
}

/** A deterministic sample of customer ids: the `max` smallest by an FNV-1a hash. */
function sampleCustomers(transactions: readonly ClvTransaction[], max: number): ReadonlySet<string> {
  const ids = [...new Set(transactions.map((t) => t.customerId))];
  if (ids.length <= max) return new Set(ids);
  const hash = (id: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  return new Set(ids.sort((a, b) => hash(a) - hash(b) || (a < b ? -1 : 1)).slice(0, max));
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
