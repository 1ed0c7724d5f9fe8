// demand-insights-engine on a generated world: every contract table and column, a churn
// model that beats chance on its own time holdout (AUC > 0.7) and agrees with the customers
// the generator really let drop out.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  areaUnderRoc,
  demandInsightsEngine,
  SEGMENTS,
} from '../../../src/systems/demand-insights-engine/index.js';
import { type GeneratedLake, generateCuratedLake } from './generated-lake.js';
import { runSystemOnLake, type SystemRun } from './system-harness.js';

const CONTRACT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  customer_segments: [
    'customer_id',
    'recency_days',
    'frequency',
    'monetary',
    'r_score',
    'f_score',
    'm_score',
    'segment',
  ],
  segment_summary: ['segment', 'customers', 'revenue', 'avg_clv', 'churn_rate'],
  clv_predictions: [
    'customer_id',
    'prob_alive',
    'expected_purchases_90d',
    'expected_avg_order_value',
    'clv_12m',
  ],
  clv_model: ['model', 'param', 'value', 'log_likelihood', 'n_customers', 'observation_end'],
  churn_predictions: ['customer_id', 'churn_probability', 'churn_risk', 'top_factors'],
  churn_model: ['metric', 'value', 'trained_at'],
};

let world: GeneratedLake;
let run: SystemRun;

beforeAll(async () => {
  world = await generateCuratedLake(4000, 11);
  run = await runSystemOnLake(demandInsightsEngine, world.lake.dataDir, { monthlyDiscountRate: 0.01 });
}, 240_000);

afterAll(async () => {
  await run?.close();
  await world?.lake.close();
});

describe('demand-insights-engine on a generated world', () => {
  it('publishes every contract table with its contract columns', async () => {
    expect(run.outputs.map((o) => o.table).sort()).toEqual(Object.keys(CONTRACT_COLUMNS).sort());
    for (const [table, columns] of Object.entries(CONTRACT_COLUMNS)) {
      const rows = await run.rows(table);
      expect(rows.length, table).toBeGreaterThan(0);
      for (const column of columns) expect(Object.keys(rows[0] ?? {}), table).toContain(column);
    }
  });

  it('summarises all eight segments, covering every segmented customer', async () => {
    const summary = await run.rows('segment_summary');
    expect(summary.map((r) => r.segment)).toEqual([...SEGMENTS]);
    const segmented = await run.rows('customer_segments');
    expect(summary.reduce((n, r) => n + Number(r.customers), 0)).toBe(segmented.length);
  });

  it('fits BG/NBD and Gamma-Gamma and measures them on a 90-day holdout', async () => {
    const model = await run.rows('clv_model');
    expect(new Set(model.map((r) => r.model))).toEqual(new Set(['bg_nbd', 'gamma_gamma']));
    const holdout = (param: string) => Number(model.find((r) => r.param === param)?.value);
    const ratio = holdout('holdout_predicted_purchases') / holdout('holdout_actual_purchases');
    console.log(
      `CLV holdout: predicted/actual purchases ${ratio.toFixed(3)}, correlation ${holdout('holdout_correlation').toFixed(3)}`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
    for (const row of await run.rows('clv_predictions')) {
      expect(Number(row.prob_alive)).toBeGreaterThan(0);
      expect(Number(row.prob_alive)).toBeLessThanOrEqual(1);
      expect(Number.isFinite(Number(row.clv_12m))).toBe(true);
    }
  });

  it('publishes a churn AUC above 0.7 on its time holdout', async () => {
    const metrics = new Map((await run.rows('churn_model')).map((r) => [String(r.metric), Number(r.value)]));
    const auc = metrics.get('auc_holdout') ?? 0;
    console.log(
      `churn AUC on the time holdout: ${auc.toFixed(3)} (${metrics.get('customers_holdout')} customers, churn rate ${metrics.get('churn_rate_holdout')?.toFixed(2)})`,
    );
    expect(auc).toBeGreaterThan(0.7);
  });

  it('ranks the customers the generator dropped out above those still buying', async () => {
    const dropped = new Set(world.truth.churn.droppedOutCustomerIds.map(String));
    const rows = await run.rows('churn_predictions');
    const auc = areaUnderRoc(
      rows.map((r) => Number(r.churn_probability)),
      rows.map((r) => dropped.has(String(r.customer_id))),
    );
    console.log(`churn AUC against the generator's dropped-out customers: ${auc.toFixed(3)}`);
    expect(auc).toBeGreaterThan(0.7);
    expect(
      rows.every(
        (r) => ['low', 'medium', 'high'].includes(String(r.churn_risk)) && String(r.top_factors).length > 0,
      ),
    ).toBe(true);
  });
});
