// SQL for shopper searches: counts, zero-result counts and the zero-result rate, by day, country
// or search term (normalised as retail-copilot's search_patterns normalises it).

import {
  type Column,
  filterSql,
  type MetricQueryBuilder,
  selectSql,
  timeBucket,
  timestampRange,
} from './metric-query.js';
import type { DimensionName } from './semantic-dimensions.js';

/** A query lower-cased, white space collapsed and trimmed. */
const SEARCH_TERM = "trim(regexp_replace(lower(query_text), '\\s+', ' ', 'g'))";
const ZERO = 'count(*) FILTER (WHERE results_count = 0)';

/** Searches, zero-result searches or the zero-result rate over the period. */
export const searchQuery: MetricQueryBuilder = (plan, period) => {
  const column = (d: DimensionName): string => {
    switch (d) {
      case 'day':
      case 'week':
      case 'month':
      case 'quarter':
      case 'year':
        return timeBucket(d, 'CAST(event_ts AS DATE)');
      case 'search_term':
        return SEARCH_TERM;
      case 'country':
        return "coalesce(country, 'unknown')";
      default:
        throw new Error(`${plan.metric.label} cannot use ${d}.`);
    }
  };
  const dimensions: Column[] = plan.dimensions.map((d) => ({ expr: column(d), name: d }));
  const metric = plan.metric.name;
  const values: Column[] =
    metric === 'searches'
      ? [{ expr: 'count(*)', name: 'searches' }]
      : metric === 'zero_result_searches'
        ? [
            { expr: ZERO, name: 'zero_result_searches' },
            { expr: 'count(*)', name: 'searches' },
          ]
        : [
            { expr: `round(${ZERO} / nullif(count(*), 0), 4)`, name: 'zero_result_rate' },
            { expr: ZERO, name: 'zero_result_searches' },
            { expr: 'count(*)', name: 'searches' },
          ];
  const byTerm = plan.dimensions.includes('search_term');
  return selectSql({
    dimensions,
    values,
    from: 'curated.search_events',
    where: [
      "query_text IS NOT NULL AND trim(query_text) <> ''",
      timestampRange('event_ts', period),
      ...plan.filters.map((f) => filterSql(column(f.dimension), f)),
    ],
    // A term list of zero-result searches lists the terms that had some.
    having: byTerm && metric === 'zero_result_searches' ? `${ZERO} > 0` : undefined,
  });
};
