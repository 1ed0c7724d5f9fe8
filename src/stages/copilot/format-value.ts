// Numbers and labels as an answer says them: "$1,234.56", "12,345", "3.45%", "week of 2026-10-26".

import type { AskCell } from './ask-answer.js';
import type { MetricUnit } from './semantic-metrics.js';

const COUNT_COLUMNS = new Set([
  'orders',
  'units',
  'customers',
  'new_customers',
  'payments',
  'high_risk_payments',
  'searches',
  'zero_result_searches',
]);
const USD_COLUMNS = new Set([
  'revenue',
  'aov',
  'revenue_per_customer',
  'clv',
  'forecast',
  'lower_80',
  'upper_80',
]);
const RATE_COLUMNS = new Set(['churn_rate', 'fraud_rate', 'zero_result_rate']);

/** The unit of a result column, by its name. */
export function unitOfColumn(column: string): MetricUnit | 'percent' | undefined {
  const base = column.replace(/_previous$/, '');
  if (COUNT_COLUMNS.has(base)) return 'count';
  if (USD_COLUMNS.has(base)) return 'usd';
  if (RATE_COLUMNS.has(base)) return 'rate';
  if (base === 'opportunity_score') return 'score';
  if (base === 'change_pct' || base === 'growth_pct') return 'percent';
  return undefined;
}

/** A number in its unit; "no data" for a missing value. */
export function formatValue(value: AskCell | undefined, unit: MetricUnit | 'percent' | undefined): string {
  if (value === null || value === undefined || value === '') return 'no data';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (unit) {
    case 'usd':
      return `${n < 0 ? '−' : ''}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'count':
      return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
    case 'rate':
      return `${(n * 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
    case 'percent':
      return `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
    default:
      return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
}

/** A change between two values in the metric's unit: "up $1,200.00 (+4.1%)". */
export function formatChange(
  current: AskCell | undefined,
  previous: AskCell | undefined,
  unit: MetricUnit,
): string {
  const c = Number(current);
  const p = Number(previous);
  if (current === null || previous === null || !Number.isFinite(c) || !Number.isFinite(p))
    return 'not comparable (a period has no data)';
  const diff = c - p;
  if (diff === 0) return 'unchanged';
  const direction = diff > 0 ? 'up' : 'down';
  const amount =
    unit === 'rate'
      ? `${(Math.abs(diff) * 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} percentage points`
      : formatValue(Math.abs(diff), unit);
  const pct = p !== 0 ? ` (${formatValue((diff / Math.abs(p)) * 100, 'percent')})` : '';
  return `${direction} ${amount}${pct}`;
}

/** A dimension value as a person reads it. */
export function formatDimension(column: string, value: AskCell | undefined): string {
  if (value === null || value === undefined) return '(none)';
  const text = String(value);
  if (column === 'month') return text.slice(0, 7);
  if (column === 'year') return text.slice(0, 4);
  if (column === 'quarter')
    return `${text.slice(0, 4)} Q${Math.floor((Number(text.slice(5, 7)) - 1) / 3) + 1}`;
  if (column === 'week') return `week of ${text}`;
  if (column === 'customer_id') return `customer ${text}`;
  return text;
}
