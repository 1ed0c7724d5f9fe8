// SQL for the customer models of demand-insights-engine: churn rate (mean predicted churn
// probability, as segment_summary computes it) and 12-month customer lifetime value, broken
// down by RFM segment, the customer's region or country, or churn risk band.

import { type Column, filterSql, type MetricQueryBuilder, selectSql } from './metric-query.js';
import type { DimensionName } from './semantic-dimensions.js';

const JOINS = {
  segment: 'LEFT JOIN demand_insights_engine.customer_segments seg ON seg.customer_id = m.customer_id',
  customer: 'LEFT JOIN curated.customers cu ON cu.customer_id = m.customer_id',
  churn: 'LEFT JOIN demand_insights_engine.churn_predictions h ON h.customer_id = m.customer_id',
} as const;

/** Churn rate and CLV as of the models' last run. */
export const customerModelQuery: MetricQueryBuilder = (plan) => {
  const churn = plan.metric.name === 'churn_rate';
  const used = new Set<DimensionName>([...plan.dimensions, ...plan.filters.map((f) => f.dimension)]);
  const joins: string[] = [];
  if (used.has('segment')) joins.push(JOINS.segment);
  if (used.has('region') || used.has('country')) joins.push(JOINS.customer);
  if (used.has('risk_level') && !churn) joins.push(JOINS.churn);
  const column = (d: DimensionName): string => {
    switch (d) {
      case 'segment':
        return "coalesce(seg.segment, 'unassigned')";
      case 'region':
      case 'country':
        return `coalesce(cu.${d}, 'unknown')`;
      case 'risk_level':
        return churn ? 'm.churn_risk' : "coalesce(h.churn_risk, 'unscored')";
      default:
        throw new Error(`${plan.metric.label} cannot use ${d}.`);
    }
  };
  const dimensions: Column[] = plan.dimensions.map((d) => ({ expr: column(d), name: d }));
  const value = churn
    ? { expr: 'round(avg(m.churn_probability), 4)', name: 'churn_rate' }
    : { expr: 'round(avg(m.clv_12m), 2)', name: 'clv' };
  return selectSql({
    dimensions,
    values: [value, { expr: 'count(*)', name: 'customers' }],
    from: [
      churn ? 'demand_insights_engine.churn_predictions m' : 'demand_insights_engine.clv_predictions m',
      ...joins,
    ].join('\n'),
    where: plan.filters.map((f) => filterSql(column(f.dimension), f)),
  });
};
