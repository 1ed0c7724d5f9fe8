// Accuracy measures of the backtest: MASE (Hyndman & Koehler 2006), scaled by the in-sample
// seasonal-naive error so that 1.0 means "as good as last week", and symmetric MAPE in percent.

/** Mean absolute error over the holdout divided by the training set's mean absolute seasonal difference. */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  training: readonly number[],
  period: number,
): number {
  let scale = 0;
  for (let t = period; t < training.length; t++)
    scale += Math.abs((training[t] ?? 0) - (training[t - period] ?? 0));
  scale /= Math.max(1, training.length - period);
  const mae =
    actual.reduce((sum, a, i) => sum + Math.abs(a - (forecast[i] ?? 0)), 0) / Math.max(1, actual.length);
  if (scale === 0) return mae === 0 ? 0 : Number.POSITIVE_INFINITY;
  return mae / scale;
}

/** 200·|a−f|/(|a|+|f|) averaged; a point where both are 0 counts as 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  const terms = actual.map((a, i) => {
    const f = forecast[i] ?? 0;
    const denominator = Math.abs(a) + Math.abs(f);
    return denominator === 0 ? 0 : (200 * Math.abs(a - f)) / denominator;
  });
  return terms.reduce((s, v) => s + v, 0) / Math.max(1, terms.length);
}
