// Hand-written SQL for the copilot corpus: the expected answers computed from the lake's own
// tables without the copilot's SQL builder, written the way an analyst would write them.

import { DEFAULT_USD_RATES } from '../../../src/systems/market-intelligence-hub/sales-lines.js';

/** The latest order day: the anchor of relative periods for sales. */
export const A = '(SELECT CAST(max(order_ts) AS DATE) FROM curated.orders)';
/** The latest search day. */
export const AS = '(SELECT CAST(max(event_ts) AS DATE) FROM curated.search_events)';
/** The latest payment day. */
export const AP = '(SELECT CAST(max(payment_ts) AS DATE) FROM compliance_guardian.fraud_scores)';
/** The day before the first forecast day: the forecast's "today". */
export const AF = '(SELECT min(date) - 1 FROM market_intelligence_hub.sales_forecast)';

const SOLD = "('placed', 'paid', 'shipped', 'delivered')";
const RATES = `(VALUES ${Object.entries(DEFAULT_USD_RATES)
  .map(([c, r]) => `('${c}', ${r})`)
  .join(', ')}) r(currency, rate)`;

/** Realised orders with their day, market, channel and segment. */
export const ORDERS = `(SELECT o.order_id, o.customer_id, o.status, CAST(o.order_ts AS DATE) AS d, o.region, o.country, o.channel,
  s.segment FROM curated.orders o LEFT JOIN demand_insights_engine.customer_segments s ON s.customer_id = o.customer_id)`;

/** Order lines of realised orders, net of line discount, in US dollars. */
export const LINES = `(SELECT o.order_id, o.customer_id, CAST(o.order_ts AS DATE) AS d, o.region, o.country, o.channel,
  p.category, i.product_id, p.name AS product, i.quantity, s.segment,
  (i.quantity * i.unit_price - i.discount) / r.rate AS usd
  FROM curated.order_items i JOIN curated.orders o ON o.order_id = i.order_id
  JOIN ${RATES} ON r.currency = o.currency
  LEFT JOIN curated.products p ON p.product_id = i.product_id
  LEFT JOIN demand_insights_engine.customer_segments s ON s.customer_id = o.customer_id
  WHERE o.status IN ${SOLD})`;

export const SOLD_STATUS = `status IN ${SOLD}`;

/** Days between two SQL date expressions, both included. */
export function between(column: string, from: string, to: string): string {
  return `${column} BETWEEN ${from} AND ${to}`;
}

export const month = (anchor: string, offset: number) =>
  `CAST(date_trunc('month', ${anchor}) + INTERVAL (${offset}) MONTH AS DATE)`;
export const monthEnd = (anchor: string, offset: number) =>
  `CAST(date_trunc('month', ${anchor}) + INTERVAL (${offset + 1}) MONTH AS DATE) - 1`;
export const weekStart = (anchor: string, offset: number) =>
  `CAST(date_trunc('week', ${anchor}) AS DATE) + ${7 * offset}`;
export const quarterStart = (anchor: string, offset: number) =>
  `CAST(date_trunc('quarter', ${anchor}) + INTERVAL (${3 * offset}) MONTH AS DATE)`;
export const yearStart = (anchor: string) => `CAST(date_trunc('year', ${anchor}) AS DATE)`;

/** The normalised search term, as shoppers' queries are grouped. */
export const TERM = "trim(regexp_replace(lower(query_text), '\\s+', ' ', 'g'))";
export const SEARCHES = `(SELECT *, CAST(event_ts AS DATE) AS d, ${TERM} AS term FROM curated.search_events
  WHERE query_text IS NOT NULL AND trim(query_text) <> '')`;
