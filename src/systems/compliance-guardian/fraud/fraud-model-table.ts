// fraud_model: how well fraud scoring does against the only truth in the lake, chargebacks,
// and how often each rule fires, measured on every run. Chargebacks are a biased sample of
// fraud (declined card tests never charge back), which is why rules and the isolation forest
// are kept beside the model rather than tuned to these numbers.

import type { Engine } from '../../../ports/engine.js';
import { areaUnderRocSql } from '../../demand-insights-engine/model/area-under-roc-sql.js';
import type { ChargebackModel } from './chargeback-model.js';
import { FRAUD_RULES } from './fraud-rules.js';
import { FRAUD_SCORES, FRAUD_SIGNALS } from './fraud-scores-table.js';

export const FRAUD_MODEL = 'cg_fraud_model';

export async function createFraudModelTable(
  engine: Engine,
  model: ChargebackModel | undefined,
  trainedAt: string,
): Promise<string> {
  const chargeback = "status = 'chargeback'";
  const metrics: [string, number, string][] = [
    [
      'fraud_score_auc_vs_chargebacks',
      await areaUnderRocSql(engine, FRAUD_SCORES, 'fraud_score', chargeback),
      'combined score, all payments (the model part has seen these labels)',
    ],
    [
      'rule_score_auc_vs_chargebacks',
      await areaUnderRocSql(engine, FRAUD_SCORES, 'rule_score', chargeback),
      'rules only: no labels used',
    ],
    [
      'anomaly_auc_vs_chargebacks',
      await areaUnderRocSql(engine, FRAUD_SCORES, 'anomaly_score', chargeback),
      'isolation forest only: no labels used',
    ],
    [
      'chargeback_model_auc_holdout',
      model?.holdout.auc ?? Number.NaN,
      'trained on the older 70% of payments, scored on the newer 30%',
    ],
    [
      'chargeback_model_precision_at_100_holdout',
      model?.holdout.precisionAt100 ?? Number.NaN,
      'share of chargebacks among the 100 newest-30% payments it ranks highest',
    ],
    ['chargebacks_holdout', model?.holdout.chargebacks ?? 0, 'chargebacks among the newer 30% of payments'],
    ['chargebacks', model?.chargebacks ?? 0, 'labels available (too few below 5: model skipped)'],
  ];
  const fired = await engine.query(`
    SELECT g.signal, CAST(count(*) AS DOUBLE) AS fired, CAST(count(*) FILTER (WHERE s.status = 'chargeback') AS DOUBLE) AS charged_back
    FROM ${FRAUD_SIGNALS} g JOIN ${FRAUD_SCORES} s USING (payment_id) GROUP BY g.signal ORDER BY g.signal`);
  for (const rule of [...FRAUD_RULES.map((r) => r.name), 'chargeback_model', 'isolation_forest']) {
    const row = fired.find((r) => r.signal === rule);
    const n = Number(row?.fired ?? 0);
    metrics.push([`fired:${rule}`, n, 'payments this signal fired on']);
    metrics.push([
      `chargeback_share:${rule}`,
      n > 0 ? Number(row?.charged_back ?? 0) / n : Number.NaN,
      'share of those later charged back',
    ]);
  }
  if (model) {
    metrics.push([
      'coef:intercept',
      model.model.intercept + model.offset,
      'chargeback model, corrected for sampling',
    ]);
    for (const [j, name] of model.model.featureNames.entries()) {
      metrics.push([
        `coef:${name}`,
        model.model.coefficients[j] ?? 0,
        'chargeback model, per standard deviation',
      ]);
    }
  }
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${FRAUD_MODEL} (metric VARCHAR, value DOUBLE, trained_at TIMESTAMP, detail VARCHAR)`,
  );
  await engine.append(
    FRAUD_MODEL,
    metrics.map(([metric, value, detail]) => [
      metric,
      Number.isFinite(value) ? value : null,
      trainedAt,
      detail,
    ]),
  );
  return FRAUD_MODEL;
}
