// fraud_scores: rules, the chargeback model and the isolation forest folded into one 0–1 score.
// Each source is read as a probability of fraud and they combine as independent evidence,
// 1 − Π(1 − p): a payment flagged by two rules scores above one flagged by either, and no
// single source can lower what another found. Signals land in cg_fraud_signals (one row per
// payment and signal), which alerts and customer risk group in their own ways.

import type { Engine } from '../../../ports/engine.js';
import { literal } from '../../../stages/curate/sql-text.js';
import { type ChargebackModel, chargebackProbabilitySql } from './chargeback-model.js';
import { FRAUD_RULES } from './fraud-rules.js';
import { PAYMENT_FEATURES } from './payment-features-table.js';

export const FRAUD_SCORES = 'cg_fraud_scores';
export const FRAUD_SIGNALS = 'cg_fraud_signals';

export const RISK_LEVELS = { medium: 0.4, high: 0.7 } as const;
/**
 * Isolation scores bunch differently on every data set, so they count by rank: the most
 * isolated ANOMALY_TOP_SHARE of payments get evidence rising to ANOMALY_WEIGHT, and the top
 * ANOMALY_REASON_SHARE get a reason and an alert.
 */
const ANOMALY_TOP_SHARE = 0.05;
const ANOMALY_WEIGHT = 0.5;
const ANOMALY_REASON_SHARE = 0.01;
/** The chargeback model becomes a reason (and an alert) from this probability up. */
const MODEL_REASON_FROM = 0.5;

export function riskLevelSql(score: string): string {
  return `CASE WHEN ${score} >= ${RISK_LEVELS.high} THEN 'high' WHEN ${score} >= ${RISK_LEVELS.medium} THEN 'medium' ELSE 'low' END`;
}

export async function createFraudScoresTable(
  engine: Engine,
  input: { readonly anomalies: string; readonly model: ChargebackModel | undefined },
): Promise<string> {
  const modelP = input.model ? chargebackProbabilitySql(input.model) : '0';
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE cg_scored AS
    WITH learned AS (
      SELECT f.payment_id, ${modelP} AS model_probability, coalesce(a.anomaly_score, 0) AS anomaly_score
      FROM ${PAYMENT_FEATURES} f LEFT JOIN ${input.anomalies} a USING (payment_id)
    ),
    ranked AS (SELECT *, percent_rank() OVER (ORDER BY anomaly_score) AS anomaly_rank FROM learned)
    SELECT *, ${ANOMALY_WEIGHT} * greatest(0, (anomaly_rank - ${1 - ANOMALY_TOP_SHARE}) / ${ANOMALY_TOP_SHARE}) AS anomaly_probability
    FROM ranked`);

  const ruleSignals = FRAUD_RULES.map(
    (
      rule,
    ) => `SELECT payment_id, ${literal(rule.name)} AS signal, ${literal(rule.pattern)} AS pattern, ${rule.strength} AS strength, ${rule.reason} AS reason,
       ${literal(rule.alertKey)} AS key_kind, CAST(${rule.alertKey === 'device_id' ? 'coalesce(device_id, ip_token)' : rule.alertKey} AS VARCHAR) AS key_value
     FROM ${PAYMENT_FEATURES} WHERE ${rule.condition}`,
  );
  const learned = [
    `SELECT payment_id, 'chargeback_model', 'model', model_probability, 'model: resembles past chargebacks (p = ' || printf('%.2f', model_probability) || ')', 'payment_id', CAST(payment_id AS VARCHAR) FROM cg_scored WHERE model_probability >= ${MODEL_REASON_FROM}`,
    `SELECT payment_id, 'isolation_forest', 'anomaly', anomaly_probability, 'anomaly: among the ${ANOMALY_REASON_SHARE * 100}% most unusual payments (isolation score ' || printf('%.2f', anomaly_score) || ')', 'payment_id', CAST(payment_id AS VARCHAR) FROM cg_scored WHERE anomaly_rank >= ${1 - ANOMALY_REASON_SHARE}`,
  ];
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${FRAUD_SIGNALS} AS ${[...ruleSignals, ...learned].join(' UNION ALL ')}`,
  );

  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${FRAUD_SCORES} AS
    WITH rules AS (
      SELECT payment_id, 1 - product(1 - strength) AS rule_score
      FROM ${FRAUD_SIGNALS} WHERE pattern NOT IN ('model', 'anomaly') GROUP BY payment_id
    ),
    reasons AS (
      SELECT payment_id, string_agg(reason, '; ' ORDER BY strength DESC, signal) AS reasons, string_agg(signal, ',' ORDER BY signal) AS signals
      FROM ${FRAUD_SIGNALS} GROUP BY payment_id
    ),
    combined AS (
      SELECT f.payment_id, f.order_id, f.customer_id, f.payment_ts, f.card_token, f.device_id, f.status,
             coalesce(r.rule_score, 0) AS rule_score, s.model_probability, s.anomaly_score,
             1 - (1 - coalesce(r.rule_score, 0)) * (1 - s.model_probability) * (1 - s.anomaly_probability) AS score
      FROM ${PAYMENT_FEATURES} f JOIN cg_scored s USING (payment_id) LEFT JOIN rules r USING (payment_id)
    )
    SELECT c.payment_id, c.order_id, c.customer_id, round(c.score, 4) AS fraud_score, ${riskLevelSql('c.score')} AS risk_level,
           coalesce(x.reasons, '') AS reasons, coalesce(x.signals, '') AS signals,
           round(c.rule_score, 4) AS rule_score, round(c.model_probability, 4) AS model_probability, round(c.anomaly_score, 4) AS anomaly_score,
           c.payment_ts, c.card_token, c.device_id, c.status
    FROM combined c LEFT JOIN reasons x USING (payment_id)`);
  await engine.run('DROP TABLE cg_scored');
  return FRAUD_SCORES;
}
