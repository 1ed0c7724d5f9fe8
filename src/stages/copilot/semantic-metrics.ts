// The metrics of the semantic layer: each one's words, unit, definition (said in every answer)
// and the dimensions it can be broken down and filtered by. The SQL for each family lives in
// its own builder; this file is the vocabulary.

import { MODEL_METRICS } from './model-metrics.js';
import { SALES_METRICS } from './sales-metrics.js';
import type { DimensionName } from './semantic-dimensions.js';

export const METRIC_NAMES = [
  'revenue',
  'orders',
  'aov',
  'units',
  'customers',
  'new_customers',
  'revenue_per_customer',
  'churn_rate',
  'clv',
  'fraud_rate',
  'payments',
  'forecast',
  'opportunity_score',
  'searches',
  'zero_result_searches',
  'zero_result_rate',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export type MetricFamily = 'sales' | 'churn' | 'clv' | 'fraud' | 'forecast' | 'opportunity' | 'search';
export type MetricUnit = 'usd' | 'count' | 'rate' | 'score';
/** `history`: measured over past days; `snapshot`: a model's current view; `future`: forecast days. */
export type MetricTime = 'history' | 'snapshot' | 'future';

export interface MetricDef {
  readonly name: MetricName;
  /** How the answer names it. */
  readonly label: string;
  readonly phrases: readonly string[];
  readonly unit: MetricUnit;
  readonly family: MetricFamily;
  readonly time: MetricTime;
  readonly dimensions: readonly DimensionName[];
  readonly filters: readonly DimensionName[];
  /** The dimension a bare "top 10 …" ranks by. */
  readonly rankDimension?: DimensionName;
  /** One sentence said with every answer, so nobody has to guess what was counted. */
  readonly definition: string;
}

/** Every metric by name: the sales metrics and those of the models and search. */
export const METRICS = { ...SALES_METRICS, ...MODEL_METRICS } as Readonly<Record<MetricName, MetricDef>>;

/** A count metric that becomes a rate when the question says "rate", "share" or "%". */
export const RATE_OF: Readonly<Partial<Record<MetricName, MetricName>>> = {
  zero_result_searches: 'zero_result_rate',
  payments: 'fraud_rate',
};
