// Turns a plan into the one SELECT that answers it: the metric family's query for the period,
// ordered and limited for a ranking, or two periods side by side with the change between them.

import { customerModelQuery } from './customer-model-sql.js';
import { forecastQuery } from './forecast-sql.js';
import { fraudQuery } from './fraud-sql.js';
import type { LakeFacts } from './lake-facts.js';
import type { MetricQuery, MetricQueryBuilder } from './metric-query.js';
import { opportunityQuery } from './opportunity-sql.js';
import type { QueryPlan } from './query-plan.js';
import { salesQuery } from './sales-sql.js';
import { searchQuery } from './search-sql.js';
import { TIME_DIMENSIONS } from './semantic-dimensions.js';
import type { MetricFamily } from './semantic-metrics.js';

const BUILDERS: Readonly<Record<MetricFamily, MetricQueryBuilder>> = {
  sales: salesQuery,
  churn: customerModelQuery,
  clv: customerModelQuery,
  fraud: fraudQuery,
  forecast: forecastQuery,
  opportunity: opportunityQuery,
  search: searchQuery,
};

/** The columns a comparison adds after the metric: the earlier period's value and the change. */
export const PREVIOUS_SUFFIX = '_previous';

/** The SQL answering `plan`, with the roles of its columns. */
export function buildSql(plan: QueryPlan, facts: LakeFacts): MetricQuery {
  const builder = BUILDERS[plan.metric.family];
  const [current, previous] = plan.periods;
  if (!current) throw new Error('A plan always has a period.');
  const query = builder(plan, current, facts);
  if (plan.comparison === 'periods' && previous)
    return comparePeriods(plan, query, builder(plan, previous, facts));
  if (query.ordered) return query;
  return { ...query, sql: `${query.sql}\n${orderAndLimit(plan, query)}`.trimEnd() };
}

function orderAndLimit(plan: QueryPlan, query: MetricQuery): string {
  const dims = query.dimensionColumns;
  const value = query.valueColumns[0] ?? plan.metric.name;
  if (dims.length === 0) return '';
  if (plan.rank) {
    const direction = plan.rank.direction === 'asc' ? 'ASC' : 'DESC';
    return `ORDER BY ${[`${value} ${direction} NULLS LAST`, ...dims].join(', ')}\nLIMIT ${plan.rank.n}`;
  }
  const time = dims.filter((d) => TIME_DIMENSIONS.some((t) => t === d));
  if (time.length > 0) return `ORDER BY ${[...time, ...dims.filter((d) => !time.includes(d))].join(', ')}`;
  return `ORDER BY ${[`${value} DESC NULLS LAST`, ...dims].join(', ')}`;
}

function comparePeriods(plan: QueryPlan, current: MetricQuery, previous: MetricQuery): MetricQuery {
  const dims = current.dimensionColumns;
  const value = current.valueColumns[0] ?? plan.metric.name;
  const before = `${value}${PREVIOUS_SUFFIX}`;
  const digits = plan.metric.unit === 'rate' ? 4 : 2;
  const join =
    dims.length === 0
      ? 'FROM current_period c CROSS JOIN previous_period p'
      : `FROM current_period c FULL JOIN previous_period p ON ${dims.map((d) => `c.${d} IS NOT DISTINCT FROM p.${d}`).join(' AND ')}`;
  const order = plan.rank
    ? `ORDER BY change_pct ${plan.rank.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST${dims.map((d) => `, ${d}`).join('')}\nLIMIT ${plan.rank.n}`
    : dims.length > 0
      ? `ORDER BY ${value} DESC NULLS LAST${dims.map((d) => `, ${d}`).join('')}`
      : '';
  const sql = [
    `WITH current_period AS (\n${current.sql}\n),`,
    `previous_period AS (\n${previous.sql}\n)`,
    `SELECT ${[
      ...dims.map((d) => `coalesce(c.${d}, p.${d}) AS ${d}`),
      `c.${value} AS ${value}`,
      `p.${value} AS ${before}`,
      `round(c.${value} - p.${value}, ${digits}) AS change`,
      `round((c.${value} - p.${value}) / nullif(p.${value}, 0) * 100, 2) AS change_pct`,
    ].join(', ')}`,
    join,
    order,
  ]
    .filter((line) => line !== '')
    .join('\n');
  return { sql, dimensionColumns: dims, valueColumns: [value, before, 'change', 'change_pct'] };
}
