// The shape every metric family's SQL builder returns, and the small pieces of SQL text they
// share: quoting, filters, date ranges and assembling one SELECT.

import { addDays } from './calendar-dates.js';
import type { LakeFacts } from './lake-facts.js';
import type { PlanFilter, PlannedPeriod, QueryPlan } from './query-plan.js';
import type { TimeDimension } from './semantic-dimensions.js';

/** One SELECT whose columns are the dimension columns, then the value columns. */
export interface MetricQuery {
  readonly sql: string;
  readonly dimensionColumns: readonly string[];
  /** The metric's own column first, then context columns (e.g. the customers behind a rate). */
  readonly valueColumns: readonly string[];
  /** Descriptive columns after the values (an opportunity's rationale). */
  readonly extraColumns?: readonly string[];
  /** The statement orders and limits its rows itself. */
  readonly ordered?: boolean;
}

export type MetricQueryBuilder = (plan: QueryPlan, period: PlannedPeriod, facts: LakeFacts) => MetricQuery;

export interface Column {
  readonly expr: string;
  readonly name: string;
}

/** A SQL string literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `expr = 'x'`, `expr IN ('x', 'y')`, or their negations. */
export function filterSql(expr: string, filter: PlanFilter): string {
  const values = filter.values.map(literal);
  if (values.length === 1) return `${expr} ${filter.exclude ? '<>' : '='} ${values[0]}`;
  return `${expr} ${filter.exclude ? 'NOT IN' : 'IN'} (${values.join(', ')})`;
}

/** The period on a TIMESTAMP column, written so Parquet statistics can skip row groups. */
export function timestampRange(column: string, period: PlannedPeriod): string {
  return `${column} >= TIMESTAMP '${period.from} 00:00:00' AND ${column} < TIMESTAMP '${addDays(period.to, 1)} 00:00:00'`;
}

/** The period on a DATE column. */
export function dateRange(column: string, period: PlannedPeriod): string {
  return `${column} BETWEEN DATE '${period.from}' AND DATE '${period.to}'`;
}

/** The expression that buckets a DATE column into days, weeks (from Monday), months, quarters or years. */
export function timeBucket(dimension: TimeDimension, dateExpr: string): string {
  return dimension === 'day' ? dateExpr : `CAST(date_trunc('${dimension}', ${dateExpr}) AS DATE)`;
}

export interface SelectParts {
  readonly with?: readonly string[];
  readonly dimensions: readonly Column[];
  readonly values: readonly Column[];
  readonly extra?: readonly Column[];
  readonly from: string;
  readonly where?: readonly string[];
  readonly having?: string;
}

/** Assembles one SELECT … GROUP BY from its parts. */
export function selectSql(parts: SelectParts): MetricQuery {
  const columns = [...parts.dimensions, ...parts.values, ...(parts.extra ?? [])].map((c) =>
    c.expr === c.name ? c.name : `${c.expr} AS ${c.name}`,
  );
  const lines = [
    ...(parts.with && parts.with.length > 0 ? [`WITH ${parts.with.join(',\n')}`] : []),
    `SELECT ${columns.join(', ')}`,
    `FROM ${parts.from}`,
    ...(parts.where && parts.where.length > 0 ? [`WHERE ${parts.where.join('\n  AND ')}`] : []),
    ...(parts.dimensions.length > 0 ? [`GROUP BY ${parts.dimensions.map((_, i) => i + 1).join(', ')}`] : []),
    ...(parts.having ? [`HAVING ${parts.having}`] : []),
  ];
  return {
    sql: lines.join('\n'),
    dimensionColumns: parts.dimensions.map((c) => c.name),
    valueColumns: parts.values.map((c) => c.name),
    extraColumns: (parts.extra ?? []).map((c) => c.name),
  };
}
