// trends: revenue of each category and each product per calendar month, its growth on the
// previous month and whether the change is more than day-to-day noise. Growth compares
// revenue per day observed, so the month in progress (up to asOf) is not read as a collapse;
// significance comes from a Mann-Whitney U test of the two months' daily revenues.

import type { SystemContext, SystemOutput } from '../prod-system.js';
import type { HubSettings } from './hub-settings.js';
import { MANN_WHITNEY_TEST_NAME, mannWhitneyMacrosSql, mannWhitneySql } from './mann-whitney-sql.js';
import { SALES_LINES } from './sales-lines.js';

export const TRENDS = 'trends';

/** Growth within ±0.5% reads as flat. */
const FLAT_PCT = 0.5;

export async function buildTrends(context: SystemContext, settings: HubSettings): Promise<SystemOutput> {
  const { engine } = context;
  const asOf = `DATE '${context.asOf}'`;
  await engine.run(mannWhitneyMacrosSql());
  const first = (await engine.query(`SELECT strftime(min(date), '%Y-%m-%d') AS d FROM ${SALES_LINES}`))[0]?.d;
  const firstDay = `DATE '${typeof first === 'string' && first <= context.asOf ? first : context.asOf}'`;
  // Days with sales only; a day without is a zero that the test counts but nothing stores.
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE trend_sales AS
    SELECT 'category' AS dimension, category AS key, date, sum(net_usd) AS revenue FROM ${SALES_LINES} GROUP BY ALL
    UNION ALL
    SELECT 'product', CAST(product_id AS VARCHAR), date, sum(net_usd) FROM ${SALES_LINES} GROUP BY product_id, date;
    CREATE OR REPLACE TEMP TABLE trend_months AS
    SELECT period, CAST(least(last_day(period), ${asOf}) - greatest(period, ${firstDay}) + 1 AS INTEGER) AS days
    FROM (SELECT CAST(unnest(generate_series(CAST(date_trunc('month', ${firstDay}) AS DATE), ${asOf}, INTERVAL 1 MONTH)) AS DATE) AS period);
    CREATE OR REPLACE TEMP TABLE trend_monthly AS
    WITH labels AS (
      SELECT DISTINCT 'category' AS dimension, category AS key, category AS label FROM ${SALES_LINES}
      UNION ALL
      SELECT 'product', CAST(s.product_id AS VARCHAR), any_value(p.name)
      FROM (SELECT DISTINCT product_id FROM ${SALES_LINES}) s LEFT JOIN ${context.curated('products')} p ON p.product_id = s.product_id
      GROUP BY s.product_id),
    sums AS (SELECT dimension, key, CAST(date_trunc('month', date) AS DATE) AS period, sum(revenue) AS revenue FROM trend_sales GROUP BY ALL)
    SELECT l.dimension, l.key, l.label, m.period, m.days, coalesce(s.revenue, 0) AS revenue
    FROM labels l CROSS JOIN trend_months m
    LEFT JOIN sums s ON s.dimension = l.dimension AND s.key = l.key AND s.period = m.period;
    CREATE OR REPLACE TEMP VIEW trend_values AS
    SELECT dimension, key, CAST(date_trunc('month', date) AS DATE) AS compared, 'a' AS sample, revenue AS value FROM trend_sales WHERE revenue <> 0
    UNION ALL
    SELECT dimension, key, CAST(date_trunc('month', date) + INTERVAL 1 MONTH AS DATE), 'b', revenue FROM trend_sales
    WHERE revenue <> 0 AND date_trunc('month', date) + INTERVAL 1 MONTH <= ${asOf};
    CREATE OR REPLACE TEMP TABLE trend_sizes AS
    SELECT m.dimension, m.key, m.period AS compared, m.days AS n_a, coalesce(p.days, 0) AS n_b
    FROM trend_monthly m LEFT JOIN trend_months p ON p.period = CAST(m.period - INTERVAL 1 MONTH AS DATE)`);
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE trend_tests AS ${mannWhitneySql('trend_values', 'trend_sizes', ['dimension', 'key', 'compared'])}`,
  );
  const rate = (revenue: string, days: string) => `(${revenue} / ${days})`;
  const growth = `(${rate('m.revenue', 'm.days')} / ${rate('p.revenue', 'p.days')} - 1) * 100`;
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${TRENDS} AS
    SELECT m.dimension, m.key, m.label, m.period, m.days,
           CAST(round(m.revenue, 2) AS DECIMAL(18,2)) AS revenue,
           CAST(round(p.revenue, 2) AS DECIMAL(18,2)) AS previous_revenue,
           CASE WHEN p.revenue > 0 THEN round(${growth}, 2) END AS growth_pct,
           CASE WHEN p.revenue IS NULL THEN NULL
                WHEN p.revenue = 0 AND m.revenue > 0 THEN 'new'
                WHEN p.revenue = 0 THEN 'flat'
                WHEN ${growth} > ${FLAT_PCT} THEN 'up'
                WHEN ${growth} < -${FLAT_PCT} THEN 'down'
                ELSE 'flat' END AS direction,
           '${MANN_WHITNEY_TEST_NAME}' AS test,
           CAST(t.z AS DOUBLE) AS test_statistic,
           CAST(t.p_value AS DOUBLE) AS p_value,
           coalesce(t.p_value < ${settings.significanceLevel}, false) AS is_significant
    FROM trend_monthly m
    LEFT JOIN trend_monthly p ON p.dimension = m.dimension AND p.key = m.key AND p.period = CAST(m.period - INTERVAL 1 MONTH AS DATE)
    LEFT JOIN trend_tests t ON t.dimension = m.dimension AND t.key = m.key AND t.compared = m.period
    ORDER BY m.dimension, m.key, m.period`);
  await engine.run(
    'DROP TABLE trend_sales; DROP TABLE trend_months; DROP TABLE trend_monthly; DROP VIEW trend_values; DROP TABLE trend_sizes; DROP TABLE trend_tests',
  );
  return { table: TRENDS, relation: TRENDS };
}
