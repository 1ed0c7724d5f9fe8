// Checks of a plan against the semantic layer and the lake: break-downs and filters the metric
// supports, tables the plan needs, and filter values the lake has never seen.

import type { LakeFacts } from './lake-facts.js';
import type { PlanFilter } from './query-plan.js';
import { DIMENSIONS, type DimensionName, isTimeDimension } from './semantic-dimensions.js';
import type { MetricDef } from './semantic-metrics.js';

/** Why the metric cannot be broken down or filtered so, or undefined when it can. */
export function checkSupport(
  metric: MetricDef,
  dimensions: readonly DimensionName[],
  filters: readonly PlanFilter[],
  facts: LakeFacts,
): { refusal: string; suggestions?: string[] } | undefined {
  const list = (names: readonly DimensionName[]) => names.map((n) => DIMENSIONS[n].label).join(', ');
  for (const d of dimensions) {
    if (!metric.dimensions.includes(d))
      return {
        refusal: `${metric.label} cannot be broken down by ${DIMENSIONS[d].label}; it can be by ${list(metric.dimensions)}`,
      };
  }
  for (const f of filters) {
    if (!metric.filters.includes(f.dimension))
      return {
        refusal: `${metric.label} cannot be filtered by ${DIMENSIONS[f.dimension].label} (${f.values.join(', ')}); it can be by ${list(metric.filters)}`,
      };
  }
  const needsSegments = dimensions.includes('segment') || filters.some((f) => f.dimension === 'segment');
  if (needsSegments && !facts.tables.has('demand_insights_engine.customer_segments'))
    return {
      refusal:
        'segments come from demand_insights_engine.customer_segments, which the lake does not have yet',
    };
  if (metric.family === 'forecast') {
    const seriesDimensions = new Set(
      [...dimensions, ...filters.map((f) => f.dimension)].filter((d) => !isTimeDimension(d)),
    );
    if (
      seriesDimensions.size > 1 ||
      filters.some((f) => f.exclude || f.values.length > 1 || dimensions.includes(f.dimension))
    )
      return {
        refusal:
          'the forecast exists for the total, each category and each region, not for combinations of them',
      };
  }
  return undefined;
}

/** "The lake has no orders with country IT": said, so a zero reads as what it is. */
export function absentValues(filters: readonly PlanFilter[], facts: LakeFacts): string[] {
  return filters.flatMap((f) => {
    const known = facts.values[f.dimension];
    if (!known || known.length === 0) return [];
    const absent = f.values.filter((v) => !known.includes(v));
    return absent.length > 0
      ? [`The lake has no ${DIMENSIONS[f.dimension].label} ${absent.join(' or ')} at all`]
      : [];
  });
}
