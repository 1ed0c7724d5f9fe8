// The unsupervised half of fraud scoring: an isolation forest (ml-isolation-forest) grown on a
// hashed sample of payments, so fraud that nobody charged back still stands out. The library
// grows every tree on the whole set it is given, so the sample (256, the paper's size) is what
// keeps trees shallow. Features are rounded to one decimal and each distinct vector is scored
// once: a lake of a million payments holds far fewer distinct vectors, and JS scoring is the cost.
// Every feature is coalesced, so the vectors join back on plain equality.

import { IsolationForest } from 'ml-isolation-forest';
import type { Engine } from '../../../ports/engine.js';
import { FRAUD_MODEL_FEATURES, fraudFeatureRow } from './fraud-model-features.js';
import { PAYMENT_FEATURES } from './payment-features-table.js';

export const ANOMALY_SCORES = 'cg_anomaly_scores';

export interface AnomalyOptions {
  /** Payments the forest is grown on. Default 256. */
  readonly sampleSize?: number;
  /** Default 100. */
  readonly trees?: number;
  /** Distinct feature vectors scored per query. Default 50000. */
  readonly chunkSize?: number;
}

const names = FRAUD_MODEL_FEATURES.map((f) => f.name);

export async function createAnomalyScoresTable(
  engine: Engine,
  options: AnomalyOptions = {},
): Promise<string> {
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE cg_anomaly_input AS
    SELECT payment_id, ${FRAUD_MODEL_FEATURES.map((f) => `round(CAST(${f.sql} AS DOUBLE), 1) AS ${f.name}`).join(', ')}
    FROM ${PAYMENT_FEATURES}`);
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE cg_anomaly_vectors AS SELECT row_number() OVER () AS n, * FROM (SELECT DISTINCT ${names.join(', ')} FROM cg_anomaly_input)`,
  );
  await engine.run(`CREATE OR REPLACE TEMP TABLE cg_vector_scores (n BIGINT, anomaly_score DOUBLE)`);
  const sample = await engine.query(
    `SELECT ${names.join(', ')} FROM cg_anomaly_input ORDER BY hash(payment_id), payment_id LIMIT ${Math.floor(options.sampleSize ?? 256)}`,
  );
  if (sample.length >= 2) {
    const forest = new IsolationForest({ nEstimators: options.trees ?? 100 });
    forest.train(sample.map(fraudFeatureRow));
    const chunk = Math.floor(options.chunkSize ?? 50_000);
    for (let start = 0; ; start += chunk) {
      const rows = await engine.query(
        `SELECT n, ${names.join(', ')} FROM cg_anomaly_vectors WHERE n > ${start} AND n <= ${start + chunk}`,
      );
      if (rows.length === 0) break;
      const scores = forest.predict(rows.map(fraudFeatureRow));
      await engine.append(
        'cg_vector_scores',
        rows.map((r, i) => [Number(r.n), scores[i] ?? null]),
      );
    }
  }
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${ANOMALY_SCORES} AS
    SELECT i.payment_id, s.anomaly_score
    FROM cg_anomaly_input i
    JOIN cg_anomaly_vectors v USING (${names.join(', ')})
    JOIN cg_vector_scores s ON s.n = v.n`);
  for (const table of ['cg_anomaly_input', 'cg_anomaly_vectors', 'cg_vector_scores'])
    await engine.run(`DROP TABLE ${table}`);
  return ANOMALY_SCORES;
}
