// One row per payment with the signals fraud rules and models read: bursts on a card or
// device within minutes, cards and customers per card/device/IP within days, geography and
// account age. Amounts are compared with their currency's median, so no exchange rate is needed.
// Each window runs over a narrow table (sorting wide rows once per window was the cost), and a
// distinct count only for keys that ever saw two values: for every other key it is 1. In-store
// (card-present) payments keep their card but not their device or IP in the windows: a shop's
// terminal serves hundreds of customers by design.

import type { Engine } from '../../../ports/engine.js';
import type { SystemContext } from '../../prod-system.js';

export const PAYMENT_FEATURES = 'cg_payment_features';

/** How near in time payments must be to count together (DuckDB interval text). */
export interface FraudWindows {
  /** Card testing: attempts on one card or device. Default '10 MINUTE'. */
  readonly burst: string;
  /** One card across customers. Default '30 DAY'. */
  readonly card: string;
  /** Cards and customers on one device or IP. Default '7 DAY'. */
  readonly device: string;
}

export const DEFAULT_FRAUD_WINDOWS: FraudWindows = { burst: '10 MINUTE', card: '30 DAY', device: '7 DAY' };

const around = (key: string, window: string) =>
  `OVER (PARTITION BY ${key} ORDER BY payment_ts RANGE BETWEEN INTERVAL ${window} PRECEDING AND INTERVAL ${window} FOLLOWING)`;

/** Distinct `value`s on this payment's `key` within `window`, as a (payment_id, name) table. */
async function distinctNearby(
  engine: Engine,
  name: string,
  value: string,
  key: string,
  window: string,
): Promise<string> {
  const table = `cg_w_${name}`;
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${table} AS
    WITH shared AS (SELECT ${key} FROM cg_keys WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(DISTINCT ${value}) > 1)
    SELECT payment_id, count(DISTINCT ${value}) ${around(key, window)} AS ${name}
    FROM cg_keys SEMI JOIN shared USING (${key})`);
  return table;
}

export async function createPaymentFeaturesTable(
  context: SystemContext,
  windows: FraudWindows,
): Promise<string> {
  const { engine } = context;
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE cg_payments AS
    SELECT p.payment_id, p.order_id, p.customer_id, p.payment_ts, p.method, p.status, p.card_token, p.device_id,
           p.ip_address_token AS ip_token, p.billing_country, p.currency, CAST(p.amount AS DOUBLE) AS amount,
           o.country AS ship_country, o.order_ts, c.country AS home_country, c.created_at AS account_created_at,
           CAST(p.status = 'declined' AS INTEGER) AS declined, CAST(coalesce(o.channel = 'store', false) AS INTEGER) AS card_present
    FROM ${context.curated('payments')} p
    LEFT JOIN ${context.curated('orders')} o ON o.order_id = p.order_id
    LEFT JOIN ${context.curated('customers')} c ON c.customer_id = p.customer_id`);
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE cg_keys AS
     SELECT payment_id, order_id, customer_id, payment_ts, card_token, declined,
            CASE WHEN card_present = 0 THEN device_id END AS device_id, CASE WHEN card_present = 0 THEN ip_token END AS ip_token
     FROM cg_payments`,
  );
  const burst = (key: string, what: 'count(*)' | 'sum(declined)') =>
    `CASE WHEN ${key} IS NULL THEN ${what === 'count(*)' ? '1' : 'declined'} ELSE ${what} ${around(key, windows.burst)} END`;
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE cg_w_bursts AS
    SELECT payment_id, ${burst('device_id', 'count(*)')} AS device_burst, ${burst('device_id', 'sum(declined)')} AS device_burst_declines,
           ${burst('card_token', 'count(*)')} AS card_burst, ${burst('card_token', 'sum(declined)')} AS card_burst_declines,
           count(*) OVER (PARTITION BY order_id) AS order_attempts, sum(declined) OVER (PARTITION BY order_id) AS order_declines
    FROM cg_keys`);
  const distinct = [
    await distinctNearby(engine, 'card_customers', 'customer_id', 'card_token', windows.card),
    await distinctNearby(engine, 'device_cards', 'card_token', 'device_id', windows.device),
    await distinctNearby(engine, 'device_customers', 'customer_id', 'device_id', windows.device),
    await distinctNearby(engine, 'ip_customers', 'customer_id', 'ip_token', windows.device),
    await distinctNearby(engine, 'ip_cards', 'card_token', 'ip_token', windows.device),
  ];
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${PAYMENT_FEATURES} AS
    WITH medians AS (SELECT currency, median(amount) AS median_amount FROM cg_payments WHERE amount > 0 GROUP BY currency),
    ship_share AS (
      SELECT customer_id, country AS ship_country, count(*) / sum(count(*)) OVER (PARTITION BY customer_id) AS share
      FROM ${context.curated('orders')} WHERE country IS NOT NULL GROUP BY customer_id, country
    ),
    first_orders AS (SELECT customer_id, min(order_ts) AS first_order_ts FROM ${context.curated('orders')} GROUP BY customer_id)
    SELECT p.payment_id, p.order_id, p.customer_id, p.payment_ts, p.card_token, p.device_id, p.ip_token, p.status, p.declined,
           p.billing_country, p.ship_country, p.home_country, p.card_present,
           p.amount / nullif(m.median_amount, 0) AS amount_ratio,
           b.order_attempts, b.order_declines, b.device_burst, b.device_burst_declines, b.card_burst, b.card_burst_declines,
           coalesce(cc.card_customers, 1) AS card_customers, coalesce(dc.device_cards, 1) AS device_cards,
           coalesce(du.device_customers, 1) AS device_customers, coalesce(iu.ip_customers, 1) AS ip_customers,
           coalesce(ic.ip_cards, 1) AS ip_cards,
           CAST(coalesce(p.billing_country <> p.ship_country, false) AS INTEGER) AS billing_mismatch,
           CAST(coalesce(p.ship_country <> p.home_country, false) AS INTEGER) AS ship_abroad,
           coalesce(s.share, 1) AS ship_country_share,
           greatest(date_diff('minute', p.account_created_at, p.order_ts), 0) / 60.0 AS account_age_hours,
           CAST(p.order_ts = f.first_order_ts AS INTEGER) AS first_order,
           p.status = 'chargeback' AS chargeback
    FROM cg_payments p
    LEFT JOIN medians m ON m.currency = p.currency
    JOIN cg_w_bursts b ON b.payment_id = p.payment_id
    LEFT JOIN ${distinct[0]} cc ON cc.payment_id = p.payment_id
    LEFT JOIN ${distinct[1]} dc ON dc.payment_id = p.payment_id
    LEFT JOIN ${distinct[2]} du ON du.payment_id = p.payment_id
    LEFT JOIN ${distinct[3]} iu ON iu.payment_id = p.payment_id
    LEFT JOIN ${distinct[4]} ic ON ic.payment_id = p.payment_id
    LEFT JOIN ship_share s ON s.customer_id = p.customer_id AND s.ship_country = p.ship_country
    LEFT JOIN first_orders f ON f.customer_id = p.customer_id`);
  for (const table of ['cg_keys', 'cg_w_bursts', ...distinct]) await engine.run(`DROP TABLE ${table}`);
  return PAYMENT_FEATURES;
}
