// Settings of market-intelligence-hub (`settings` of its SystemContext), with their defaults.

import { numberSetting } from '../number-setting.js';

export interface HubSettings {
  /** Days forecast ahead; at least 28 (contract). Default 28. */
  readonly horizonDays: number;
  /** Rolling-origin folds of the backtest, each one horizon long. Default 4. */
  readonly backtestFolds: number;
  /**
   * Trailing days the models are fitted on. Default 364 (52 weeks): the models are weekly,
   * older history adds little, and the cost per series stays flat as the lake grows.
   */
  readonly trainingDays: number;
  /** p-value below which a trend counts as significant. Default 0.05. */
  readonly significanceLevel: number;
}

export function hubSettings(settings: Readonly<Record<string, unknown>>): HubSettings {
  const number = (key: string, fallback: number, min: number, max: number) =>
    numberSetting(settings, key, fallback, min, max);
  return {
    horizonDays: Math.round(number('horizonDays', 28, 28, 366)),
    backtestFolds: Math.round(number('backtestFolds', 4, 1, 12)),
    trainingDays: Math.round(number('trainingDays', 364, 56, 3660)),
    significanceLevel: number('significanceLevel', 0.05, 1e-6, 0.5),
  };
}
