// customer_risk: a customer is as risky as their riskiest payment, and at least moderately
// risky once a payment of theirs was charged back; drivers say what fired and how often.

import type { Engine } from '../../../ports/engine.js';
import { FRAUD_SCORES, FRAUD_SIGNALS, riskLevelSql } from './fraud-scores-table.js';

export const CUSTOMER_RISK = 'cg_customer_risk';

export async function createCustomerRiskTable(engine: Engine): Promise<string> {
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${CUSTOMER_RISK} AS
    WITH payments AS (
      SELECT customer_id, max(fraud_score) AS max_score, count(*) AS payments,
             count(*) FILTER (WHERE status = 'chargeback') AS chargebacks,
             count(*) FILTER (WHERE risk_level = 'high') AS high_risk_payments
      FROM ${FRAUD_SCORES} WHERE customer_id IS NOT NULL GROUP BY customer_id
    ),
    signal_counts AS (
      SELECT s.customer_id, g.pattern, count(DISTINCT g.payment_id) AS n
      FROM ${FRAUD_SIGNALS} g JOIN ${FRAUD_SCORES} s USING (payment_id)
      GROUP BY s.customer_id, g.pattern
    ),
    drivers AS (
      SELECT customer_id, string_agg(pattern || ' ×' || n, '; ' ORDER BY n DESC, pattern) AS drivers
      FROM signal_counts GROUP BY customer_id
    ),
    scored AS (
      SELECT p.*, greatest(p.max_score, CASE WHEN p.chargebacks > 0 THEN least(1, 0.5 + 0.1 * p.chargebacks) ELSE 0 END) AS risk_score, d.drivers
      FROM payments p LEFT JOIN drivers d USING (customer_id)
    )
    SELECT customer_id, round(risk_score, 4) AS risk_score, ${riskLevelSql('risk_score')} AS risk_level,
           concat_ws('; ', drivers, CASE WHEN chargebacks > 0 THEN 'chargebacks ×' || chargebacks END) AS drivers,
           CAST(payments AS INTEGER) AS payments, CAST(high_risk_payments AS INTEGER) AS high_risk_payments,
           CAST(chargebacks AS INTEGER) AS chargebacks, round(max_score, 4) AS max_payment_score
    FROM scored`);
  return CUSTOMER_RISK;
}
