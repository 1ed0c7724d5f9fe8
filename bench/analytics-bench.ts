// Times demand-insights-engine and compliance-guardian on an existing curated lake, each in
// its own child process so that its peak RSS (process.resourceUsage().maxRSS) is its own.
// The systems run as curated-to-prod runs them (a view over the committed files, asOf = the
// latest order day); writing Parquet is the publish stage's and is not timed here. When the
// lake has the generator's ground-truth.json, fraud and churn are scored against it too.
//   tsx bench/analytics-bench.ts --data-dir D [--memory-limit 2GB] [--threads 2]

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDbEngine, DuckDbEngineFactory } from '../src/adapters/duckdb/duckdb-engine.js';
import { LocalObjectStore } from '../src/adapters/local-fs/local-object-store.js';
import { createSilentLogger } from '../src/adapters/pino/pino-logger.js';
import type { Engine } from '../src/ports/engine.js';
import { latestOrderDay } from '../src/stages/publish/latest-order-day.js';
import { withCuratedView } from '../src/stages/publish/with-curated-view.js';
import { complianceGuardian } from '../src/systems/compliance-guardian/index.js';
import {
  areaUnderRoc,
  demandInsightsEngine,
  precisionAtK,
} from '../src/systems/demand-insights-engine/index.js';
import type { ProdSystem, SystemOutput } from '../src/systems/prod-system.js';

const SYSTEMS: readonly ProdSystem[] = [demandInsightsEngine, complianceGuardian];

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    system: { type: 'string' },
    'memory-limit': { type: 'string', default: '2GB' },
    threads: { type: 'string', default: '2' },
  },
});
if (!values['data-dir'])
  throw new Error('Usage: tsx bench/analytics-bench.ts --data-dir <lake with a curated zone>');
const dataDir = resolve(values['data-dir']);

interface Measure {
  readonly system: string;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly rows: Record<string, number>;
  readonly quality: Record<string, number>;
}

if (values.system) {
  const system = SYSTEMS.find((s) => s.name === values.system);
  if (!system) throw new Error(`Unknown system ${values.system}`);
  process.stdout.write(`${JSON.stringify(await measure(system))}\n`);
} else {
  for (const system of SYSTEMS) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, ...process.argv.slice(2), '--system', system.name],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (child.status !== 0) {
      process.stdout.write(`${system.name}: failed with exit code ${child.status}\n`);
      continue;
    }
    const m = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
    process.stdout.write(`${m.system}: ${m.seconds.toFixed(1)} s, peak RSS ${Math.round(m.peakRssMb)} MB\n`);
    process.stdout.write(
      `  rows: ${Object.entries(m.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
        .join(', ')}\n`,
    );
    if (Object.keys(m.quality).length > 0)
      process.stdout.write(
        `  quality: ${Object.entries(m.quality)
          .map(([k, v]) => `${k} ${v.toFixed(3)}`)
          .join(', ')}\n`,
      );
  }
}

async function measure(system: ProdSystem): Promise<Measure> {
  const options = {
    spillDir: join(dataDir, '.tmp', 'spill'),
    memoryLimit: values['memory-limit']!,
    threads: Number(values.threads),
  };
  const store = new LocalObjectStore({ dataDir, bucketPrefix: 'shoplake' });
  const engine = await DuckDbEngine.create(options);
  try {
    let started = 0;
    const outputs = await withCuratedView(store, system.curatedPrefixes ?? [], async (view) => {
      const asOf = await latestOrderDay(new DuckDbEngineFactory(options), view.relation('orders'));
      started = performance.now();
      return system.run({
        engine,
        curated: (table) => view.relation(table),
        curatedFiles: (prefix) => view.files(prefix),
        asOf,
        runId: 'bench',
        logger: createSilentLogger(),
        settings: { hmacKeyConfigured: true },
      });
    });
    const seconds = (performance.now() - started) / 1000;
    const rows: Record<string, number> = {};
    for (const o of outputs)
      rows[o.table] = Number(
        (await engine.query(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${o.relation}`))[0]?.n,
      );
    return {
      system: system.name,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      rows,
      quality: await quality(engine, outputs),
    };
  } finally {
    await engine.close();
  }
}

/** Scores against the generator's ground truth, when the lake came from the generator. */
async function quality(engine: Engine, outputs: readonly SystemOutput[]): Promise<Record<string, number>> {
  const truthFile = join(dataDir, 'ground-truth.json');
  if (!existsSync(truthFile)) return {};
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as {
    fraud: { paymentIdsByPattern: Record<string, number[]> };
    churn: { droppedOutCustomerIds: number[] };
  };
  const relation = (table: string) => outputs.find((o) => o.table === table)?.relation;
  const result: Record<string, number> = {};
  const fraudScores = relation('fraud_scores');
  if (fraudScores) {
    const fraud = new Set(Object.values(truth.fraud.paymentIdsByPattern).flat().map(String));
    const rows = await engine.query(
      `SELECT CAST(payment_id AS VARCHAR) AS id, fraud_score AS s FROM ${fraudScores}`,
    );
    const scores = rows.map((r) => Number(r.s));
    const labels = rows.map((r) => fraud.has(String(r.id)));
    result.fraud_auc_vs_planted = areaUnderRoc(scores, labels);
    result.fraud_precision_at_100 = precisionAtK(scores, labels, 100);
  }
  const churn = relation('churn_predictions');
  const churnModel = relation('churn_model');
  if (churn && churnModel) {
    const dropped = new Set(truth.churn.droppedOutCustomerIds.map(String));
    const rows = await engine.query(
      `SELECT CAST(customer_id AS VARCHAR) AS id, churn_probability AS p FROM ${churn}`,
    );
    result.churn_auc_vs_dropouts = areaUnderRoc(
      rows.map((r) => Number(r.p)),
      rows.map((r) => dropped.has(String(r.id))),
    );
    result.churn_auc_holdout = Number(
      (await engine.query(`SELECT value FROM ${churnModel} WHERE metric = 'auc_holdout'`))[0]?.value,
    );
  }
  return result;
}
