// The supervised half of fraud scoring: a logistic regression on the only labels there are,
// payments later charged back. Measured on a time split (trained on the older 70% of
// payments, scored on the newer 30%), then refitted on all of them with every chargeback and
// a hashed sample of the rest; the intercept is corrected for that sampling.

import type { Engine, Row } from '../../../ports/engine.js';
import { areaUnderRoc, precisionAtK } from '../../demand-insights-engine/model/area-under-roc.js';
import {
  fitLogisticClassifier,
  type LogisticClassifier,
  logOddsSql,
} from '../../demand-insights-engine/model/logistic-classifier.js';
import { FRAUD_MODEL_FEATURES, fraudFeatureRow, fraudFeatureSelectSql } from './fraud-model-features.js';
import { PAYMENT_FEATURES } from './payment-features-table.js';

export interface ChargebackModel {
  readonly model: LogisticClassifier;
  /** Added to the intercept in SQL: ln(share of non-chargebacks trained on). */
  readonly offset: number;
  readonly chargebacks: number;
  readonly holdout: {
    readonly auc: number;
    readonly precisionAt100: number;
    readonly chargebacks: number;
    readonly payments: number;
  };
}

/** Undefined when there are too few chargebacks to learn from. */
export async function fitChargebackModel(
  engine: Engine,
  maxRows: number,
): Promise<ChargebackModel | undefined> {
  const [split] = await engine.query(
    `SELECT quantile_cont(epoch(payment_ts), 0.7) AS t, CAST(count(*) FILTER (WHERE chargeback) AS INTEGER) AS n FROM ${PAYMENT_FEATURES}`,
  );
  const chargebacks = Number(split?.n ?? 0);
  if (chargebacks < 5) return undefined;
  const older = `epoch(payment_ts) <= ${Number(split?.t)}`;

  // Both samples first (one engine session), then both fits at once in worker threads.
  const candidateSample = await sampleOf(engine, older, maxRows);
  const finalSample = await sampleOf(engine, 'true', maxRows);
  const [candidate, final] = await Promise.all([fitSample(candidateSample), fitSample(finalSample)]);
  const scored = await engine.query(
    `SELECT ${logOddsSql(
      candidate.model,
      FRAUD_MODEL_FEATURES.map((f) => f.sql),
      candidate.offset,
    )} AS s, chargeback FROM ${PAYMENT_FEATURES} WHERE NOT (${older})`,
  );
  const scores = scored.map((r) => Number(r.s));
  const labels = scored.map((r) => r.chargeback === true);
  return {
    ...final,
    chargebacks,
    holdout: {
      auc: areaUnderRoc(scores, labels),
      precisionAt100: precisionAtK(scores, labels, 100),
      chargebacks: labels.filter(Boolean).length,
      payments: labels.length,
    },
  };
}

interface ChargebackSample {
  readonly rows: Row[];
  /** Negatives in the population the sample's negatives were drawn from. */
  readonly negatives: number;
}

/** Every chargeback under `where`, and at most maxRows negatives, deterministically chosen. */
async function sampleOf(engine: Engine, where: string, maxRows: number): Promise<ChargebackSample> {
  const [counts] = await engine.query(
    `SELECT CAST(count(*) FILTER (WHERE NOT chargeback) AS DOUBLE) AS negatives FROM ${PAYMENT_FEATURES} WHERE ${where}`,
  );
  const rows = await engine.query(`
    (SELECT ${fraudFeatureSelectSql()}, chargeback FROM ${PAYMENT_FEATURES} WHERE ${where} AND chargeback)
    UNION ALL
    (SELECT ${fraudFeatureSelectSql()}, chargeback FROM ${PAYMENT_FEATURES} WHERE ${where} AND NOT chargeback ORDER BY hash(payment_id), payment_id LIMIT ${Math.floor(maxRows)})`);
  return { rows, negatives: Math.max(1, Number(counts?.negatives ?? 1)) };
}

// The offset undoes the negatives' subsampling in the log-odds.
async function fitSample({
  rows,
  negatives,
}: ChargebackSample): Promise<{ model: LogisticClassifier; offset: number }> {
  const kept = rows.filter((r) => r.chargeback !== true).length;
  const model = await fitLogisticClassifier(
    rows.map(fraudFeatureRow),
    rows.map((r) => r.chargeback === true),
    { featureNames: FRAUD_MODEL_FEATURES.map((f) => f.name), maxRows: rows.length },
  );
  return { model, offset: Math.log(Math.max(1, kept) / negatives) };
}

/** The chargeback probability as SQL over cg_payment_features. */
export function chargebackProbabilitySql(fitted: ChargebackModel): string {
  return `1 / (1 + exp(-(${logOddsSql(
    fitted.model,
    FRAUD_MODEL_FEATURES.map((f) => f.sql),
    fitted.offset,
  )})))`;
}
