// churn_predictions and churn_model. A time split keeps the measurement honest: the model is
// trained on features at asOf − 2h labelled by asOf − h, and its AUC measured on features at
// asOf − h labelled by asOf (h = the horizon). The published model is then refitted on that
// most recent labelled cut-off and scores every customer's features as of asOf.

import { ShoplakeError } from '../../../core/shoplake-error.js';
import type { Engine } from '../../../ports/engine.js';
import { type BoostedTrees, biasOf } from '../model/boosted-trees/boosted-trees.js';
import { CHURN_FEATURES, createChurnFeatureTable } from './churn-features.js';
import {
  type ChurnEvaluation,
  churnTrainingSample,
  evaluateChurnModel,
  fitChurnModel,
  scoreChurn,
} from './churn-model.js';

export const CHURN_PREDICTIONS = 'die_churn_predictions';
export const CHURN_MODEL = 'die_churn_model';
/** churn_risk bands over the probability. */
export const CHURN_RISK_BANDS = { medium: 0.3, high: 0.6 } as const;
const MIN_TRAINING_CUSTOMERS = 30;

export interface ChurnTablesInput {
  readonly asOf: string;
  readonly horizonDays: number;
  readonly maxTrainingRows: number;
  readonly searchEvents: string;
  readonly trainedAt: string;
}

export interface ChurnTablesResult {
  readonly predictions: string;
  readonly model: string;
  readonly holdout: ChurnEvaluation;
}

export async function createChurnTables(engine: Engine, input: ChurnTablesInput): Promise<ChurnTablesResult> {
  const day = (offset: number) => shiftDay(input.asOf, -offset * input.horizonDays);
  const features = (table: string, cutoff: string) =>
    createChurnFeatureTable(engine, {
      table,
      cutoff,
      horizonDays: input.horizonDays,
      searchEvents: input.searchEvents,
    });
  // Each fit trains in its own worker thread while the engine builds the next feature table:
  // the two fits and the feature work share both cores.
  const trainTable = await features('die_churn_train', day(2));
  await requireBothClasses(engine, trainTable, day(2));
  const candidateFit = fitChurnModel(await churnTrainingSample(engine, trainTable, input.maxTrainingRows));
  // Awaited below; a failure elsewhere first must not leave it unhandled.
  candidateFit.catch(() => undefined);
  const holdoutTable = await features('die_churn_holdout', day(1));
  await requireBothClasses(engine, holdoutTable, day(1));
  const modelFit = fitChurnModel(await churnTrainingSample(engine, holdoutTable, input.maxTrainingRows));
  modelFit.catch(() => undefined);
  const scoreTable = await features('die_churn_today', input.asOf);
  const [candidate, model] = await Promise.all([candidateFit, modelFit]);
  const holdout = await evaluateChurnModel(engine, candidate, holdoutTable);

  const importance = await createPredictionsTable(engine, model, scoreTable);

  const metrics: [string, number, string][] = [
    ['auc_holdout', holdout.auc, 'AUC of the model trained at the earlier cut-off, on the later one'],
    ['brier_holdout', holdout.brier, 'mean squared error of the holdout probabilities'],
    ['churn_rate_holdout', holdout.baseRate, 'share of holdout customers who did not come back'],
    ['mean_prediction_holdout', holdout.meanPrediction, 'mean predicted probability on the holdout'],
    ['customers_holdout', holdout.customers, 'customers at the holdout cut-off'],
    ['customers_train', await countRows(engine, trainTable), 'customers at the training cut-off'],
    ['customers_scored', await countRows(engine, scoreTable), 'customers scored as of asOf'],
    ['trees', model.trees.length, 'published model: gradient-boosted trees (YDF)'],
    ['bias_log_odds', biasOf(model), 'published model: average log-odds of churn, where contributions start'],
    ...model.featureNames.map((name, j): [string, number, string] => [
      `importance:${name}`,
      importance[j] ?? 0,
      'mean absolute contribution to the log-odds over the customers scored',
    ]),
  ];
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${CHURN_MODEL} (metric VARCHAR, value DOUBLE, trained_at TIMESTAMP, train_cutoff DATE, holdout_cutoff DATE, horizon_days INTEGER, detail VARCHAR)`,
  );
  await engine.append(
    CHURN_MODEL,
    metrics.map(([metric, value, detail]) => [
      metric,
      Number.isFinite(value) ? value : null,
      input.trainedAt,
      day(2),
      day(1),
      input.horizonDays,
      detail,
    ]),
  );
  return { predictions: CHURN_PREDICTIONS, model: CHURN_MODEL, holdout };
}

/**
 * Scores every customer as of asOf into CHURN_PREDICTIONS; returns each feature's mean
 * absolute contribution (the model's feature importance on today's customers). Probabilities
 * and contributions are computed in JS and go back to the engine, which writes the text.
 */
async function createPredictionsTable(
  engine: Engine,
  model: BoostedTrees,
  scoreTable: string,
): Promise<number[]> {
  const scored = `${CHURN_PREDICTIONS}_scored`;
  const columnOf = CHURN_FEATURES.map((_, k) => `c_${k}`);
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${scored} (customer_id BIGINT, p DOUBLE, ${columnOf.map((c) => `${c} DOUBLE`).join(', ')})`,
  );
  // Contributions in CHURN_FEATURES order, whatever order the model keeps its features in.
  const position = CHURN_FEATURES.map((f) => model.featureNames.indexOf(f.name));
  const importance = new Array<number>(CHURN_FEATURES.length).fill(0);
  let customers = 0;
  await scoreChurn(
    engine,
    model,
    scoreTable,
    '',
    async (batch) => {
      customers += batch.length;
      await engine.append(
        scored,
        batch.map((customer) => {
          const contributions = position.map((j) => (j >= 0 ? (customer.contributions[j] ?? 0) : 0));
          contributions.forEach((c, k) => {
            importance[k]! += Math.abs(c);
          });
          return [customer.row.customer_id as bigint | number, customer.probability, ...contributions];
        }),
      );
    },
    { contributions: true },
  );
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${CHURN_PREDICTIONS} AS
    SELECT s.customer_id, round(s.p, 6) AS churn_probability,
           CASE WHEN s.p >= ${CHURN_RISK_BANDS.high} THEN 'high' WHEN s.p >= ${CHURN_RISK_BANDS.medium} THEN 'medium' ELSE 'low' END AS churn_risk,
           ${topFactorsSql(columnOf)} AS top_factors
    FROM ${scored} s JOIN ${scoreTable} USING (customer_id)`);
  await engine.run(`DROP TABLE ${scored}`);
  return importance.map((sum) => (customers > 0 ? sum / customers : 0));
}

/** The three strongest pushes on the customer's log-odds, signed, with the raw values. */
function topFactorsSql(contributionColumns: readonly string[]): string {
  const items = CHURN_FEATURES.map(
    (f, k) =>
      `struct_pack(strength := abs(${contributionColumns[k]}), contribution := ${contributionColumns[k]}, text := '${f.label}: ' || CAST(${f.displaySql} AS VARCHAR))`,
  );
  return `array_to_string(list_transform(list_slice(list_sort([${items.join(', ')}], 'DESC'), 1, 3), x -> x.text || ' (' || CASE WHEN x.contribution >= 0 THEN '+' ELSE '' END || printf('%.2f', x.contribution) || ')'), '; ')`;
}

async function requireBothClasses(engine: Engine, table: string, cutoff: string): Promise<void> {
  const [row] = await engine.query(
    `SELECT CAST(count(*) FILTER (WHERE churned) AS INTEGER) AS churned, CAST(count(*) FILTER (WHERE NOT churned) AS INTEGER) AS stayed FROM ${table}`,
  );
  const churned = Number(row?.churned ?? 0);
  const stayed = Number(row?.stayed ?? 0);
  if (churned + stayed < MIN_TRAINING_CUSTOMERS || churned === 0 || stayed === 0) {
    throw new ShoplakeError(
      'handler_failed',
      `Not enough history to train the churn model at cut-off ${cutoff}: ${churned} churned and ${stayed} returning customers. It needs two horizons of orders before asOf with both outcomes.`,
      {
        retryable: false,
        context: { cutoff, churned, stayed },
      },
    );
  }
}

async function countRows(engine: Engine, table: string): Promise<number> {
  const [row] = await engine.query(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
