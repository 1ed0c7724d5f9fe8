// Trains the churn classifier on one cut-off's feature table and measures it on another:
// only a compact sample of feature rows crosses into JS; scoring runs in SQL.

import type { Engine } from '../../../ports/engine.js';
import { areaUnderRoc } from '../model/area-under-roc.js';
import { fitLogisticClassifier, type LogisticClassifier, logOddsSql } from '../model/logistic-classifier.js';
import { CHURN_FEATURES, featureSelectSql } from './churn-features.js';

export interface ChurnEvaluation {
  readonly auc: number;
  /** Mean squared error of the probabilities. */
  readonly brier: number;
  readonly baseRate: number;
  readonly meanPrediction: number;
  readonly customers: number;
}

/** Fits on a deterministic sample (by hashed customer id) of at most maxRows customers. */
export async function trainChurnModel(
  engine: Engine,
  featureTable: string,
  maxRows: number,
): Promise<LogisticClassifier> {
  const rows = await engine.query(
    `SELECT ${featureSelectSql()}, churned FROM ${featureTable} ORDER BY hash(customer_id), customer_id LIMIT ${Math.floor(maxRows)}`,
  );
  const features = rows.map((r) => CHURN_FEATURES.map((f) => Number(r[f.name])));
  const labels = rows.map((r) => r.churned === true);
  return fitLogisticClassifier(features, labels, {
    featureNames: CHURN_FEATURES.map((f) => f.name),
    maxRows,
  });
}

/** The churn probability of each row of a feature table, as SQL. */
export function churnProbabilitySql(model: LogisticClassifier): string {
  return `1 / (1 + exp(-(${logOddsSql(
    model,
    CHURN_FEATURES.map((f) => f.sql),
  )})))`;
}

export async function evaluateChurnModel(
  engine: Engine,
  model: LogisticClassifier,
  featureTable: string,
): Promise<ChurnEvaluation> {
  const rows = await engine.query(`SELECT ${churnProbabilitySql(model)} AS p, churned FROM ${featureTable}`);
  const scores = rows.map((r) => Number(r.p));
  const labels = rows.map((r) => r.churned === true);
  const n = scores.length;
  const positives = labels.filter(Boolean).length;
  return {
    auc: areaUnderRoc(scores, labels),
    brier: n > 0 ? scores.reduce((s, p, i) => s + (p - (labels[i] ? 1 : 0)) ** 2, 0) / n : Number.NaN,
    baseRate: n > 0 ? positives / n : Number.NaN,
    meanPrediction: n > 0 ? scores.reduce((s, p) => s + p, 0) / n : Number.NaN,
    customers: n,
  };
}
