// Every prod table of every registered system carries at least the columns that
// /work/shared/contract/prod-tables.md promises, in the Parquet files readers get.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemName } from '../../../src/core/zones.js';
import { PROD_SYSTEMS } from '../../../src/systems/system-registry.js';
import { type PublishedWorld, prodFiles, publishedWorld } from './published-world.js';

/** system, table, contract columns (prod-tables.md). */
const CONTRACT: readonly (readonly [SystemName, string, readonly string[]])[] = [
  [
    'market-intelligence-hub',
    'daily_sales',
    ['date', 'category', 'region', 'orders', 'units', 'revenue', 'avg_order_value'],
  ],
  [
    'market-intelligence-hub',
    'sales_forecast',
    ['series', 'date', 'forecast', 'lower_80', 'upper_80', 'lower_95', 'upper_95', 'model'],
  ],
  ['market-intelligence-hub', 'forecast_backtest', ['series', 'model', 'mase', 'smape', 'holdout_days']],
  [
    'market-intelligence-hub',
    'trends',
    ['dimension', 'key', 'period', 'revenue', 'growth_pct', 'direction', 'is_significant'],
  ],
  [
    'demand-insights-engine',
    'customer_segments',
    ['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment'],
  ],
  ['demand-insights-engine', 'segment_summary', ['segment', 'customers', 'revenue', 'avg_clv', 'churn_rate']],
  [
    'demand-insights-engine',
    'clv_predictions',
    ['customer_id', 'prob_alive', 'expected_purchases_90d', 'expected_avg_order_value', 'clv_12m'],
  ],
  [
    'demand-insights-engine',
    'clv_model',
    ['model', 'param', 'value', 'log_likelihood', 'n_customers', 'observation_end'],
  ],
  [
    'demand-insights-engine',
    'churn_predictions',
    ['customer_id', 'churn_probability', 'churn_risk', 'top_factors'],
  ],
  ['demand-insights-engine', 'churn_model', ['metric', 'value', 'trained_at']],
  [
    'compliance-guardian',
    'fraud_scores',
    ['payment_id', 'order_id', 'customer_id', 'fraud_score', 'risk_level', 'reasons'],
  ],
  ['compliance-guardian', 'customer_risk', ['customer_id', 'risk_score', 'risk_level', 'drivers']],
  ['compliance-guardian', 'fraud_alerts', ['alert_id', 'pattern', 'severity', 'detected_at']],
  ['compliance-guardian', 'compliance_report', ['check', 'status', 'detail', 'checked_at']],
  [
    'global-market-pulse',
    'regional_performance',
    [
      'region',
      'country',
      'month',
      'revenue',
      'orders',
      'customers',
      'avg_order_value',
      'growth_pct',
      'revenue_share',
    ],
  ],
  [
    'global-market-pulse',
    'market_opportunities',
    [
      'region',
      'country',
      'category',
      'opportunity_score',
      'revenue',
      'growth_pct',
      'penetration',
      'rationale',
    ],
  ],
  [
    'retail-copilot',
    'search_patterns',
    ['query', 'searches', 'zero_result_rate', 'click_through_rate', 'trend'],
  ],
  ['retail-copilot', 'demand_gaps', ['query', 'searches', 'zero_result_searches', 'suggested_category']],
  [
    'retail-copilot',
    'copilot_queries',
    ['asked_at', 'question', 'intent', 'sql', 'rows', 'latency_ms', 'status'],
  ],
  [
    'retail-copilot',
    'copilot_patterns',
    ['intent', 'questions', 'avg_latency_ms', 'failure_rate', 'example_question'],
  ],
];

const registered = new Set(PROD_SYSTEMS.map((s) => s.name));
const cases = CONTRACT.filter(([system]) => registered.has(system));
let world: PublishedWorld;

beforeAll(async () => {
  world = await publishedWorld(1500, PROD_SYSTEMS);
}, 240_000);

afterAll(async () => {
  await world.close();
});

describe('prod tables against the contract', () => {
  it('has every registered system declare all of its contract tables (more are welcome)', () => {
    const declared = PROD_SYSTEMS.flatMap((s) => s.tables.map((t) => `${s.name}.${t}`));
    expect(declared).toEqual(expect.arrayContaining(cases.map(([s, t]) => `${s}.${t}`)));
  });

  it.each(cases)('%s publishes %s with the contract columns', async (system, table, columns) => {
    const files = await prodFiles(world.lake, system, table);
    const list = files.map((f) => `'${f}'`).join(', ');
    const described = await world.lake.engine.query(
      `DESCRIBE SELECT * FROM read_parquet([${list}], hive_partitioning = true)`,
    );
    const names = described.map((c) => String(c.column_name));
    expect(names).toEqual(expect.arrayContaining([...columns]));
  });
});
