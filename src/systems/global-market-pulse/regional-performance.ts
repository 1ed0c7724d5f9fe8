// regional_performance: each market's month — revenue, orders, buying customers, order value,
// growth on its previous month and its share of the month's revenue across all markets.
// Growth compares revenue per day observed, so the month in progress is not read as a collapse.

import { SALES_LINES } from '../market-intelligence-hub/sales-lines.js';
import type { SystemContext, SystemOutput } from '../prod-system.js';

export const REGIONAL_PERFORMANCE = 'regional_performance';

export async function buildRegionalPerformance(context: SystemContext): Promise<SystemOutput> {
  await context.engine.run(`
    CREATE OR REPLACE TEMP TABLE ${REGIONAL_PERFORMANCE} AS
    WITH bounds AS (SELECT min(date) AS first FROM ${SALES_LINES}),
    monthly AS (
      SELECT region, country, CAST(date_trunc('month', date) AS DATE) AS month,
             sum(net_usd) AS revenue, count(DISTINCT order_id) AS orders, count(DISTINCT customer_id) AS customers
      FROM ${SALES_LINES} GROUP BY ALL),
    observed AS (
      SELECT m.*, CAST(least(last_day(m.month), DATE '${context.asOf}') - greatest(m.month, b.first) + 1 AS INTEGER) AS days_observed
      FROM monthly m CROSS JOIN bounds b)
    SELECT o.region, o.country, o.month,
           CAST(round(o.revenue, 2) AS DECIMAL(18,2)) AS revenue,
           o.orders, o.customers,
           CAST(round(o.revenue / o.orders, 2) AS DECIMAL(18,2)) AS avg_order_value,
           CASE WHEN p.revenue > 0
                THEN round(((o.revenue / o.days_observed) / (p.revenue / p.days_observed) - 1) * 100, 2) END AS growth_pct,
           round(o.revenue / sum(o.revenue) OVER (PARTITION BY o.month), 6) AS revenue_share,
           o.days_observed,
           o.days_observed < day(last_day(o.month)) AS is_partial_month,
           'USD' AS currency
    FROM observed o
    LEFT JOIN observed p ON p.region = o.region AND p.country = o.country AND p.month = CAST(o.month - INTERVAL 1 MONTH AS DATE)
    ORDER BY o.month, o.region, o.country`);
  return { table: REGIONAL_PERFORMANCE, relation: REGIONAL_PERFORMANCE };
}
