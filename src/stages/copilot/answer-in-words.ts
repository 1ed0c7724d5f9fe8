// The answer as one paragraph: the numbers from the rows (never any other), the dates they
// cover, the filters, what the metric counts, and any caveat the plan carries.

import type { AskCell } from './ask-answer.js';
import { PREVIOUS_SUFFIX } from './build-sql.js';
import { formatChange, formatDimension, formatValue, unitOfColumn } from './format-value.js';
import type { MetricQuery } from './metric-query.js';
import type { PlanFilter, QueryPlan } from './query-plan.js';
import { DIMENSIONS } from './semantic-dimensions.js';

export interface AnswerRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly AskCell[])[];
  readonly truncated: boolean;
}

const LISTED = 5;

/** One paragraph answering `plan` from `result`. */
export function answerInWords(plan: QueryPlan, query: MetricQuery, result: AnswerRows): string {
  const body = bodyOf(plan, query, result);
  const tail = [...plan.notes.map(sentence), plan.metric.definition];
  if (result.truncated) tail.unshift(`Only the first ${result.rows.length} rows are shown.`);
  return [body, ...tail].join(' ');
}

function bodyOf(plan: QueryPlan, query: MetricQuery, result: AnswerRows): string {
  const cell = (row: readonly AskCell[] | undefined, column: string) => row?.[result.columns.indexOf(column)];
  const label = plan.metric.label;
  const value = query.valueColumns[0] ?? plan.metric.name;
  const unit = plan.metric.unit;
  const period = plan.periods[0]?.label ?? '';
  const scope = filtersText(plan.filters);
  const name = (row: readonly AskCell[]) =>
    query.dimensionColumns
      .filter((c) => c !== 'product_id' || !query.dimensionColumns.includes('product'))
      .map((c) => formatDimension(c, cell(row, c)))
      .join(' / ');
  if (plan.metric.family === 'opportunity') return opportunities(plan, result, cell);
  if (result.rows.length === 0)
    return `No ${label} data matched${scope} ${when(plan, period)}: there is nothing to report.`;
  if (plan.comparison === 'periods') {
    const previous = plan.periods[1]?.label ?? 'the period before';
    if (query.dimensionColumns.length === 0) {
      const row = result.rows[0];
      const now = cell(row, value);
      const before = cell(row, `${value}${PREVIOUS_SUFFIX}`);
      return `${capital(label)}${scope} for ${period}: ${formatValue(now, unit)}, against ${formatValue(before, unit)} for ${previous}: ${formatChange(now, before, unit)}.`;
    }
    const items = result.rows
      .slice(0, LISTED)
      .map(
        (r) =>
          `${name(r)} ${formatValue(cell(r, value), unit)} vs ${formatValue(cell(r, `${value}${PREVIOUS_SUFFIX}`), unit)} (${formatChange(cell(r, value), cell(r, `${value}${PREVIOUS_SUFFIX}`), unit)})`,
      );
    const ranked = plan.rank
      ? `, ranked by ${plan.rank.direction === 'desc' ? 'largest' : 'smallest'} change`
      : '';
    return `${capital(label)} by ${dimensionsText(plan)}${scope}, ${period} against ${previous}${ranked}: ${items.join('; ')}${more(result.rows.length)}.`;
  }
  if (query.dimensionColumns.length === 0) {
    const row = result.rows[0];
    const context = contextText(query, row, cell);
    return `${capital(label)}${scope} ${when(plan, period)}: ${formatValue(cell(row, value), unit)}${context}.`;
  }
  const items = result.rows.slice(0, plan.rank ? plan.rank.n : LISTED).map((r, i) => {
    if (plan.rank?.n === 1) return `${name(r)}, with ${formatValue(cell(r, value), unit)}`;
    const prefix = plan.rank ? `${i + 1}. ` : '';
    return `${prefix}${name(r)} ${formatValue(cell(r, value), unit)}${share(plan, result, r, value)}`;
  });
  const during = when(plan, period);
  if (plan.rank) {
    const which = plan.rank.direction === 'desc' ? 'Top' : 'Bottom';
    const dimension = DIMENSIONS[plan.dimensions[0] ?? 'category'];
    const head =
      plan.rank.n === 1
        ? `The ${dimension.label} with the ${plan.rank.direction === 'desc' ? 'highest' : 'lowest'} ${label}`
        : `${which} ${result.rows.length} ${dimension.plural} by ${label}`;
    return `${head}${scope} ${during}: ${items.join(', ')}.`;
  }
  if (plan.intent === 'metric_trend') return trend(plan, query, result, cell, scope);
  if (plan.comparison === 'values') return valuesComparison(plan, result, items, cell, value, scope, during);
  const all = more(result.rows.length);
  return `${capital(label)} by ${dimensionsText(plan)}${scope} ${during}: ${items.join(', ')}${all}${total(plan, result, value)}.`;
}

function valuesComparison(
  plan: QueryPlan,
  result: AnswerRows,
  items: readonly string[],
  cell: Cell,
  value: string,
  scope: string,
  during: string,
): string {
  const [first, second] = result.rows;
  const dimension = plan.dimensions[0] ?? 'region';
  const gap =
    result.rows.length === 2 && first && second
      ? `: ${formatDimension(dimension, cell(first, dimension))} is ${formatChange(cell(first, value), cell(second, value), plan.metric.unit).replace(/^up/, 'ahead by').replace(/^down/, 'behind by')} against ${formatDimension(dimension, cell(second, dimension))}`
      : '';
  return `${capital(plan.metric.label)} by ${dimensionsText(plan)}${scope} ${during}: ${items.join(' vs ')}${gap}.`;
}

type Cell = (row: readonly AskCell[] | undefined, column: string) => AskCell | undefined;

function trend(plan: QueryPlan, query: MetricQuery, result: AnswerRows, cell: Cell, scope: string): string {
  const value = query.valueColumns[0] ?? plan.metric.name;
  const unit = plan.metric.unit;
  const time = query.dimensionColumns[0] ?? 'day';
  const rows = result.rows.filter((r) => cell(r, value) !== null);
  const by = (sign: number) =>
    rows.reduce<readonly AskCell[] | undefined>(
      (best, r) =>
        best === undefined || sign * (Number(cell(r, value)) - Number(cell(best, value))) > 0 ? r : best,
      undefined,
    );
  const high = by(1);
  const low = by(-1);
  const last = result.rows.at(-1);
  const before = result.rows.at(-2);
  const dims = query.dimensionColumns;
  const over = plan.periods[0]?.label ?? '';
  const second =
    dims.length > 1
      ? ` (${result.rows.length} rows, one per ${DIMENSIONS[plan.dimensions[0] ?? 'day'].label} and ${DIMENSIONS[plan.dimensions[1] ?? 'region'].label})`
      : '';
  const parts = [
    `${capital(plan.metric.label)} by ${DIMENSIONS[plan.dimensions[0] ?? 'day'].label}${scope} over ${over}${second}`,
    high && low
      ? `highest ${formatValue(cell(high, value), unit)} (${dims.map((d) => formatDimension(d, cell(high, d))).join(', ')}), lowest ${formatValue(cell(low, value), unit)} (${dims.map((d) => formatDimension(d, cell(low, d))).join(', ')})`
      : '',
    dims.length === 1 && last
      ? `latest ${formatDimension(time, cell(last, time))}: ${formatValue(cell(last, value), unit)}${before ? `, ${formatChange(cell(last, value), cell(before, value), unit)} on the ${time} before` : ''}`
      : '',
  ].filter((p) => p !== '');
  return `${parts.join('; ')}${total({ ...plan, dimensions: [] }, result, value)}.`;
}

function opportunities(plan: QueryPlan, result: AnswerRows, cell: Cell): string {
  if (result.rows.length === 0) return `No market opportunity matched${filtersText(plan.filters)}.`;
  const items = result.rows.map((r, i) => {
    const where =
      cell(r, 'level') === 'country'
        ? `${cell(r, 'country')} (${cell(r, 'region')})`
        : `${cell(r, 'region')}`;
    return `${i + 1}. ${cell(r, 'category')} in ${where}, score ${formatValue(cell(r, 'opportunity_score'), 'score')} (revenue ${formatValue(cell(r, 'revenue'), 'usd')}, growth ${formatValue(cell(r, 'growth_pct'), 'percent')})`;
  });
  const which = plan.rank?.direction === 'asc' ? 'weakest' : 'best';
  const level = plan.level ? `${plan.level} ` : '';
  return `The ${which} ${result.rows.length} ${level}market opportunities${filtersText(plan.filters)} over ${plan.periods[0]?.label ?? 'the last 12 months'}: ${items.join('; ')}.`;
}

/** "for last month (…)", "as of 2026-10-31", "over all data (…)". */
function when(plan: QueryPlan, period: string): string {
  if (plan.metric.time === 'snapshot') return period;
  return /^all (data|time)/.test(period) ? `over ${period}` : `for ${period}`;
}

function contextText(query: MetricQuery, row: readonly AskCell[] | undefined, cell: Cell): string {
  const extra = query.valueColumns
    .slice(1)
    .map((c) => `${formatValue(cell(row, c), unitOfColumn(c))} ${c.replace(/_/g, ' ')}`);
  return extra.length > 0 ? ` (${extra.join(', ')})` : '';
}

function share(plan: QueryPlan, result: AnswerRows, row: readonly AskCell[], value: string): string {
  if (!additive(plan) || plan.dimensions.length !== 1 || plan.rank) return '';
  const sum = result.rows.reduce((s, r) => s + Number(r[result.columns.indexOf(value)] ?? 0), 0);
  const v = Number(row[result.columns.indexOf(value)] ?? 0);
  return sum > 0 ? ` (${((v / sum) * 100).toFixed(1)}%)` : '';
}

function total(plan: QueryPlan, result: AnswerRows, value: string): string {
  if (!additive(plan) || result.truncated || (plan.dimensions.length > 0 && plan.comparison === 'values'))
    return '';
  const sum = result.rows.reduce((s, r) => s + Number(r[result.columns.indexOf(value)] ?? 0), 0);
  return `; total ${formatValue(sum, plan.metric.unit)}`;
}

/** Sums of rows add up to the whole: revenue, units, searches … but not rates, averages or distinct counts. */
function additive(plan: QueryPlan): boolean {
  return ['revenue', 'units', 'searches', 'zero_result_searches', 'payments', 'forecast'].includes(
    plan.metric.name,
  );
}

function dimensionsText(plan: QueryPlan): string {
  return plan.dimensions.map((d) => DIMENSIONS[d].label).join(' and ');
}

/** " (region EMEA, excluding channel store)". */
export function filtersText(filters: readonly PlanFilter[]): string {
  if (filters.length === 0) return '';
  const parts = filters.map(
    (f) => `${f.exclude ? 'excluding ' : ''}${DIMENSIONS[f.dimension].label} ${f.values.join(' or ')}`,
  );
  return ` (${parts.join(', ')})`;
}

function more(count: number): string {
  return count > LISTED ? ` and ${count - LISTED} more` : '';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  const s = capital(text);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
