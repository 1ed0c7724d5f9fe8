// demand_gaps: what shoppers keep looking for and not finding — queries with many zero-result
// searches — and the category each one asks for (see suggest-category.ts). `in_catalog` tells
// an assortment gap (the shop has no such category) from a search miss (it has, but search
// did not find it: a typo or a brand it does not stock).

import type { SystemContext, SystemOutput } from '../prod-system.js';
import type { CopilotSettings } from './copilot-settings.js';
import { SEARCH_PATTERNS, SEARCHES } from './search-patterns.js';
import { type CatalogToken, type ClickedQuery, createCategorySuggester } from './suggest-category.js';

export const DEMAND_GAPS = 'demand_gaps';

export async function buildDemandGaps(
  context: SystemContext,
  settings: CopilotSettings,
): Promise<SystemOutput> {
  const { engine } = context;
  const gaps = await engine.query(`
    SELECT query FROM ${SEARCH_PATTERNS}
    WHERE zero_result_searches >= ${settings.minZeroResultSearches} AND zero_result_rate >= ${settings.minZeroResultRate}`);
  const clickedQueries = (
    await engine.query(`
    SELECT s.query, p.category, count(*) AS clicks
    FROM ${SEARCHES} s JOIN ${context.curated('products')} p ON p.product_id = s.clicked_product_id
    WHERE p.category IS NOT NULL GROUP BY ALL`)
  ).map(
    (r): ClickedQuery => ({ query: String(r.query), category: String(r.category), clicks: Number(r.clicks) }),
  );
  const catalogTokens = (
    await engine.query(`
    SELECT DISTINCT category, token FROM (
      SELECT category, unnest(string_split(regexp_replace(lower(concat_ws(' ', name, subcategory, category)), '[^a-z0-9]+', ' ', 'g'), ' ')) AS token
      FROM ${context.curated('products')} WHERE category IS NOT NULL)
    WHERE length(token) >= 3`)
  ).map((r): CatalogToken => ({ category: String(r.category), token: String(r.token) }));

  const suggest = createCategorySuggester({ clickedQueries, catalogTokens });
  await engine.run(
    'CREATE OR REPLACE TEMP TABLE gap_suggestions (query VARCHAR, suggested_category VARCHAR, suggestion_source VARCHAR, in_catalog BOOLEAN)',
  );
  const rows = gaps.map((g) => {
    const query = String(g.query);
    const s = suggest(query);
    return [query, s.category, s.source, s.category === null ? null : s.inCatalog];
  });
  if (rows.length > 0) await engine.append('gap_suggestions', rows);
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${DEMAND_GAPS} AS
    SELECT p.query, p.searches, p.zero_result_searches, p.zero_result_rate, p.click_through_rate,
           g.suggested_category, g.suggestion_source, g.in_catalog,
           CASE WHEN g.in_catalog THEN 'search_miss' WHEN g.in_catalog = false THEN 'assortment_gap' END AS gap_kind,
           p.trend, p.first_seen, p.last_seen
    FROM ${SEARCH_PATTERNS} p JOIN gap_suggestions g USING (query)
    ORDER BY p.zero_result_searches DESC, p.query`);
  return { table: DEMAND_GAPS, relation: DEMAND_GAPS };
}
