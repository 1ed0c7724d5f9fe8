// The BG/NBD model's P(still active) as a churn feature: fitted on the purchase histories as of
// the feature table's own cut-off (never on later data), then written as a SQL expression of
// the table's columns. It gives the classifier the published model's view of "quiet for longer
// than this customer's usual rhythm", which a linear model cannot build from raw recency.

import type { Engine } from '../../../ports/engine.js';
import { ClvFitError } from '../clv/clv-fit-error.js';
import { fitBgNbd } from '../clv/fit-bg-nbd.js';

/** Customers the BG/NBD fit uses at most: its four parameters are population-level. */
const FIT_SAMPLE = 20_000;
const DAYS_PER_UNIT = 7;

/** Repeat purchase days, time of the last one and age, in weeks, as lifetimes counts them. */
const X = '(purchase_days - 1)';
const TX = `((tenure_days - recency_days) / ${DAYS_PER_UNIT}.0)`;
const T = `(tenure_days / ${DAYS_PER_UNIT}.0)`;

/**
 * Adds `p_alive` to a churn feature table (columns purchase_days, tenure_days, recency_days).
 * When the fit is impossible (nobody came back yet) every customer gets 1: the feature then
 * carries no information and the classifier's standardisation leaves it at zero weight.
 */
export async function addProbAliveColumn(engine: Engine, table: string): Promise<void> {
  const sample = await engine.query(
    `SELECT ${X} AS frequency, ${TX} AS recency, ${T} AS t FROM ${table} ORDER BY hash(customer_id), customer_id LIMIT ${FIT_SAMPLE}`,
  );
  let expression = 'CAST(1 AS DOUBLE)';
  try {
    const { r, alpha, a, b } = fitBgNbd(
      sample.map((row) => ({
        frequency: Number(row.frequency),
        recency: Number(row.recency),
        T: Number(row.t),
      })),
    ).params;
    // probAlive of bg-nbd-predictions.ts, in SQL.
    expression = `CASE WHEN ${X} <= 0 THEN CAST(1 AS DOUBLE) ELSE 1 / (1 + exp((${r} + ${X}) * ln((${alpha} + ${T}) / (${alpha} + ${TX})) + ln(${a} / (${b} + ${X} - 1)))) END`;
  } catch (error: unknown) {
    if (!(error instanceof ClvFitError)) throw error;
  }
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT *, ${expression} AS p_alive FROM ${table}`,
  );
}
