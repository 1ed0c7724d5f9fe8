// SQL for revenue, orders, average order value, units, customers and revenue per customer.
// Sales are defined once, as market-intelligence-hub defines them (sales-lines.ts): realised
// orders, net item value, US dollars at the reference rates. Questions the published
// daily_sales table answers read it (day × category × region, a few thousand rows); the rest
// (channel, country, segment, product, customer) read the curated orders and their items.

import {
  DEFAULT_USD_RATES,
  REALISED_ORDER_STATUSES,
} from '../../systems/market-intelligence-hub/sales-lines.js';
import {
  type Column,
  dateRange,
  filterSql,
  literal,
  type MetricQuery,
  type MetricQueryBuilder,
  selectSql,
  timeBucket,
  timestampRange,
} from './metric-query.js';
import type { PlannedPeriod, QueryPlan } from './query-plan.js';
import { type DimensionName, isTimeDimension } from './semantic-dimensions.js';
import type { MetricName } from './semantic-metrics.js';

const DAILY_SALES = 'market_intelligence_hub.daily_sales';
const FAST_DIMENSIONS: ReadonlySet<DimensionName> = new Set([
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'category',
  'region',
]);

/** The SQL for a sales metric over one period. */
export const salesQuery: MetricQueryBuilder = (plan, period, facts) => {
  if (plan.metric.name === 'new_customers') return newCustomersQuery(plan, period);
  return facts.tables.has(DAILY_SALES) && fromDailySales(plan)
    ? dailySalesQuery(plan, period)
    : curatedQuery(plan, period);
};

/**
 * daily_sales holds orders per category: they add up over days and regions but not over
 * categories (an order buying in two counts in both), so order counts come from it only when
 * the answer is per category or for one category.
 */
function fromDailySales(plan: QueryPlan): boolean {
  const metric = plan.metric.name;
  if (!['revenue', 'units', 'orders', 'aov'].includes(metric)) return false;
  if (!plan.dimensions.every((d) => FAST_DIMENSIONS.has(d))) return false;
  if (!plan.filters.every((f) => f.dimension === 'category' || f.dimension === 'region')) return false;
  if (metric === 'revenue' || metric === 'units') return true;
  const oneCategory = plan.filters.some(
    (f) => f.dimension === 'category' && !f.exclude && f.values.length === 1,
  );
  return plan.dimensions.includes('category') || oneCategory;
}

const DAILY_VALUES: Readonly<Partial<Record<MetricName, string>>> = {
  revenue: 'coalesce(round(sum(revenue), 2), 0)',
  units: 'coalesce(sum(units), 0)',
  orders: 'coalesce(sum(orders), 0)',
  aov: 'round(sum(revenue) / nullif(sum(orders), 0), 2)',
};

function dailySalesQuery(plan: QueryPlan, period: PlannedPeriod): MetricQuery {
  const dimension = (d: DimensionName): Column => {
    if (isTimeDimension(d)) return { expr: timeBucket(d, 'date'), name: d };
    if (d === 'category' || d === 'region') return { expr: d, name: d };
    throw new Error(`daily_sales has no ${d}.`);
  };
  return selectSql({
    dimensions: plan.dimensions.map(dimension),
    values: [{ expr: DAILY_VALUES[plan.metric.name] ?? 'NULL', name: plan.metric.name }],
    from: DAILY_SALES,
    where: [dateRange('date', period), ...plan.filters.map((f) => filterSql(f.dimension, f))],
  });
}

/** Metrics that need no item: counted on the orders alone. */
const ORDER_GRAIN: ReadonlySet<MetricName> = new Set(['orders', 'customers']);
const LINE_VALUES: Readonly<Partial<Record<MetricName, string>>> = {
  revenue: 'coalesce(round(sum(net_usd), 2), 0)',
  units: 'coalesce(sum(quantity), 0)',
  orders: 'count(DISTINCT order_id)',
  aov: 'round(sum(net_usd) / nullif(count(DISTINCT order_id), 0), 2)',
  customers: 'count(DISTINCT customer_id)',
  revenue_per_customer: 'round(sum(net_usd) / nullif(count(DISTINCT customer_id), 0), 2)',
};
const ORDER_VALUES: Readonly<Partial<Record<MetricName, string>>> = {
  orders: 'count(*)',
  customers: 'count(DISTINCT customer_id)',
};

function curatedQuery(plan: QueryPlan, period: PlannedPeriod): MetricQuery {
  const uses = (d: DimensionName) =>
    plan.dimensions.includes(d) || plan.filters.some((f) => f.dimension === d);
  const needsLines = !ORDER_GRAIN.has(plan.metric.name) || uses('category') || uses('product');
  // Every filter lands on one side: categories on the lines, the rest on the orders.
  const lineFilters = plan.filters.filter((f) => f.dimension === 'category');
  const orderFilters = plan.filters.filter((f) => f.dimension !== 'category');
  const segments = uses('segment')
    ? `\n  LEFT JOIN demand_insights_engine.customer_segments seg ON seg.customer_id = o.customer_id`
    : '';
  const sold = `sold AS (
  SELECT o.order_id, o.customer_id, CAST(o.order_ts AS DATE) AS day,
         coalesce(o.region, 'unknown') AS region, coalesce(o.country, 'unknown') AS country,
         coalesce(o.channel, 'unknown') AS channel, o.status,${segments ? " coalesce(seg.segment, 'unassigned') AS segment," : ''}
         CAST(r.per_usd AS DECIMAL(18,6)) AS per_usd
  FROM curated.orders o
  JOIN usd_rates r ON r.currency = o.currency${segments}
  WHERE ${
    // Naming a status counts orders in every status; otherwise only realised sales count.
    uses('status') ? '' : `o.status IN (${REALISED_ORDER_STATUSES.map(literal).join(', ')})\n    AND `
  }${timestampRange('o.order_ts', period)}${orderFilters.map((f) => `\n    AND ${filterSql(orderColumn(f.dimension), f)}`).join('')})`;
  const ctes = [ratesCte(), sold];
  if (needsLines) {
    ctes.push(`lines AS (
  SELECT s.*, i.product_id, coalesce(p.name, 'product ' || i.product_id) AS product,
         coalesce(p.category, 'unknown') AS category, i.quantity,
         CAST(CAST(i.quantity * i.unit_price - i.discount AS DECIMAL(18,2)) / s.per_usd AS DECIMAL(18,6)) AS net_usd
  FROM curated.order_items i
  JOIN sold s ON s.order_id = i.order_id
  LEFT JOIN curated.products p ON p.product_id = i.product_id)`);
  }
  const values = needsLines ? LINE_VALUES : ORDER_VALUES;
  return selectSql({
    with: ctes,
    dimensions: plan.dimensions.flatMap(curatedDimension),
    values: [{ expr: values[plan.metric.name] ?? 'NULL', name: plan.metric.name }],
    from: needsLines ? 'lines' : 'sold',
    where: lineFilters.map((f) => filterSql(f.dimension, f)),
  });
}

/** Customers by their first realised order: its day, market and channel. */
function newCustomersQuery(plan: QueryPlan, period: PlannedPeriod): MetricQuery {
  const firsts = `firsts AS (
  SELECT o.customer_id, min(o.order_ts) AS first_ts,
         arg_min(coalesce(o.region, 'unknown'), o.order_ts) AS region,
         arg_min(coalesce(o.country, 'unknown'), o.order_ts) AS country,
         arg_min(coalesce(o.channel, 'unknown'), o.order_ts) AS channel
  FROM curated.orders o
  JOIN usd_rates r ON r.currency = o.currency
  WHERE o.status IN (${REALISED_ORDER_STATUSES.map(literal).join(', ')})
  GROUP BY o.customer_id)`;
  const dimension = (d: DimensionName): Column => {
    if (isTimeDimension(d)) return { expr: timeBucket(d, 'CAST(first_ts AS DATE)'), name: d };
    if (d === 'region' || d === 'country' || d === 'channel') return { expr: d, name: d };
    throw new Error(`New customers cannot use ${d}.`);
  };
  return selectSql({
    with: [ratesCte(), firsts],
    dimensions: plan.dimensions.map(dimension),
    values: [{ expr: 'count(*)', name: 'new_customers' }],
    from: 'firsts',
    where: [
      timestampRange('first_ts', period),
      ...plan.filters.map((f) => filterSql(dimension(f.dimension).expr, f)),
    ],
  });
}

function ratesCte(): string {
  const rates = Object.entries(DEFAULT_USD_RATES)
    .map(([currency, rate]) => `(${literal(currency)}, ${rate})`)
    .join(', ');
  return `usd_rates(currency, per_usd) AS (VALUES ${rates})`;
}

function orderColumn(dimension: DimensionName): string {
  switch (dimension) {
    case 'segment':
      return "coalesce(seg.segment, 'unassigned')";
    case 'status':
      return 'o.status';
    case 'region':
    case 'country':
    case 'channel':
      return `coalesce(o.${dimension}, 'unknown')`;
    default:
      // The planner only lets a metric's own filters through; reaching here is a bug, not a question.
      throw new Error(`Sales queries cannot filter by ${dimension}.`);
  }
}

function curatedDimension(d: DimensionName): Column[] {
  switch (d) {
    case 'day':
    case 'week':
    case 'month':
    case 'quarter':
    case 'year':
      return [{ expr: timeBucket(d, 'day'), name: d }];
    case 'product':
      return [
        { expr: 'product_id', name: 'product_id' },
        { expr: 'product', name: 'product' },
      ];
    case 'customer':
      return [{ expr: 'customer_id', name: 'customer_id' }];
    case 'category':
    case 'region':
    case 'country':
    case 'channel':
    case 'segment':
    case 'status':
      return [{ expr: d, name: d }];
    default:
      throw new Error(`Sales queries cannot break down by ${d}.`);
  }
}
