// Shared maximum-likelihood driver for both CLV models: positive parameters optimised as logs,
// Nelder-Mead restarted until it stops improving, and a typed error instead of a NaN optimum.

import { ClvFitError } from './clv-fit-error.js';
import { minimiseNelderMead } from './nelder-mead.js';

export interface LogLikelihoodProblem {
  /** Named in error messages. */
  readonly model: string;
  readonly logLikelihood: (params: readonly number[]) => number;
  readonly dimension: number;
  /** Customers behind the likelihood: the optimiser works on the per-customer mean. */
  readonly observations: number;
}

export interface LogLikelihoodFitOptions {
  /** Starting values of the (positive) parameters. Default all 1. */
  readonly initial?: readonly number[];
  /** Nelder-Mead iterations per run. Default 5000. */
  readonly maxIterations?: number;
  /** Extra runs started from the last optimum. Default 5. */
  readonly maxRestarts?: number;
}

export interface LogLikelihoodFit {
  readonly params: readonly number[];
  readonly logLikelihood: number;
  readonly evaluations: number;
}

// A log-parameter past this means the optimum sits on the boundary (e.g. b → ∞): the data do
// not identify the model, and predictions from such a fit would be meaningless.
const MAX_ABS_LOG_PARAM = 25;

/**
 * Maximises `logLikelihood(params)` over positive params.
 *
 * @throws {ClvFitError} `non_finite` when the start is not finite, `did_not_converge` otherwise.
 */
export function maximiseLogLikelihood(
  problem: LogLikelihoodProblem,
  options: LogLikelihoodFitOptions = {},
): LogLikelihoodFit {
  const { model, logLikelihood, dimension } = problem;
  const maxIterations = options.maxIterations ?? 5000;
  const maxRestarts = options.maxRestarts ?? 5;
  let logParams = (options.initial ?? new Array<number>(dimension).fill(1)).map(Math.log);
  // Mean rather than total: the tolerances then mean the same whatever the number of customers.
  const scale = 1 / Math.max(1, problem.observations);
  const objective = (lp: readonly number[]): number => -logLikelihood(lp.map(Math.exp)) * scale;

  const start = objective(logParams);
  if (!Number.isFinite(start)) {
    throw new ClvFitError(
      'non_finite',
      `${model}: the log-likelihood is not finite at the starting values; check the summary data for NaN or negative values.`,
    );
  }

  let value = start;
  let evaluations = 0;
  let settled = false;
  for (let run = 0; run <= maxRestarts && !settled; run += 1) {
    const result = minimiseNelderMead(objective, logParams, {
      maxIterations,
      maxEvaluations: 2 * maxIterations,
      xTolerance: 1e-7,
      fTolerance: 1e-10,
    });
    evaluations += result.evaluations;
    // A collapsed simplex can stall short of the optimum; a fresh one from the same point
    // either confirms it (no further gain) or moves on.
    settled = result.converged && run > 0 && value - result.fx <= 1e-10;
    logParams = [...result.x];
    value = result.fx;
  }

  if (!settled || !Number.isFinite(value) || logParams.some((lp) => !(Math.abs(lp) <= MAX_ABS_LOG_PARAM))) {
    throw new ClvFitError(
      'did_not_converge',
      `${model}: maximum likelihood did not converge (log-parameters ${logParams.map((lp) => lp.toFixed(2)).join(', ')}); the data may be too few or too regular to identify the model.`,
      { context: { model, evaluations } },
    );
  }
  return { params: logParams.map(Math.exp), logLikelihood: -value / scale, evaluations };
}
