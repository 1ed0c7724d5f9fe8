// What the copilot decided to compute: the metric, its break-downs and filters, the days, and
// how to rank or compare. The SQL builders turn a plan into SQL; the answer is worded from it.

import type { AskIntent } from './ask-answer.js';
import type { FamilyRange } from './lake-facts.js';
import type { Direction } from './question-lexicon.js';
import type { DimensionName } from './semantic-dimensions.js';
import type { MetricDef } from './semantic-metrics.js';

export interface PlanFilter {
  readonly dimension: DimensionName;
  readonly exclude: boolean;
  readonly values: readonly string[];
}

export interface PlannedPeriod {
  readonly from: string;
  readonly to: string;
  /** The words asked and the dates covered: 'last month (2026-09-01 – 2026-09-30)'. */
  readonly label: string;
}

export interface QueryPlan {
  readonly metric: MetricDef;
  readonly intent: AskIntent;
  readonly dimensions: readonly DimensionName[];
  readonly filters: readonly PlanFilter[];
  /** The current period first; a period comparison adds the one it is compared with. */
  readonly periods: readonly PlannedPeriod[];
  /** `periods`: two periods side by side; `values`: values of one dimension side by side. */
  readonly comparison?: 'periods' | 'values';
  readonly rank?: { readonly direction: Direction; readonly n: number };
  /** Market opportunities of whole regions or of countries (both when undefined). */
  readonly level?: 'region' | 'country';
  readonly range: FamilyRange;
  /** Caveats the answer must say (a period cut by the lake's first day, a partial month …). */
  readonly notes: readonly string[];
}

export interface PlanRefusal {
  readonly refusal: string;
  /** Questions close to this one that can be answered. */
  readonly suggestions?: readonly string[];
}

export type PlanResult = { readonly plan: QueryPlan } | PlanRefusal;
