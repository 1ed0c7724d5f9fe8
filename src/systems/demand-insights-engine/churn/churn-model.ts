// Trains the churn classifier (gradient-boosted trees, YDF) on one cut-off's feature table and
// measures it on another. Only feature rows cross into JS: a sample for training, then every
// customer for scoring, in batches.

import type { Engine, Row } from '../../../ports/engine.js';
import { areaUnderRoc } from '../model/area-under-roc.js';
import {
  type BoostedTrees,
  explainedProbabilityOf,
  probabilityOf,
} from '../model/boosted-trees/boosted-trees.js';
import { fitBoostedTrees, type TrainingColumns } from '../model/boosted-trees/fit-boosted-trees.js';
import { CHURN_FEATURES, featureSelectSql } from './churn-features.js';

export interface ChurnEvaluation {
  readonly auc: number;
  /** Mean squared error of the probabilities. */
  readonly brier: number;
  readonly baseRate: number;
  readonly meanPrediction: number;
  readonly customers: number;
}

/** A scored customer: churn probability and each feature's push on the log-odds. */
export interface ScoredCustomer {
  readonly row: Row;
  readonly probability: number;
  readonly contributions: Float64Array;
}

const SCORING_BATCH = 20_000;

/** Fits on a deterministic sample (by hashed customer id) of at most maxRows customers. */
export async function trainChurnModel(
  engine: Engine,
  featureTable: string,
  maxRows: number,
): Promise<BoostedTrees> {
  return fitChurnModel(await churnTrainingSample(engine, featureTable, maxRows));
}

/** A deterministic sample (by hashed customer id) of at most maxRows labelled customers. */
export async function churnTrainingSample(
  engine: Engine,
  featureTable: string,
  maxRows: number,
): Promise<TrainingColumns> {
  const rows = await engine.query(
    `SELECT ${featureSelectSql()}, churned FROM ${featureTable} ORDER BY hash(customer_id), customer_id LIMIT ${Math.floor(maxRows)}`,
  );
  const features = Object.fromEntries(
    CHURN_FEATURES.map((f) => [f.name, rows.map((r) => Number(r[f.name]))]),
  );
  return { features, labels: rows.map((r) => r.churned === true) };
}

/** Trains in a worker thread: the engine is free for other work meanwhile. */
export async function fitChurnModel(sample: TrainingColumns): Promise<BoostedTrees> {
  return (await fitBoostedTrees(sample)).model;
}

/**
 * Scores every row of a feature table in customer order, `extraSql` columns (and customer_id)
 * included in each row, in batches so memory stays bounded by the batch, not the customers.
 */
export async function scoreChurn(
  engine: Engine,
  model: BoostedTrees,
  featureTable: string,
  extraSql: string,
  each: (batch: readonly ScoredCustomer[]) => Promise<void> | void,
  options: { readonly contributions: boolean } = { contributions: false },
): Promise<void> {
  const columns = model.featureNames;
  const empty = new Float64Array(0);
  let after: unknown;
  for (;;) {
    const rows = await engine.query(
      `SELECT customer_id, ${featureSelectSql()}${extraSql ? `, ${extraSql}` : ''} FROM ${featureTable}
       ${after === undefined ? '' : `WHERE customer_id > ${Number(after)}`} ORDER BY customer_id LIMIT ${SCORING_BATCH}`,
    );
    if (rows.length === 0) return;
    await each(
      rows.map((row) => {
        const features = columns.map((name) => Number(row[name]));
        return options.contributions
          ? { row, ...explainedProbabilityOf(model, features) }
          : { row, probability: probabilityOf(model, features), contributions: empty };
      }),
    );
    if (rows.length < SCORING_BATCH) return;
    after = rows.at(-1)?.customer_id;
  }
}

export async function evaluateChurnModel(
  engine: Engine,
  model: BoostedTrees,
  featureTable: string,
): Promise<ChurnEvaluation> {
  const scores: number[] = [];
  const labels: boolean[] = [];
  await scoreChurn(engine, model, featureTable, 'churned', (batch) => {
    for (const customer of batch) {
      scores.push(customer.probability);
      labels.push(customer.row.churned === true);
    }
  });
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
