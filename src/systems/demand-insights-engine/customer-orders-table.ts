// The one view of orders every model here reads: per order its customer, day, channel, status
// and value in the reporting currency. Cancelled orders stay (churn features count them) but
// are no purchase; returned orders are a purchase without revenue.

import { literal } from '../../stages/curate/sql-text.js';
import type { SystemContext } from '../prod-system.js';
import { REPORTING_CURRENCY } from './reference-exchange-rates.js';

export const CUSTOMER_ORDERS = 'die_customer_orders';

/** SQL predicates over CUSTOMER_ORDERS, shared so that every table agrees on them. */
export const IS_PURCHASE = "status <> 'cancelled'";
export const IS_REVENUE = "status NOT IN ('cancelled', 'returned')";

export async function createCustomerOrdersTable(
  context: SystemContext,
  currencyPerUsd: Readonly<Record<string, number>>,
): Promise<string> {
  const { engine } = context;
  const rates = Object.entries(currencyPerUsd).map(
    ([code, rate]) => `(${literal(code.toUpperCase())}, ${Number(rate)})`,
  );
  await engine.run(`CREATE OR REPLACE TEMP TABLE die_fx_given (currency VARCHAR, per_usd DOUBLE)`);
  if (rates.length > 0) await engine.run(`INSERT INTO die_fx_given VALUES ${rates.join(', ')}`);
  // A currency without a given rate is scaled by its median order against the reporting currency's.
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE die_fx AS
    WITH medians AS (
      SELECT currency, median(CAST(total_amount AS DOUBLE)) AS median_total
      FROM ${context.curated('orders')} WHERE total_amount > 0 GROUP BY currency
    ),
    reference AS (SELECT coalesce(max(median_total), 1) AS median_total FROM medians WHERE currency = ${literal(REPORTING_CURRENCY)})
    SELECT m.currency, coalesce(g.per_usd, m.median_total / nullif(r.median_total, 0), 1) AS per_usd, g.per_usd IS NULL AS implied
    FROM medians m CROSS JOIN reference r LEFT JOIN die_fx_given g USING (currency)`);
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${CUSTOMER_ORDERS} AS
    SELECT o.customer_id, o.order_id, o.order_ts, CAST(o.order_ts AS DATE) AS order_day, o.status, o.channel,
           CAST(o.total_amount AS DOUBLE) / coalesce(fx.per_usd, 1) AS amount_usd
    FROM ${context.curated('orders')} o LEFT JOIN die_fx fx USING (currency)
    WHERE o.customer_id IS NOT NULL AND CAST(o.order_ts AS DATE) <= DATE ${literal(context.asOf)}`);
  return CUSTOMER_ORDERS;
}

/** Currencies whose rate was implied rather than given, for the log. */
export async function impliedCurrencies(context: SystemContext): Promise<string[]> {
  const rows = await context.engine.query('SELECT currency FROM die_fx WHERE implied ORDER BY currency');
  return rows.map((r) => String(r.currency));
}
