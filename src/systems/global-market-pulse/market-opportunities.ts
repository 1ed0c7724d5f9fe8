// market_opportunities: for every market (a country, and a whole region) × category, a score
// of where to invest next from three components, each a percentile among all market ×
// category pairs of the same level (so scores compare across categories and units do not matter):
//   size     — revenue in the last 12 months (a big market pays back effort);
//   growth   — last 90 days against the same 90 days a year earlier (against the previous 90
//              days when the lake holds less than that), year over year so that seasons cancel;
//   headroom — low penetration: the category's share of the market's revenue divided by its
//              share in all other markets (a location quotient below 1 leaves room to grow).
// opportunity_score = 100 × (0.40 size + 0.35 growth + 0.25 headroom).

import { SALES_LINES } from '../market-intelligence-hub/sales-lines.js';
import type { SystemContext, SystemOutput } from '../prod-system.js';

export const MARKET_OPPORTUNITIES = 'market_opportunities';

export const OPPORTUNITY_WEIGHTS = { size: 0.4, growth: 0.35, headroom: 0.25 } as const;

export async function buildMarketOpportunities(context: SystemContext): Promise<SystemOutput> {
  const asOf = `DATE '${context.asOf}'`;
  const first = (
    await context.engine.query(`SELECT strftime(min(date), '%Y-%m-%d') AS d FROM ${SALES_LINES}`)
  )[0]?.d;
  const yearOverYear =
    typeof first === 'string' && Date.parse(first) <= Date.parse(context.asOf) - (365 + 89) * 86_400_000;
  // The comparison window: the same 90 days a year before, or the 90 days before the recent ones.
  const [baseFrom, baseTo] = yearOverYear ? [365 + 89, 365] : [179, 90];
  const basis = yearOverYear ? 'year_over_year' : 'previous_90_days';
  const basisText = yearOverYear ? 'year over year' : 'on the previous 90 days';
  const w = OPPORTUNITY_WEIGHTS;
  await context.engine.run(`
    CREATE OR REPLACE TEMP TABLE ${MARKET_OPPORTUNITIES} AS
    WITH daily AS (
      SELECT region, country, category, date, sum(net_usd) AS net_usd FROM ${SALES_LINES} GROUP BY ALL),
    lines AS (
      SELECT 'country' AS level, region, country, category, date, net_usd FROM daily
      UNION ALL
      SELECT 'region', region, NULL, category, date, net_usd FROM daily),
    markets AS (SELECT DISTINCT level, region, country FROM lines),
    categories AS (SELECT DISTINCT category FROM lines),
    sums AS (
      SELECT level, region, country, category,
             sum(net_usd) FILTER (WHERE date > ${asOf} - 365) AS revenue_12m,
             sum(net_usd) FILTER (WHERE date > ${asOf} - 90) AS recent,
             sum(net_usd) FILTER (WHERE date BETWEEN ${asOf} - ${baseFrom} AND ${asOf} - ${baseTo}) AS base
      FROM lines GROUP BY ALL),
    grid AS (
      SELECT m.level, m.region, m.country, c.category,
             coalesce(s.revenue_12m, 0) AS revenue_12m, coalesce(s.recent, 0) AS recent, coalesce(s.base, 0) AS base
      FROM markets m CROSS JOIN categories c
      LEFT JOIN sums s ON s.level = m.level AND s.region = m.region AND s.country IS NOT DISTINCT FROM m.country AND s.category = c.category),
    shares AS (
      SELECT *,
             sum(revenue_12m) OVER (PARTITION BY level, region, country) AS market_total,
             sum(revenue_12m) OVER (PARTITION BY level, category) AS category_total,
             sum(revenue_12m) OVER (PARTITION BY level) AS level_total,
             count(*) OVER (PARTITION BY level, category) AS markets
      FROM grid),
    measured AS (
      SELECT *,
             CASE WHEN base > 0 THEN (recent / base - 1) * 100 END AS growth,
             CASE WHEN market_total > 0 AND level_total - market_total > 0 AND category_total - revenue_12m > 0
                  THEN (revenue_12m / market_total) / ((category_total - revenue_12m) / (level_total - market_total)) END AS lq
      FROM shares),
    scored AS (
      SELECT *,
             percent_rank() OVER (PARTITION BY level ORDER BY revenue_12m) AS size_score,
             rank() OVER (PARTITION BY level, category ORDER BY revenue_12m DESC) AS size_rank,
             CASE WHEN growth IS NULL THEN 0.5 ELSE percent_rank() OVER (PARTITION BY level, growth IS NULL ORDER BY growth) END AS growth_score,
             CASE WHEN lq IS NULL THEN 0.5 ELSE 1 - percent_rank() OVER (PARTITION BY level, lq IS NULL ORDER BY lq) END AS headroom_score
      FROM measured)
    SELECT level, region, country, category,
           round(100 * (${w.size} * size_score + ${w.growth} * growth_score + ${w.headroom} * headroom_score), 1) AS opportunity_score,
           CAST(round(revenue_12m, 2) AS DECIMAL(18,2)) AS revenue,
           round(growth, 2) AS growth_pct,
           '${basis}' AS growth_basis,
           round(lq, 4) AS penetration,
           round(CASE WHEN market_total > 0 THEN revenue_12m / market_total END, 6) AS share_of_market,
           round(size_score, 4) AS size_score, round(growth_score, 4) AS growth_score, round(headroom_score, 4) AS penetration_score,
           concat(
             upper(category[1]) || category[2:], ' in ', coalesce(country || ' (' || region || ')', region),
             ': $', format('{:,.0f}', round(CAST(revenue_12m AS DOUBLE))), ' in the last 12 months (rank ', size_rank, ' of ', markets, ' ', level, ' markets for it), ',
             CASE WHEN growth IS NULL THEN 'no sales in the comparison period to measure growth'
                  ELSE 'revenue ' || CASE WHEN growth >= 0 THEN 'up ' ELSE 'down ' END || format('{:.1f}', abs(CAST(growth AS DOUBLE))) || '% ${basisText}' END,
             ', ',
             CASE WHEN lq IS NULL THEN 'no sales elsewhere to compare penetration'
                  ELSE 'at ' || format('{:.2f}', CAST(lq AS DOUBLE)) || '× the category''s share in other markets'
                       || CASE WHEN lq < 1 THEN ', leaving room to grow' ELSE '' END END,
             '; score ', format('{:.1f}', 100 * (${w.size} * size_score + ${w.growth} * growth_score + ${w.headroom} * headroom_score)), '.') AS rationale,
           'USD' AS currency
    FROM scored
    ORDER BY level, opportunity_score DESC, region, country, category`);
  return { table: MARKET_OPPORTUNITIES, relation: MARKET_OPPORTUNITIES };
}
