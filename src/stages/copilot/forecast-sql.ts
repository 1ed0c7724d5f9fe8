// SQL for market-intelligence-hub's revenue forecast: the `total` series, or one series per
// category or region (`category:<name>`, `region:<name>`), summed over the days asked.

import {
  type Column,
  dateRange,
  literal,
  type MetricQueryBuilder,
  selectSql,
  timeBucket,
} from './metric-query.js';
import { isTimeDimension } from './semantic-dimensions.js';

const SERIES_PREFIX = { category: 'category:', region: 'region:' } as const;

/** Forecast revenue over the period; by day it carries the 80% interval. */
export const forecastQuery: MetricQueryBuilder = (plan, period) => {
  const split = plan.dimensions.find((d) => d === 'category' || d === 'region');
  const [filter, ...others] = plan.filters;
  if (others.length > 0 || (filter && filter.dimension !== 'category' && filter.dimension !== 'region'))
    throw new Error('The forecast has one series per category or region, not per combination.');
  const where = [dateRange('date', period)];
  if (split) where.push(`series LIKE ${literal(`${SERIES_PREFIX[split]}%`)}`);
  else if (filter && (filter.dimension === 'category' || filter.dimension === 'region'))
    where.push(`series = ${literal(`${SERIES_PREFIX[filter.dimension]}${filter.values[0] ?? ''}`)}`);
  else where.push("series = 'total'");
  const dimensions: Column[] = plan.dimensions.map((d) =>
    d === 'category' || d === 'region'
      ? { expr: `substr(series, ${SERIES_PREFIX[d].length + 1})`, name: d }
      : { expr: timeBucket(isTimeDimension(d) ? d : 'day', 'date'), name: d },
  );
  const daily = plan.dimensions.length === 1 && plan.dimensions[0] === 'day';
  const values: Column[] = [
    { expr: 'round(sum(forecast), 2)', name: 'forecast' },
    ...(daily
      ? [
          { expr: 'round(sum(lower_80), 2)', name: 'lower_80' },
          { expr: 'round(sum(upper_80), 2)', name: 'upper_80' },
        ]
      : []),
  ];
  return selectSql({ dimensions, values, from: 'market_intelligence_hub.sales_forecast', where });
};
