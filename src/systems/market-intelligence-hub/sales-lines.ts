// The one definition of "sales" that the prod systems share: order lines of orders that were
// not cancelled or returned, valued net of line discounts (before tax and shipping), converted
// to US dollars with a fixed rate table so that every market adds up in one currency.

import type { SystemContext } from '../prod-system.js';

/**
 * Statuses whose orders count as sales. Cancelled orders never turned into revenue and returned
 * ones gave it back; `placed` counts because the lake's latest days would otherwise look empty.
 */
export const REALISED_ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered'] as const;

/**
 * Units of each order currency per US dollar: a fixed table, not the day's market rate, so
 * that a month's revenue does not change when it is recomputed and growth reflects sales, not
 * FX moves. Override with the system setting `usdRates`. Lines in a currency missing here are
 * left out (and counted in the log).
 */
export const DEFAULT_USD_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  CAD: 1.36,
  GBP: 0.79,
  EUR: 0.92,
  JPY: 150,
  AUD: 1.52,
  INR: 83,
  MXN: 17.2,
  BRL: 5.1,
  COP: 3950,
};

export const SALES_LINES = 'sales_lines';

/** Reads `settings.usdRates` when it is a map of positive numbers, else the default table. */
export function usdRatesFrom(settings: Readonly<Record<string, unknown>>): Readonly<Record<string, number>> {
  const rates = settings.usdRates;
  if (typeof rates !== 'object' || rates === null) return DEFAULT_USD_RATES;
  const entries = Object.entries(rates).filter(
    (e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0,
  );
  return entries.length > 0
    ? Object.fromEntries(entries.map(([c, r]) => [c.toUpperCase(), r]))
    : DEFAULT_USD_RATES;
}

/**
 * Creates the temp table `sales_lines`: one row per order line with its order's day (UTC),
 * market and customer, the product's category (`unknown` when the product is not curated) and
 * `net_usd`, exact to 6 decimals so that sums do not depend on the order they are added in.
 * Only the columns the systems group by: at a million orders every extra column costs seconds.
 */
export async function createSalesLines(
  context: SystemContext,
): Promise<{ readonly unconvertedLines: number }> {
  const { engine } = context;
  const rates = Object.entries(usdRatesFrom(context.settings));
  const statuses = REALISED_ORDER_STATUSES.map((s) => `'${s}'`).join(', ');
  await engine.run(`CREATE OR REPLACE TEMP TABLE usd_rates (currency VARCHAR, per_usd DECIMAL(18,6))`);
  await engine.append('usd_rates', rates);
  // Orders take their rate (and lose their unsold statuses) before they meet the lines: the
  // join then carries one narrow row per order instead of converting per line and filtering late.
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${SALES_LINES} AS
    WITH sold AS (
      SELECT o.order_id, o.customer_id, CAST(o.order_ts AS DATE) AS date,
             coalesce(o.region, 'unknown') AS region, coalesce(o.country, 'unknown') AS country, r.per_usd
      FROM ${context.curated('orders')} o LEFT JOIN usd_rates r ON r.currency = o.currency
      WHERE o.status IN (${statuses})),
    categories AS (SELECT product_id, category FROM ${context.curated('products')})
    SELECT i.order_id, o.customer_id, o.date, o.region, o.country, i.product_id,
           coalesce(p.category, 'unknown') AS category, i.quantity,
           CAST(CAST(i.quantity * i.unit_price - i.discount AS DECIMAL(18,2)) / o.per_usd AS DECIMAL(18,6)) AS net_usd
    FROM ${context.curated('order_items')} i
    JOIN sold o ON o.order_id = i.order_id
    LEFT JOIN categories p ON p.product_id = i.product_id`);
  const unconverted = Number(
    (await engine.query(`SELECT count(*) AS n FROM ${SALES_LINES} WHERE net_usd IS NULL`))[0]?.n ?? 0,
  );
  if (unconverted > 0) {
    context.logger.warn('sales.lines.unconverted', {
      lines: unconverted,
      hint: 'add the currency to the usdRates setting',
    });
    await engine.run(`DELETE FROM ${SALES_LINES} WHERE net_usd IS NULL`);
  }
  return { unconvertedLines: unconverted };
}
