// fraud_alerts: the fired signals grouped the way an analyst works them: one alert per card
// for a card across customers, per device (or IP) for shared devices, per order for a card-
// testing burst, per payment otherwise. detected_at is when the pattern became visible in the
// data (its latest payment), so re-running over the same lake gives the same alerts.

import type { Engine } from '../../../ports/engine.js';
import { FRAUD_SCORES, FRAUD_SIGNALS } from './fraud-scores-table.js';

export const FRAUD_ALERTS = 'cg_fraud_alerts';

export async function createFraudAlertsTable(engine: Engine): Promise<string> {
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${FRAUD_ALERTS} AS
    WITH grouped AS (
      SELECT g.pattern, g.key_kind, g.key_value,
             count(DISTINCT g.payment_id) AS payments, count(DISTINCT s.customer_id) AS customers,
             min(s.payment_ts) AS first_seen_at, max(s.payment_ts) AS detected_at, max(s.fraud_score) AS max_score,
             arg_max(g.reason, s.fraud_score) AS detail,
             CASE WHEN count(DISTINCT g.payment_id) = 1 THEN min(g.payment_id) END AS payment_id,
             CASE WHEN count(DISTINCT s.card_token) = 1 THEN min(s.card_token) END AS card_token,
             min(s.device_id) AS device_id,
             list(DISTINCT g.payment_id ORDER BY g.payment_id) AS payment_ids
      FROM ${FRAUD_SIGNALS} g JOIN ${FRAUD_SCORES} s USING (payment_id)
      GROUP BY g.pattern, g.key_kind, g.key_value
    )
    -- Letters only (hex digits shifted to g-p), so an id never looks like a card number to a scanner.
    SELECT translate(substr(md5(pattern || ':' || key_kind || ':' || coalesce(key_value, '')), 1, 16), '0123456789', 'ghijklmnop') AS alert_id,
           payment_id, card_token, device_id, pattern,
           CASE WHEN max_score >= 0.9 THEN 'critical' WHEN max_score >= 0.7 THEN 'high' WHEN max_score >= 0.4 THEN 'medium' ELSE 'low' END AS severity,
           detected_at, first_seen_at, CAST(payments AS INTEGER) AS payments, CAST(customers AS INTEGER) AS customers,
           round(max_score, 4) AS max_fraud_score, key_kind AS grouped_by, key_value AS group_key, detail,
           array_to_string(list_transform(list_slice(payment_ids, 1, 50), x -> CAST(x AS VARCHAR)), ',') AS payment_ids
    FROM grouped`);
  return FRAUD_ALERTS;
}
