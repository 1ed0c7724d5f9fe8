// customer_segments: recency, frequency and monetary value per customer as of asOf, their
// quintile scores and the named segment. Scores come from percent ranks, so customers with
// the same value get the same score (one-time buyers all score f = 1, whatever their count).

import type { Engine } from '../../../ports/engine.js';
import { literal } from '../../../stages/curate/sql-text.js';
import { CUSTOMER_ORDERS, IS_PURCHASE, IS_REVENUE } from '../customer-orders-table.js';
import { segmentCaseSql } from './segment-rules.js';

export const CUSTOMER_SEGMENTS = 'die_customer_segments';

/** A 1–5 score from a percent rank: the top fifth of the ordering gets 5. */
function quintileSql(orderBy: string): string {
  return `CAST(least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY ${orderBy}))) AS INTEGER)`;
}

/** Builds the table from CUSTOMER_ORDERS; only customers with at least one purchase appear. */
export async function createCustomerSegmentsTable(engine: Engine, asOf: string): Promise<string> {
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${CUSTOMER_SEGMENTS} AS
    WITH base AS (
      SELECT customer_id,
             CAST(date_diff('day', max(order_day), DATE ${literal(asOf)}) AS INTEGER) AS recency_days,
             CAST(count(*) AS INTEGER) AS frequency,
             coalesce(sum(amount_usd) FILTER (WHERE ${IS_REVENUE}), 0) AS monetary,
             min(order_day) AS first_purchase_day,
             max(order_day) AS last_purchase_day
      FROM ${CUSTOMER_ORDERS} WHERE ${IS_PURCHASE} GROUP BY customer_id
    ),
    scored AS (
      SELECT *, ${quintileSql('recency_days DESC')} AS r_score, ${quintileSql('frequency')} AS f_score, ${quintileSql('monetary')} AS m_score
      FROM base
    )
    SELECT customer_id, recency_days, frequency, round(monetary, 2) AS monetary, r_score, f_score, m_score,
           ${segmentCaseSql()} AS segment, first_purchase_day, last_purchase_day, 'USD' AS currency
    FROM scored`);
  return CUSTOMER_SEGMENTS;
}
