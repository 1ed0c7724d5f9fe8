// SQL for global-market-pulse's market opportunities: the best-scored market × category pairs,
// whole regions or countries, with the published rationale beside each score.

import { filterSql, literal, type MetricQueryBuilder } from './metric-query.js';

const COLUMNS = ['level', 'region', 'country', 'category'] as const;

/** The top (or bottom) opportunities, ordered and limited here. */
export const opportunityQuery: MetricQueryBuilder = (plan) => {
  const where = plan.filters.map((f) => filterSql(f.dimension, f));
  if (plan.level) where.push(`level = ${literal(plan.level)}`);
  const direction = plan.rank?.direction === 'asc' ? 'ASC' : 'DESC';
  const sql = [
    `SELECT ${COLUMNS.join(', ')}, opportunity_score, revenue, growth_pct, rationale`,
    'FROM global_market_pulse.market_opportunities',
    ...(where.length > 0 ? [`WHERE ${where.join('\n  AND ')}`] : []),
    `ORDER BY opportunity_score ${direction}, level, region, country, category`,
    `LIMIT ${plan.rank?.n ?? 5}`,
  ].join('\n');
  return {
    sql,
    dimensionColumns: [...COLUMNS],
    valueColumns: ['opportunity_score', 'revenue', 'growth_pct'],
    extraColumns: ['rationale'],
    ordered: true,
  };
};
