// Additive Holt-Winters with a damped trend, i.e. ETS(A,Ad,A) in Hyndman et al. (2008).
// Written here because @bsull/augurs' ETS only fits non-seasonal models. Smoothing parameters
// are fitted by maximum likelihood, which for additive errors is minimising the sum of squared
// one-step errors; initial states come from a classical decomposition of the first seasons.

import { minimiseNelderMead } from '../../demand-insights-engine/clv/nelder-mead.js';
import { type ForecastModel, gaussianForecast } from './forecast-model.js';

export interface HoltWintersParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

export interface HoltWintersState {
  readonly level: number;
  readonly trend: number;
  /** Seasonal terms indexed by `t mod period`. */
  readonly season: readonly number[];
}

export interface HoltWintersFit {
  readonly params: HoltWintersParams;
  /** States after the last observation. */
  readonly final: HoltWintersState;
  readonly sigma: number;
  readonly sse: number;
}

const PHI_MIN = 0.8;
const PHI_SPAN = 0.18;
// Kept off the bounds, as statsmodels does: α = 1 or γ = 0 exactly make a degenerate model.
const EDGE = 1e-4;
const logistic = (x: number) => EDGE + (1 - 2 * EDGE) / (1 + Math.exp(-x));
const logit = (p: number) => Math.log((p - EDGE) / (1 - EDGE - p));

/** The usual admissible region (0<α<1, 0<β<α, 0<γ<1−α, 0.8≤φ≤0.98) from unbounded coordinates. */
export function paramsFrom(x: readonly number[]): HoltWintersParams {
  const alpha = logistic(x[0] ?? 0);
  return {
    alpha,
    beta: alpha * logistic(x[1] ?? 0),
    gamma: (1 - alpha) * logistic(x[2] ?? 0),
    phi: PHI_MIN + PHI_SPAN * logistic(x[3] ?? 0),
  };
}

/** Heuristic initial states (Hyndman et al. 2008, §2.6.1): moving-average seasonal indices, then a line through the deseasonalised start. */
export function initialState(y: readonly number[], period: number): HoltWintersState {
  const seasons = Math.min(Math.floor(y.length / period), 4);
  const span = seasons * period;
  const half = Math.floor(period / 2);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let t = half; t < span - half; t++) {
    let ma = 0;
    if (period % 2 === 1) for (let j = -half; j <= half; j++) ma += y[t + j] ?? 0;
    else {
      for (let j = -half + 1; j < half; j++) ma += y[t + j] ?? 0;
      ma += 0.5 * ((y[t - half] ?? 0) + (y[t + half] ?? 0));
    }
    sums[t % period]! += (y[t] ?? 0) - ma / period;
    counts[t % period]! += 1;
  }
  const raw = sums.map((s, i) => s / Math.max(1, counts[i] ?? 0));
  const mean = raw.reduce((a, b) => a + b, 0) / period;
  const season = raw.map((s) => s - mean);
  // Least-squares line through the deseasonalised first seasons; the level is its value just before t = 0.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < span; t++) {
    const v = (y[t] ?? 0) - (season[t % period] ?? 0);
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const slope = span > 1 ? (span * sxy - sx * sy) / (span * sxx - sx * sx) : 0;
  const intercept = (sy - slope * sx) / Math.max(1, span);
  return { level: intercept - slope, trend: slope, season };
}

/** Runs the filter over `y`; returns the sum of squared one-step errors and the final states. */
export function filterHoltWinters(
  y: readonly number[],
  period: number,
  p: HoltWintersParams,
  start: HoltWintersState,
): { sse: number; final: HoltWintersState } {
  let level = start.level;
  let trend = start.trend;
  const season = [...start.season];
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const i = t % period;
    const s = season[i] ?? 0;
    const error = (y[t] ?? 0) - (level + p.phi * trend + s);
    sse += error * error;
    const nextLevel = level + p.phi * trend + p.alpha * error;
    trend = p.phi * trend + p.beta * error;
    season[i] = s + p.gamma * error;
    level = nextLevel;
  }
  return { sse, final: { level, trend, season } };
}

export function fitHoltWinters(y: readonly number[], period: number): HoltWintersFit {
  // Fit on a unit scale so that the optimiser's tolerances mean the same for every series.
  const scale = y.reduce((a, v) => a + Math.abs(v), 0) / Math.max(1, y.length) || 1;
  const scaled = y.map((v) => v / scale);
  const start = initialState(scaled, period);
  const objective = (x: readonly number[]) =>
    filterHoltWinters(scaled, period, paramsFrom(x), start).sse / scaled.length;
  const starts = [
    [logit(0.2), logit(0.25), logit(0.125), logit(0.8)],
    [logit(0.05), logit(0.1), logit(0.05), logit(0.5)],
  ];
  const best = starts
    .map((x0) =>
      minimiseNelderMead(objective, x0, {
        initialStep: 1,
        xTolerance: 1e-6,
        fTolerance: 1e-10,
        maxEvaluations: 2000,
        maxIterations: 2000,
      }),
    )
    .reduce((a, b) => (b.fx < a.fx ? b : a));
  const params = paramsFrom(best.x);
  const { sse, final } = filterHoltWinters(y, period, params, {
    level: start.level * scale,
    trend: start.trend * scale,
    season: start.season.map((s) => s * scale),
  });
  const freeParameters = 4 + 2 + period - 1;
  return { params, final, sse, sigma: Math.sqrt(sse / Math.max(1, y.length - freeParameters)) };
}

/** Point forecasts and their standard deviations: σ²(1 + Σ_{j<h} c_j²), c_j = α + βφ_j + γ·[j mod m = 0]. */
export function forecastHoltWinters(
  fit: HoltWintersFit,
  n: number,
  period: number,
  horizon: number,
): { point: number[]; sd: number[] } {
  const { alpha, beta, gamma, phi } = fit.params;
  const point: number[] = [];
  const sd: number[] = [];
  let phiSum = 0;
  let variance = 1;
  for (let h = 1; h <= horizon; h++) {
    phiSum += phi ** h;
    point.push(fit.final.level + phiSum * fit.final.trend + (fit.final.season[(n + h - 1) % period] ?? 0));
    sd.push(fit.sigma * Math.sqrt(variance));
    // c_h enters the variance of step h+1.
    variance += (alpha + beta * phiSum + (h % period === 0 ? gamma : 0)) ** 2;
  }
  return { point, sd };
}

export function holtWinters(period: number): ForecastModel {
  return {
    name: 'holt_winters_damped',
    minHistory: 2 * period + 2,
    forecast(history, horizon) {
      const fit = fitHoltWinters(history, period);
      const { point, sd } = forecastHoltWinters(fit, history.length, period, horizon);
      return gaussianForecast(point, sd);
    },
  };
}
