// churn_predictions and churn_model. A time split keeps the measurement honest: the model is
// trained on features at asOf − 2h labelled by asOf − h, and its AUC measured on features at
// asOf − h labelled by asOf (h = the horizon). The published model is then refitted on that
// most recent labelled cut-off and scores every customer's features as of asOf.

import { ShoplakeError } from '../../../core/shoplake-error.js';
import type { Engine } from '../../../ports/engine.js';
import type { LogisticClassifier } from '../model/logistic-classifier.js';
import { contributionSql } from '../model/logistic-classifier.js';
import { CHURN_FEATURES, createChurnFeatureTable } from './churn-features.js';
import {
  type ChurnEvaluation,
  churnProbabilitySql,
  evaluateChurnModel,
  trainChurnModel,
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
  const trainTable = await features('die_churn_train', day(2));
  const holdoutTable = await features('die_churn_holdout', day(1));
  const scoreTable = await features('die_churn_today', input.asOf);

  await requireBothClasses(engine, trainTable, day(2));
  await requireBothClasses(engine, holdoutTable, day(1));
  const candidate = await trainChurnModel(engine, trainTable, input.maxTrainingRows);
  const holdout = await evaluateChurnModel(engine, candidate, holdoutTable);
  const trainFit = await evaluateChurnModel(engine, candidate, trainTable);
  const model = await trainChurnModel(engine, holdoutTable, input.maxTrainingRows);

  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${CHURN_PREDICTIONS} AS
    WITH scored AS (SELECT customer_id, ${churnProbabilitySql(model)} AS p, ${topFactorsSql(model)} AS top_factors FROM ${scoreTable})
    SELECT customer_id, round(p, 6) AS churn_probability,
           CASE WHEN p >= ${CHURN_RISK_BANDS.high} THEN 'high' WHEN p >= ${CHURN_RISK_BANDS.medium} THEN 'medium' ELSE 'low' END AS churn_risk,
           top_factors
    FROM scored`);

  const metrics: [string, number, string][] = [
    ['auc_holdout', holdout.auc, 'AUC of the model trained at the earlier cut-off, on the later one'],
    ['brier_holdout', holdout.brier, 'mean squared error of the holdout probabilities'],
    ['churn_rate_holdout', holdout.baseRate, 'share of holdout customers who did not come back'],
    ['mean_prediction_holdout', holdout.meanPrediction, 'mean predicted probability on the holdout'],
    ['customers_holdout', holdout.customers, 'customers at the holdout cut-off'],
    ['auc_train', trainFit.auc, 'in-sample AUC at the training cut-off'],
    ['customers_train', trainFit.customers, 'customers at the training cut-off'],
    ['customers_scored', await countRows(engine, scoreTable), 'customers scored as of asOf'],
    ['intercept', model.intercept, 'published model'],
    ...model.featureNames.map((name, j): [string, number, string] => [
      `coef:${name}`,
      model.coefficients[j] ?? 0,
      'published model, per standard deviation',
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

/** The three strongest contributions to the customer's log-odds, signed, with the raw values. */
function topFactorsSql(model: LogisticClassifier): string {
  const contributions = contributionSql(
    model,
    CHURN_FEATURES.map((f) => f.sql),
  );
  const items = CHURN_FEATURES.map(
    (f, j) =>
      `struct_pack(strength := abs(${contributions[j]}), contribution := ${contributions[j]}, text := '${f.label}: ' || CAST(${f.displaySql} AS VARCHAR))`,
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
