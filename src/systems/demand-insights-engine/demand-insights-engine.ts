// demand-insights-engine: who the customers are (RFM segments), what they are worth (CLV) and
// who is about to leave (churn). Every model is fitted and measured on every run.

import type { ProdSystem, SystemContext, SystemOutput } from '../prod-system.js';
import { createChurnTables } from './churn/churn-tables.js';
import { createClvTables } from './clv-prediction-tables.js';
import { createCustomerOrdersTable, impliedCurrencies } from './customer-orders-table.js';
import { parseDemandInsightsSettings } from './demand-insights-settings.js';
import { createCustomerSegmentsTable } from './rfm/customer-segments-table.js';
import { createSegmentSummaryTable } from './rfm/segment-summary-table.js';

export const DEMAND_INSIGHTS_TABLES = [
  'customer_segments',
  'segment_summary',
  'clv_predictions',
  'clv_model',
  'churn_predictions',
  'churn_model',
] as const;

export const demandInsightsEngine: ProdSystem = {
  name: 'demand-insights-engine',
  tables: DEMAND_INSIGHTS_TABLES,
  run: runDemandInsights,
};

async function runDemandInsights(context: SystemContext): Promise<readonly SystemOutput[]> {
  const { engine, logger, asOf } = context;
  const settings = parseDemandInsightsSettings(context.settings);
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    logger.info('demand-insights.step', { step, ms: Math.round(performance.now() - started) });
    return result;
  };

  await timed('orders', () => createCustomerOrdersTable(context, settings.currencyPerUsd));
  const implied = await impliedCurrencies(context);
  if (implied.length > 0)
    logger.warn('demand-insights.currency.implied', {
      currencies: implied,
      hint: 'add them to settings.currencyPerUsd',
    });

  const segments = await timed('segments', () => createCustomerSegmentsTable(engine, asOf));
  const clv = await timed('clv', () =>
    createClvTables(engine, {
      observationEnd: settings.observationEnd ?? asOf,
      clvMonths: settings.clvMonths,
      monthlyDiscountRate: settings.monthlyDiscountRate,
      annualDiscountRate: settings.annualDiscountRate,
    }),
  );
  const churn = await timed('churn', () =>
    createChurnTables(engine, {
      asOf,
      horizonDays: settings.churnHorizonDays,
      maxTrainingRows: settings.maxTrainingRows,
      searchEvents: context.curated('search_events'),
      trainedAt: new Date().toISOString(),
    }),
  );
  const summary = await timed('summary', () =>
    createSegmentSummaryTable(engine, { segments, clv: clv.predictions, churn: churn.predictions }),
  );
  logger.info('demand-insights.models', { churnAucHoldout: churn.holdout.auc, clvHoldout: clv.holdout });

  return [
    { table: 'customer_segments', relation: segments },
    { table: 'segment_summary', relation: summary },
    { table: 'clv_predictions', relation: clv.predictions },
    { table: 'clv_model', relation: clv.model },
    { table: 'churn_predictions', relation: churn.predictions },
    { table: 'churn_model', relation: churn.model },
  ];
}
