// search_patterns: what shoppers search for, one row per normalised query (lower-case, runs of
// white space collapsed, trimmed; masked card numbers and emails stay masked). `trend` compares
// the searches of the last window with the window before by a two-sided test of equal Poisson
// rates (z = (a − b)/√(a + b), the normal form of the conditional binomial test).

import type { SystemContext, SystemOutput } from '../prod-system.js';
import type { CopilotSettings } from './copilot-settings.js';

export const SEARCH_PATTERNS = 'search_patterns';
export const SEARCHES = 'searches';

const Z_95 = 1.959963984540054;

/** Creates `searches`: one row per curated search event with its normalised query. */
export async function createSearches(context: SystemContext): Promise<void> {
  await context.engine.run(`
    CREATE OR REPLACE TEMP TABLE ${SEARCHES} AS
    SELECT trim(regexp_replace(lower(query_text), '\\s+', ' ', 'g')) AS query,
           CAST(event_ts AS DATE) AS day, results_count, clicked_product_id
    FROM ${context.curated('search_events')}
    WHERE query_text IS NOT NULL AND trim(query_text) <> ''`);
}

export async function buildSearchPatterns(
  context: SystemContext,
  settings: CopilotSettings,
): Promise<SystemOutput> {
  const asOf = `DATE '${context.asOf}'`;
  const w = settings.trendWindowDays;
  await context.engine.run(`
    CREATE OR REPLACE TEMP TABLE ${SEARCH_PATTERNS} AS
    WITH counts AS (
      SELECT query, count(*) AS searches,
             count(*) FILTER (WHERE results_count = 0) AS zero_result_searches,
             count(clicked_product_id) AS clicks,
             avg(results_count) AS avg_results,
             min(day) AS first_seen, max(day) AS last_seen,
             count(*) FILTER (WHERE day > ${asOf} - ${w} AND day <= ${asOf}) AS searches_recent,
             count(*) FILTER (WHERE day > ${asOf} - ${2 * w} AND day <= ${asOf} - ${w}) AS searches_previous
      FROM ${SEARCHES} GROUP BY query),
    tested AS (
      SELECT *, CASE WHEN searches_recent + searches_previous > 0
                     THEN (searches_recent - searches_previous) / sqrt(searches_recent + searches_previous) END AS trend_z
      FROM counts)
    SELECT query, searches, zero_result_searches,
           round(zero_result_searches / searches, 4) AS zero_result_rate,
           clicks,
           round(clicks / searches, 4) AS click_through_rate,
           round(avg_results, 2) AS avg_results,
           first_seen, last_seen,
           searches_recent, searches_previous, CAST(${w} AS INTEGER) AS trend_window_days,
           round(trend_z, 3) AS trend_z,
           CASE WHEN trend_z IS NULL THEN 'inactive'
                WHEN trend_z >= ${Z_95} THEN 'rising'
                WHEN trend_z <= -${Z_95} THEN 'falling'
                ELSE 'stable' END AS trend
    FROM tested
    ORDER BY searches DESC, query`);
  return { table: SEARCH_PATTERNS, relation: SEARCH_PATTERNS };
}
