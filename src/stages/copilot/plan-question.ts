// Turns a parsed question into a plan, or into an honest refusal: one metric, break-downs and
// filters the metric supports, periods inside the data. Whatever it cannot place, it refuses
// to guess at.

import type { AskIntent } from './ask-answer.js';
import { daysBetween } from './calendar-dates.js';
import { absentValues, checkSupport } from './check-support.js';
import type { LakeFacts } from './lake-facts.js';
import type { ParsedDimension, ParsedFilter, ParsedQuestion } from './parse-question.js';
import type { PeriodSpec } from './period-spec.js';
import { planPeriods } from './plan-periods.js';
import type { PlanFilter, PlanResult, QueryPlan } from './query-plan.js';
import { DIMENSIONS, type DimensionName, isTimeDimension, TIME_DIMENSIONS } from './semantic-dimensions.js';
import { METRICS, type MetricDef, type MetricName, RATE_OF } from './semantic-metrics.js';

/** Metrics that are averages or rates already: "average" beside them changes nothing. */
const AVERAGES: ReadonlySet<MetricName> = new Set([
  'aov',
  'revenue_per_customer',
  'churn_rate',
  'clv',
  'fraud_rate',
  'zero_result_rate',
]);

/** Metrics whose parts add up to the whole, so a share of it is meaningful. */
const ADDITIVE: ReadonlySet<MetricName> = new Set([
  'revenue',
  'units',
  'searches',
  'zero_result_searches',
  'forecast',
]);

/** Dimensions that group only when asked in so many words ("by product", "top 10 queries"). */
const WEAK_DIMENSIONS: ReadonlySet<DimensionName> = new Set(['search_term', 'customer']);

/** Plans `parsed` against what the lake holds. */
export function planQuestion(parsed: ParsedQuestion, facts: LakeFacts): PlanResult {
  if (parsed.unknown.length > 0) {
    const words = [...new Set(parsed.unknown)].map((w) => `"${w}"`).join(', ');
    return { refusal: `I don't know what ${words} means here, and I won't guess` };
  }
  if (parsed.unsupported.length > 0)
    return {
      refusal: `the lake has no column for ${[...new Set(parsed.unsupported)].join(' or ')}, so I cannot break answers down by it`,
    };
  if (parsed.ratioWord)
    return {
      refusal:
        'the only per-order and per-customer figures I compute are average order value and revenue per customer; ask for one of those',
    };
  const chosen = chooseMetric(parsed);
  if ('refusal' in chosen) return chosen;
  const { metric, dimensions: named } = chosen;
  let filters = mergeFilters(parsed.filters, chosen.dropFilter);
  if (parsed.quoted.length > 0) {
    if (metric.family !== 'search')
      return {
        refusal: `quoted text can only name a search term, and ${metric.label} is not about searches`,
      };
    filters = [...filters, { dimension: 'search_term', exclude: false, values: parsed.quoted }];
  }
  const range = facts.ranges[metric.family];
  if (!range) {
    return {
      refusal: `the lake has no ${metric.label} data yet (its prod tables are missing or empty); run \`shoplake run\` or \`shoplake publish\` first`,
    };
  }
  const valueComparison = filters.find(
    (f) => !f.exclude && f.values.length > 1 && parsed.comparison !== undefined,
  );
  // "How does revenue compare to last month?" leaves the other side unsaid: ask, don't guess.
  if (
    parsed.comparison === 'generic' &&
    !valueComparison &&
    parsed.periods.length === 1 &&
    !parsed.relation &&
    named.length === 0
  ) {
    return {
      refusal:
        'the comparison names one period only; name both, e.g. "revenue this month vs last month", or ask for growth ("revenue growth last month")',
    };
  }
  const groups = groupDimensions(parsed, named, metric);
  if (valueComparison && !groups.includes(valueComparison.dimension)) groups.push(valueComparison.dimension);
  const level = metric.family === 'opportunity' ? opportunityLevel(groups) : undefined;
  const dimensions = metric.family === 'opportunity' ? [] : groups;
  const checked = checkSupport(metric, dimensions, filters, facts);
  if (checked) return checked;
  const periodPlan = planPeriods(
    metric,
    {
      periods: parsed.periods,
      relation: parsed.relation,
      // A trend shows the change itself; "how did revenue change over time" is a trend.
      compare: !valueComparison && !parsed.trend && parsed.comparison === 'temporal',
    },
    range,
  );
  if ('refusal' in periodPlan) return periodPlan;
  const comparison = periodPlan.periods.length === 2 ? 'periods' : valueComparison ? 'values' : undefined;
  const current = periodPlan.periods[0];
  if (parsed.trend && current && !dimensions.some((d) => TIME_DIMENSIONS.includes(d)))
    dimensions.push(trendGrain(daysBetween(current.from, current.to)));
  if (dimensions.length > 2)
    return { refusal: `break down by at most two dimensions at a time, not ${dimensions.length}` };
  if (comparison === 'periods' && dimensions.some((d) => TIME_DIMENSIONS.includes(d)))
    return {
      refusal:
        'two periods can be compared in total or by category, region, country … but not day by day; ask for the trend instead',
    };
  const rankOf = rankFor(parsed, metric, dimensions, comparison);
  if ('refusal' in rankOf) return rankOf;
  const plan: QueryPlan = {
    metric,
    intent: intentOf(metric, dimensions, comparison, rankOf.rank !== undefined),
    dimensions,
    filters,
    periods: periodPlan.periods,
    comparison,
    rank: rankOf.rank,
    level,
    range,
    notes: [
      ...periodPlan.notes,
      ...absentValues(filters, facts),
      ...(dimensions.includes('status') || filters.some((f) => f.dimension === 'status')
        ? ['With an order status named, orders in every status count, cancelled and returned ones too']
        : []),
    ],
  };
  return { plan };
}

interface ChosenMetric {
  readonly metric: MetricDef;
  readonly dimensions: readonly ParsedDimension[];
  /** A filter the metric absorbed ("high-risk payments rate" is the fraud rate). */
  readonly dropFilter?: DimensionName;
}

function chooseMetric(parsed: ParsedQuestion): ChosenMetric | { refusal: string } {
  let names = [...parsed.metrics];
  let dimensions = [...parsed.dimensions];
  // "churn rate of customers in EMEA": the customers are the population, not a second metric.
  if (names.includes('customers') && names.some((n) => METRICS[n].family !== 'sales'))
    names = names.filter((n) => n !== 'customers');
  // "top 10 customers by revenue": the customers are what is ranked, revenue the measure.
  if (names.includes('customers') && names.length > 1 && (parsed.rank || parsed.listing)) {
    names = names.filter((n) => n !== 'customers');
    dimensions = [{ dimension: 'customer', explicit: true, plural: true }, ...dimensions];
  }
  // Zero-result searches are searches: "share of searches with zero results" names both.
  if (
    names.includes('searches') &&
    names.some((n) => n === 'zero_result_searches' || n === 'zero_result_rate')
  )
    names = names.filter((n) => n !== 'searches');
  if (names.length > 1) {
    return {
      refusal: `the question names several metrics (${names.map((n) => METRICS[n].label).join(', ')}); ask about one at a time`,
    };
  }
  let name: MetricName | undefined =
    names[0] ??
    parsed.impliedMetrics[0] ??
    // "How many products did we sell?" counts units; "what did we sell?" is revenue.
    (parsed.revenueVerb ? (parsed.howMany ? 'units' : 'revenue') : undefined) ??
    (dimensions.some((d) => d.dimension === 'search_term') || parsed.quoted.length > 0
      ? 'searches'
      : undefined);
  if (!name) return { refusal: 'I did not recognise a metric in the question' };
  let dropFilter: DimensionName | undefined;
  // "Revenue share by region": the answer by region says each one's share.
  const shareOfWhole = ADDITIVE.has(name) && dimensions.length > 0;
  if (parsed.rateWord && METRICS[name].unit !== 'rate' && !shareOfWhole) {
    const rate = RATE_OF[name];
    const highRisk = parsed.filters.some((f) => f.dimension === 'risk_level' && f.values.join() === 'high');
    if (!rate || (name === 'payments' && !highRisk))
      return { refusal: `I can't turn ${METRICS[name].label} into a rate or a share` };
    if (name === 'payments') dropFilter = 'risk_level';
    name = rate;
  }
  if (parsed.averageWord && !AVERAGES.has(name)) {
    return {
      refusal: `I don't compute an average of ${METRICS[name].label} (per day, per customer …); ask for ${METRICS[name].label} by day, or for average order value or revenue per customer`,
    };
  }
  // The counted thing ("how many products …") is not a break-down.
  if (name === 'units' && parsed.howMany && names.length === 0)
    dimensions = dimensions.filter((d) => d.explicit || d.dimension !== 'product');
  if (name === 'revenue' && parsed.periods.length > 0 && parsed.periods.every((p) => isFuture(p.spec)))
    name = 'forecast';
  return { metric: METRICS[name], dimensions, dropFilter };
}

function isFuture(spec: PeriodSpec): boolean {
  if (spec.kind === 'rolling') return spec.direction === 'future';
  if (spec.kind === 'calendar' || spec.kind === 'day') return spec.offset > 0;
  return false;
}

function mergeFilters(parsed: readonly ParsedFilter[], drop: DimensionName | undefined): PlanFilter[] {
  return parsed.filter((f) => f.dimension !== drop).map((f) => ({ ...f }));
}

function groupDimensions(
  parsed: ParsedQuestion,
  dimensions: readonly ParsedDimension[],
  metric: MetricDef,
): DimensionName[] {
  const out: DimensionName[] = [];
  for (const d of dimensions) {
    const weak = WEAK_DIMENSIONS.has(d.dimension);
    if (weak && !d.explicit && !parsed.rank && !parsed.listing) continue;
    if (!out.includes(d.dimension)) out.push(d.dimension);
  }
  if (out.length === 0 && (parsed.rank || parsed.listing) && metric.rankDimension)
    out.push(metric.rankDimension);
  return out;
}

function opportunityLevel(groups: readonly DimensionName[]): 'region' | 'country' | undefined {
  if (groups.includes('country')) return 'country';
  if (groups.includes('region')) return 'region';
  return undefined;
}

function trendGrain(days: number): DimensionName {
  if (days <= 45) return 'day';
  if (days <= 92) return 'week';
  return 'month';
}

function rankFor(
  parsed: ParsedQuestion,
  metric: MetricDef,
  dimensions: readonly DimensionName[],
  comparison: 'periods' | 'values' | undefined,
): { rank?: QueryPlan['rank'] } | { refusal: string } {
  if (metric.family === 'opportunity')
    return { rank: { direction: parsed.rank?.direction ?? 'desc', n: parsed.rank?.n ?? 5 } };
  if (!parsed.rank || comparison === 'values') return {};
  if (dimensions.length === 0) {
    if (comparison === 'periods') return {};
    return {
      refusal: `"${parsed.rank.direction === 'desc' ? 'top' : 'bottom'}" needs something to rank, e.g. "top 5 ${DIMENSIONS[metric.dimensions.find((d) => !isTimeDimension(d)) ?? 'day'].plural} by ${metric.label}"`,
    };
  }
  const first = parsed.dimensions.find((d) => d.dimension === dimensions[0]);
  const n = parsed.rank.n ?? (first?.plural || dimensions[0] === metric.rankDimension ? 5 : 1);
  return { rank: { direction: parsed.rank.direction, n } };
}

function intentOf(
  metric: MetricDef,
  dimensions: readonly DimensionName[],
  comparison: 'periods' | 'values' | undefined,
  ranked: boolean,
): AskIntent {
  if (comparison) return 'comparison';
  if (ranked || metric.family === 'opportunity') return 'top_n';
  if (dimensions.some((d) => TIME_DIMENSIONS.includes(d))) return 'metric_trend';
  if (dimensions.length > 0) return 'metric_by_dimension';
  return 'metric_total';
}
