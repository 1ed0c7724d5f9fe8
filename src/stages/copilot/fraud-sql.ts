// SQL for the fraud rate and payment counts of compliance-guardian: every scored payment, by
// payment day, with the order's region, country and channel.

import {
  type Column,
  filterSql,
  type MetricQueryBuilder,
  selectSql,
  timeBucket,
  timestampRange,
} from './metric-query.js';
import type { DimensionName } from './semantic-dimensions.js';

/** The fraud rate (share of payments scored high risk) or the number of payments. */
export const fraudQuery: MetricQueryBuilder = (plan, period) => {
  const used = new Set<DimensionName>([...plan.dimensions, ...plan.filters.map((f) => f.dimension)]);
  const needsOrder = used.has('region') || used.has('country') || used.has('channel');
  const column = (d: DimensionName): string => {
    switch (d) {
      case 'day':
      case 'week':
      case 'month':
      case 'quarter':
      case 'year':
        return timeBucket(d, 'CAST(f.payment_ts AS DATE)');
      case 'risk_level':
        return 'f.risk_level';
      case 'region':
      case 'country':
      case 'channel':
        return `coalesce(o.${d}, 'unknown')`;
      default:
        throw new Error(`${plan.metric.label} cannot use ${d}.`);
    }
  };
  const dimensions: Column[] = plan.dimensions.map((d) => ({ expr: column(d), name: d }));
  const highRisk = "count(*) FILTER (WHERE f.risk_level = 'high')";
  const values: Column[] =
    plan.metric.name === 'fraud_rate'
      ? [
          { expr: `round(${highRisk} / nullif(count(*), 0), 4)`, name: 'fraud_rate' },
          { expr: highRisk, name: 'high_risk_payments' },
          { expr: 'count(*)', name: 'payments' },
        ]
      : [{ expr: 'count(*)', name: 'payments' }];
  return selectSql({
    dimensions,
    values,
    from: [
      'compliance_guardian.fraud_scores f',
      ...(needsOrder ? ['LEFT JOIN curated.orders o ON o.order_id = f.order_id'] : []),
    ].join('\n'),
    where: [
      timestampRange('f.payment_ts', period),
      ...plan.filters.map((f) => filterSql(column(f.dimension), f)),
    ],
  });
};
