// daily_sales: revenue, orders and units per day × category × region. An order with lines in
// two categories counts once in each, so orders add up per category but not across them;
// avg_order_value is the category's revenue per order that bought from it.

import type { SystemContext, SystemOutput } from '../prod-system.js';
import { SALES_LINES } from './sales-lines.js';

export const DAILY_SALES = 'daily_sales';

/**
 * Partitioned by year: the table grows by one day × categories × regions every day, readers
 * mostly ask for a date range, and a year keeps files few and large (month partitions would
 * mean hundreds of kilobyte-sized files on a small shop).
 */
export async function buildDailySales(context: SystemContext): Promise<SystemOutput> {
  await context.engine.run(`
    CREATE OR REPLACE TEMP TABLE ${DAILY_SALES} AS
    SELECT date, category, region,
           count(DISTINCT order_id) AS orders,
           CAST(sum(quantity) AS BIGINT) AS units,
           CAST(round(sum(net_usd), 2) AS DECIMAL(18,2)) AS revenue,
           CAST(round(sum(net_usd) / count(DISTINCT order_id), 2) AS DECIMAL(18,2)) AS avg_order_value,
           'USD' AS currency,
           CAST(year(date) AS INTEGER) AS year
    FROM ${SALES_LINES}
    GROUP BY date, category, region
    ORDER BY date, category, region`);
  return { table: DAILY_SALES, relation: DAILY_SALES, partitionBy: ['year'] };
}
