// The scikit-learn baselines the analytics issue measures us against: the fraud and churn
// feature tables are built by shoplake's own code on a curated lake, written to CSV, and
// bench/sklearn_baseline.py fits IsolationForest + LogisticRegression (fraud) and gradient
// boosting (churn) on them with the same time splits. Our churn model is scored on the same
// split here; our fraud score is the analytics bench's `fraud_auc_vs_planted`.
// Needs Debian's python3-sklearn (`apt-get install python3-sklearn`); PyPI is not reachable here.
//   tsx bench/sklearn-baseline.ts --data-dir D

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDbEngine, DuckDbEngineFactory } from '../src/adapters/duckdb/duckdb-engine.js';
import { LocalObjectStore } from '../src/adapters/local-fs/local-object-store.js';
import { createSilentLogger } from '../src/adapters/pino/pino-logger.js';
import type { SourceTableName } from '../src/core/source-tables.js';
import { latestOrderDay } from '../src/stages/publish/latest-order-day.js';
import { withCuratedView } from '../src/stages/publish/with-curated-view.js';
import { fraudFeatureSelectSql } from '../src/systems/compliance-guardian/fraud/fraud-model-features.js';
import {
  createPaymentFeaturesTable,
  DEFAULT_FRAUD_WINDOWS,
  PAYMENT_FEATURES,
} from '../src/systems/compliance-guardian/fraud/payment-features-table.js';
import {
  createChurnFeatureTable,
  featureSelectSql,
} from '../src/systems/demand-insights-engine/churn/churn-features.js';
import {
  evaluateChurnModel,
  trainChurnModel,
} from '../src/systems/demand-insights-engine/churn/churn-model.js';
import { createCustomerOrdersTable } from '../src/systems/demand-insights-engine/customer-orders-table.js';
import { parseDemandInsightsSettings } from '../src/systems/demand-insights-engine/demand-insights-settings.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'keep-csv': { type: 'boolean', default: false } },
});
if (!values['data-dir'])
  throw new Error('Usage: tsx bench/sklearn-baseline.ts --data-dir <generated lake, curated>');
const dataDir = resolve(values['data-dir']);
// A pyenv or venv python3 may shadow the system one that Debian's package installs into.
const found = ['python3', '/usr/bin/python3']
  .map((command) => ({
    command,
    probe: spawnSync(command, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' }),
  }))
  .find((i) => i.probe.status === 0);
if (!found) {
  process.stdout.write(
    'scikit-learn is not installed: `apt-get install -y python3-sklearn` (Debian), then re-run.\n',
  );
  process.exit(2);
}
const truth = JSON.parse(readFileSync(join(dataDir, 'ground-truth.json'), 'utf8')) as {
  fraud: { paymentIdsByPattern: Record<string, number[]> };
};
const planted = [...new Set(Object.values(truth.fraud.paymentIdsByPattern).flat())];

const options = { spillDir: join(dataDir, '.tmp', 'spill'), memoryLimit: '2GB', threads: 2 };
const store = new LocalObjectStore({ dataDir, bucketPrefix: 'shoplake' });
const engine = await DuckDbEngine.create(options);
const scratch = mkdtempSync(join(tmpdir(), 'shoplake-sklearn-'));
const csv = (name: string) => join(scratch, `${name}.csv`);
const settings = parseDemandInsightsSettings({});
let ours = Number.NaN;
try {
  await withCuratedView(store, [], async (view) => {
    const asOf = await latestOrderDay(new DuckDbEngineFactory(options), view.relation('orders'));
    const context = {
      engine,
      curated: (table: SourceTableName) => view.relation(table),
      curatedFiles: (prefix: string) => view.files(prefix),
      asOf,
      runId: 'sklearn-baseline',
      logger: createSilentLogger(),
      settings: {},
    };
    await createPaymentFeaturesTable(context, DEFAULT_FRAUD_WINDOWS);
    await engine.run('CREATE OR REPLACE TEMP TABLE planted (payment_id BIGINT)');
    await engine.append(
      'planted',
      planted.map((id) => [id]),
    );
    await engine.run(`COPY (
      SELECT ${fraudFeatureSelectSql()}, epoch(payment_ts) AS payment_epoch, CAST(chargeback AS INTEGER) AS chargeback,
             CAST(payment_id IN (SELECT payment_id FROM planted) AS INTEGER) AS planted
      FROM ${PAYMENT_FEATURES}) TO '${csv('fraud')}' (HEADER)`);

    await createCustomerOrdersTable(context, settings.currencyPerUsd);
    const day = (horizons: number) =>
      new Date(Date.parse(`${asOf}T00:00:00Z`) - horizons * settings.churnHorizonDays * 86_400_000)
        .toISOString()
        .slice(0, 10);
    for (const [name, cutoff] of [
      ['churn_train', day(2)],
      ['churn_holdout', day(1)],
    ] as const) {
      await createChurnFeatureTable(engine, {
        table: name,
        cutoff,
        horizonDays: settings.churnHorizonDays,
        searchEvents: view.relation('search_events'),
      });
      await engine.run(
        `COPY (SELECT ${featureSelectSql()}, CAST(churned AS INTEGER) AS churned FROM ${name}) TO '${csv(name)}' (HEADER)`,
      );
    }
    const model = await trainChurnModel(engine, 'churn_train', settings.maxTrainingRows);
    ours = (await evaluateChurnModel(engine, model, 'churn_holdout')).auc;
  });
} finally {
  await engine.close();
}

const started = performance.now();
const python = spawnSync(
  found.command,
  [join(import.meta.dirname, 'sklearn_baseline.py'), csv('fraud'), csv('churn_train'), csv('churn_holdout')],
  { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
);
if (values['keep-csv']) process.stdout.write(`feature CSVs kept in ${scratch}\n`);
else rmSync(scratch, { recursive: true, force: true });
if (python.status !== 0) throw new Error(`sklearn_baseline.py failed:\n${python.stderr}`);
const result = JSON.parse(python.stdout) as {
  fraud: {
    payments: number;
    planted: number;
    best: string;
    models: Record<string, { auc: number; precision_at_100: number }>;
  };
  churn: { auc: Record<string, number> };
};
const f3 = (n: number) => n.toFixed(3);
process.stdout.write(
  `scikit-learn ${found.probe.stdout.trim()} on shoplake's feature tables (${((performance.now() - started) / 1000).toFixed(0)} s):\n`,
);
process.stdout.write(
  `  fraud, ${result.fraud.payments.toLocaleString('en-US')} payments, ${result.fraud.planted.toLocaleString('en-US')} planted:\n`,
);
for (const [name, m] of Object.entries(result.fraud.models))
  process.stdout.write(`    ${name.padEnd(22)} AUC ${f3(m.auc)}  precision@100 ${f3(m.precision_at_100)}\n`);
process.stdout.write(`  churn (train at -2 horizons, AUC at -1):\n`);
for (const [name, auc] of Object.entries(result.churn.auc))
  process.stdout.write(`    sklearn ${name.padEnd(22)} AUC ${auc.toFixed(4)}\n`);
process.stdout.write(`    shoplake boosted_trees (YDF)   AUC ${ours.toFixed(4)}\n`);
