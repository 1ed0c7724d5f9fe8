// What the churn model knows about a customer as of a cut-off day, and whether they then
// bought within the horizon (the label; meaningless at a cut-off of asOf, where it is not used).
// Each feature is one SQL expression: the engine computes them, the model (in JS) reads them.

import type { Engine } from '../../../ports/engine.js';
import { literal } from '../../../stages/curate/sql-text.js';
import { CUSTOMER_ORDERS, IS_PURCHASE, IS_REVENUE } from '../customer-orders-table.js';
import { addProbAliveColumn } from './prob-alive-column.js';

export interface ChurnFeature {
  readonly name: string;
  /** The model's input, over the feature table's columns. */
  readonly sql: string;
  /** What a person reads in top_factors: a label and the untransformed value. */
  readonly label: string;
  readonly displaySql: string;
}

const gap = 'tenure_days / greatest(purchase_days - 1, 1)';

export const CHURN_FEATURES: readonly ChurnFeature[] = [
  {
    name: 'log_recency',
    sql: 'ln(1 + recency_days)',
    label: 'days since last order',
    displaySql: 'recency_days',
  },
  { name: 'log_frequency', sql: 'ln(1 + frequency)', label: 'orders', displaySql: 'frequency' },
  { name: 'log_monetary', sql: 'ln(1 + monetary)', label: 'revenue (USD)', displaySql: 'round(monetary)' },
  {
    name: 'log_avg_order',
    sql: 'ln(1 + monetary / frequency)',
    label: 'average order (USD)',
    displaySql: 'round(monetary / frequency)',
  },
  {
    name: 'log_tenure',
    sql: 'ln(1 + tenure_days)',
    label: 'days since first order',
    displaySql: 'tenure_days',
  },
  { name: 'log_gap', sql: `ln(1 + ${gap})`, label: 'mean days between orders', displaySql: `round(${gap})` },
  {
    name: 'overdue',
    sql: `ln((1 + recency_days) / (1 + ${gap}))`,
    label: 'days since last order / usual gap',
    displaySql: `round((recency_days) / (${gap}), 1)`,
  },
  {
    name: 'log_orders_recent',
    sql: 'ln(1 + orders_recent)',
    label: 'orders in the last 90 days',
    displaySql: 'orders_recent',
  },
  {
    name: 'spend_trend',
    sql: 'ln(1 + spend_recent) - ln(1 + spend_before)',
    label: 'spend last 90 days vs the 90 before (USD)',
    displaySql: "round(spend_recent) || ' vs ' || round(spend_before)",
  },
  { name: 'web_share', sql: 'web_share', label: 'share of web orders', displaySql: 'round(web_share, 2)' },
  {
    name: 'mobile_share',
    sql: 'mobile_share',
    label: 'share of mobile orders',
    displaySql: 'round(mobile_share, 2)',
  },
  {
    name: 'store_share',
    sql: 'store_share',
    label: 'share of store orders',
    displaySql: 'round(store_share, 2)',
  },
  {
    name: 'return_rate',
    sql: 'return_rate',
    label: 'share of orders returned',
    displaySql: 'round(return_rate, 2)',
  },
  {
    name: 'cancel_rate',
    sql: 'cancel_rate',
    label: 'share of orders cancelled',
    displaySql: 'round(cancel_rate, 2)',
  },
  {
    name: 'log_activity_recency',
    sql: 'ln(1 + activity_recency_days)',
    label: 'days since last order or search',
    displaySql: 'activity_recency_days',
  },
  {
    name: 'log_searches_30d',
    sql: 'ln(1 + searches_30d)',
    label: 'searches in the last 30 days',
    displaySql: 'searches_30d',
  },
  {
    name: 'p_alive',
    sql: 'p_alive',
    label: 'BG/NBD probability of still being active',
    displaySql: 'round(p_alive, 2)',
  },
  {
    name: 'log_searches_recent',
    sql: 'ln(1 + searches_recent)',
    label: 'searches in the last 90 days',
    displaySql: 'searches_recent',
  },
];

/**
 * One row per customer with a purchase on or before `cutoff`; `churned` is true when they
 * made no purchase in the `horizonDays` after it.
 */
export async function createChurnFeatureTable(
  engine: Engine,
  input: {
    readonly table: string;
    readonly cutoff: string;
    readonly horizonDays: number;
    readonly searchEvents: string;
  },
): Promise<string> {
  const c = `DATE ${literal(input.cutoff)}`;
  const recent = `order_day > ${c} - INTERVAL 90 DAY`;
  const before = `order_day > ${c} - INTERVAL 180 DAY AND order_day <= ${c} - INTERVAL 90 DAY`;
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${input.table} AS
    WITH history AS (SELECT * FROM ${CUSTOMER_ORDERS} WHERE order_day <= ${c}),
    agg AS (
      SELECT customer_id,
             date_diff('day', max(order_day) FILTER (WHERE ${IS_PURCHASE}), ${c}) AS recency_days,
             count(*) FILTER (WHERE ${IS_PURCHASE}) AS frequency,
             coalesce(sum(amount_usd) FILTER (WHERE ${IS_REVENUE}), 0) AS monetary,
             date_diff('day', min(order_day) FILTER (WHERE ${IS_PURCHASE}), ${c}) AS tenure_days,
             count(DISTINCT order_day) FILTER (WHERE ${IS_PURCHASE}) AS purchase_days,
             count(*) FILTER (WHERE ${IS_PURCHASE} AND ${recent}) AS orders_recent,
             coalesce(sum(amount_usd) FILTER (WHERE ${IS_REVENUE} AND ${recent}), 0) AS spend_recent,
             coalesce(sum(amount_usd) FILTER (WHERE ${IS_REVENUE} AND ${before}), 0) AS spend_before,
             avg(CAST(channel = 'web' AS DOUBLE)) AS web_share,
             avg(CAST(channel = 'mobile' AS DOUBLE)) AS mobile_share,
             avg(CAST(channel = 'store' AS DOUBLE)) AS store_share,
             avg(CAST(status = 'returned' AS DOUBLE)) AS return_rate,
             avg(CAST(status = 'cancelled' AS DOUBLE)) AS cancel_rate
      FROM history GROUP BY customer_id
      HAVING count(*) FILTER (WHERE ${IS_PURCHASE}) > 0
    ),
    searches AS (
      SELECT customer_id,
             count(*) FILTER (WHERE CAST(event_ts AS DATE) > ${c} - INTERVAL 90 DAY) AS searches_recent,
             count(*) FILTER (WHERE CAST(event_ts AS DATE) > ${c} - INTERVAL 30 DAY) AS searches_30d,
             date_diff('day', max(CAST(event_ts AS DATE)), ${c}) AS search_recency_days
      FROM ${input.searchEvents}
      WHERE customer_id IS NOT NULL AND CAST(event_ts AS DATE) <= ${c}
      GROUP BY customer_id
    ),
    came_back AS (
      SELECT DISTINCT customer_id FROM ${CUSTOMER_ORDERS}
      WHERE ${IS_PURCHASE} AND order_day > ${c} AND order_day <= ${c} + INTERVAL ${Math.round(input.horizonDays)} DAY
    )
    SELECT agg.*, coalesce(searches.searches_recent, 0) AS searches_recent, coalesce(searches.searches_30d, 0) AS searches_30d,
           least(coalesce(searches.search_recency_days, agg.recency_days), agg.recency_days) AS activity_recency_days,
           came_back.customer_id IS NULL AS churned
    FROM agg LEFT JOIN searches USING (customer_id) LEFT JOIN came_back USING (customer_id)`);
  await addProbAliveColumn(engine, input.table);
  return input.table;
}

/** The feature expressions as a SELECT list, in CHURN_FEATURES order. */
export function featureSelectSql(): string {
  return CHURN_FEATURES.map((f) => `CAST(${f.sql} AS DOUBLE) AS ${f.name}`).join(', ');
}
