// A binary logistic regression over named, standardised features, trained by
// ml-logistic-regression (batch gradient descent). Standardising first is what lets plain
// gradient descent converge in a few hundred steps and makes coefficients comparable, so a
// coefficient × standardised value is each feature's contribution to one prediction. The
// library's matrix work takes seconds of one core, so it runs in a worker thread: two fits
// use both cores and the event loop stays free.

import { resolvedPackage, runEvalWorker } from '../../../runtime/eval-worker.js';

// Plain CommonJS for the worker; the packages come in as resolved paths.
const TRAINING_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const LogisticRegression = require(workerData.logisticRegression);
const { Matrix } = require(workerData.matrix);
const learner = new LogisticRegression({
  numSteps: workerData.steps,
  learningRate: workerData.learningRate,
});
learner.train(new Matrix(workerData.rows), Matrix.columnVector(workerData.labels));
// Classifier 0 separates class 0 from the rest, so its score is P(label = 1).
parentPort.postMessage(learner.classifiers[0] ? learner.classifiers[0].weights.to1DArray() : []);
`;

export interface LogisticClassifierOptions {
  readonly featureNames: readonly string[];
  /** Gradient steps. Default 300. */
  readonly steps?: number;
  /** Step on the mean log-loss gradient (the library sums over rows, so it is divided by n). Default 1. */
  readonly learningRate?: number;
  /** Rows used at most, taken evenly spaced. The library's cost grows faster than rows × steps (about 4 s for 5000 rows × 13 features × 300 steps, 30 s at 20000 × 100), so keep it small. Default 5000. */
  readonly maxRows?: number;
}

/**
 * @example
 * const model = fitLogisticClassifier(rows, labels, { featureNames: ['recency', 'frequency'] });
 * model.predict([30, 4]); // P(label = true)
 */
export interface LogisticClassifier {
  readonly featureNames: readonly string[];
  readonly intercept: number;
  /** One per feature, on the standardised scale. */
  readonly coefficients: readonly number[];
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly trainingRows: number;
  predict(row: readonly number[]): number;
  /** coefficient × standardised value, per feature: how far each pushes this row's log-odds. */
  contributions(row: readonly number[]): number[];
}

export async function fitLogisticClassifier(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: LogisticClassifierOptions,
): Promise<LogisticClassifier> {
  const { featureNames } = options;
  const width = featureNames.length;
  const picked = evenlySpaced(rows.length, options.maxRows ?? 5000);
  if (picked.length === 0) throw new RangeError('fitLogisticClassifier: no training rows.');
  const means = Array.from({ length: width }, (_, j) => mean(picked.map((i) => rows[i]?.[j] ?? 0)));
  const scales = Array.from({ length: width }, (_, j) => {
    const m = means[j] ?? 0;
    const sd = Math.sqrt(mean(picked.map((i) => ((rows[i]?.[j] ?? 0) - m) ** 2)));
    return sd > 1e-12 ? sd : 1;
  });
  const standardise = (row: readonly number[]): number[] =>
    row.map((v, j) => (v - (means[j] ?? 0)) / (scales[j] ?? 1));

  // A leading column of ones carries the intercept: the library fits weights only.
  const weights = await runEvalWorker<number[]>(TRAINING_SOURCE, {
    logisticRegression: resolvedPackage('ml-logistic-regression'),
    matrix: resolvedPackage('ml-matrix'),
    rows: picked.map((i) => [1, ...standardise(rows[i] ?? [])]),
    labels: picked.map((i) => (labels[i] ? 1 : 0)),
    steps: options.steps ?? 300,
    learningRate: (options.learningRate ?? 1) / picked.length,
  });
  const intercept = weights[0] ?? 0;
  const coefficients = featureNames.map((_, j) => weights[j + 1] ?? 0);

  const contributions = (row: readonly number[]): number[] =>
    standardise(row).map((z, j) => z * (coefficients[j] ?? 0));
  return {
    featureNames,
    intercept,
    coefficients,
    means,
    scales,
    trainingRows: picked.length,
    contributions,
    predict: (row) => sigmoid(intercept + contributions(row).reduce((sum, c) => sum + c, 0)),
  };
}

/**
 * SQL for one row's log-odds, given a SQL expression per feature (same order). `offset` shifts
 * the intercept, e.g. by ln(share of negatives kept) when negatives were subsampled.
 */
export function logOddsSql(model: LogisticClassifier, featureSql: readonly string[], offset = 0): string {
  return [String(model.intercept + offset), ...contributionSql(model, featureSql)].join(' + ');
}

/** SQL for each feature's contribution (coefficient × standardised value). */
function contributionSql(model: LogisticClassifier, featureSql: readonly string[]): string[] {
  return model.featureNames.map(
    (_, j) =>
      `(${model.coefficients[j] ?? 0}) * ((${featureSql[j] ?? '0'}) - (${model.means[j] ?? 0})) / (${model.scales[j] ?? 1})`,
  );
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function evenlySpaced(n: number, max: number): number[] {
  const take = Math.min(n, Math.max(1, max));
  return Array.from({ length: take }, (_, k) => Math.floor((k * n) / take));
}
