// Settings of retail-copilot (`settings` of its SystemContext), with their defaults.

import { numberSetting } from '../number-setting.js';

export interface CopilotSettings {
  /** Days in each of the two windows that `trend` compares (recent vs the one before). Default 28. */
  readonly trendWindowDays: number;
  /** A demand gap needs at least this many zero-result searches. Default 5. */
  readonly minZeroResultSearches: number;
  /** …and at least this share of its searches without results. Default 0.5. */
  readonly minZeroResultRate: number;
}

export function copilotSettings(settings: Readonly<Record<string, unknown>>): CopilotSettings {
  const number = (key: string, fallback: number, min: number, max: number) =>
    numberSetting(settings, key, fallback, min, max);
  return {
    trendWindowDays: Math.round(number('trendWindowDays', 28, 1, 365)),
    minZeroResultSearches: Math.round(number('minZeroResultSearches', 5, 1, 1_000_000)),
    minZeroResultRate: number('minZeroResultRate', 0.5, 0, 1),
  };
}
