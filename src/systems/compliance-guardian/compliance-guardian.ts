// compliance-guardian: fraud scores from rules and learning, alerts and customer risk, and a
// compliance report that re-checks the lake's protection of card data and PII on every run.

import type { ProdSystem, SystemContext, SystemOutput } from '../prod-system.js';
import { parseComplianceSettings } from './compliance-settings.js';
import { createAnomalyScoresTable } from './fraud/anomaly-scores-table.js';
import { fitChargebackModel } from './fraud/chargeback-model.js';
import { createCustomerRiskTable } from './fraud/customer-risk-table.js';
import { createFraudAlertsTable } from './fraud/fraud-alerts-table.js';
import { createFraudModelTable } from './fraud/fraud-model-table.js';
import { createFraudScoresTable } from './fraud/fraud-scores-table.js';
import { createPaymentFeaturesTable, DEFAULT_FRAUD_WINDOWS } from './fraud/payment-features-table.js';
import { createComplianceReportTable } from './report/compliance-report-table.js';
import { QUARANTINE_PREFIX } from './report/curated-files.js';

export const COMPLIANCE_TABLES = [
  'fraud_scores',
  'fraud_alerts',
  'customer_risk',
  'fraud_model',
  'compliance_report',
] as const;

export const complianceGuardian: ProdSystem = {
  name: 'compliance-guardian',
  tables: COMPLIANCE_TABLES,
  curatedPrefixes: [QUARANTINE_PREFIX],
  run: runComplianceGuardian,
};

async function runComplianceGuardian(context: SystemContext): Promise<readonly SystemOutput[]> {
  const { engine, logger } = context;
  const settings = parseComplianceSettings(context.settings);
  const startedAt = new Date().toISOString();
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    logger.info('compliance.step', { step, ms: Math.round(performance.now() - started) });
    return result;
  };

  await timed('features', () => createPaymentFeaturesTable(context, DEFAULT_FRAUD_WINDOWS));
  const model = await timed('chargeback_model', () => fitChargebackModel(engine, settings.maxTrainingRows));
  if (!model) logger.warn('compliance.chargeback_model.skipped', { reason: 'fewer than 5 chargebacks' });
  const anomalies = await timed('isolation_forest', () =>
    createAnomalyScoresTable(engine, {
      sampleSize: settings.anomalySampleSize,
      trees: settings.anomalyTrees,
    }),
  );
  const scores = await timed('scores', () => createFraudScoresTable(engine, { anomalies, model }));
  const alerts = await timed('alerts', () => createFraudAlertsTable(engine));
  const risk = await timed('customer_risk', () => createCustomerRiskTable(engine));
  const fraudModel = await timed('fraud_model', () => createFraudModelTable(engine, model, startedAt));

  const outputs: SystemOutput[] = [
    { table: 'fraud_scores', relation: scores },
    { table: 'fraud_alerts', relation: alerts },
    { table: 'customer_risk', relation: risk },
    { table: 'fraud_model', relation: fraudModel },
  ];
  const report = await timed('compliance_report', () =>
    createComplianceReportTable(context, complianceGuardian.name, outputs, startedAt),
  );
  return [...outputs, { table: 'compliance_report', relation: report }];
}
