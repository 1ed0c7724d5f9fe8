// Which chart shows an answer best: a number for a single value, a line over time, bars for
// categories, rankings and comparisons, a table when the rows carry text to read.

import type { AskChart } from './ask-answer.js';
import { PREVIOUS_SUFFIX } from './build-sql.js';
import type { MetricQuery } from './metric-query.js';
import type { QueryPlan } from './query-plan.js';
import { TIME_DIMENSIONS } from './semantic-dimensions.js';

/** The chart for `plan`'s answer, whose columns `query` describes. */
export function chartSuggestion(plan: QueryPlan, query: MetricQuery): AskChart {
  const value = query.valueColumns[0] ?? plan.metric.name;
  const dims = query.dimensionColumns.filter((c) => c !== 'product_id');
  if (plan.metric.family === 'opportunity') return { type: 'table', y: ['opportunity_score'] };
  if (plan.comparison === 'periods') {
    const y = [`${value}${PREVIOUS_SUFFIX}`, value];
    return dims[0] ? { type: 'bar', x: dims[0], y } : { type: 'bar', y };
  }
  if (dims.length === 0) return { type: 'number', y: [value] };
  const time = dims.find((d) => TIME_DIMENSIONS.some((t) => t === d));
  const other = dims.find((d) => d !== time);
  if (time) {
    const y = query.valueColumns.includes('lower_80') ? [value, 'lower_80', 'upper_80'] : [value];
    return other ? { type: 'line', x: time, y, series: other } : { type: 'line', x: time, y };
  }
  const [x, series] = dims;
  return series ? { type: 'bar', x: x ?? '', y: [value], series } : { type: 'bar', x: x ?? '', y: [value] };
}
