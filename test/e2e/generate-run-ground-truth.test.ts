// The whole embedded lake: generate a dirty world, run the pipeline, compare with the
// generator's ground truth, and scan every output for card data.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../src/adapters/pino/pino-logger.js';
import { totalsByTable } from '../../src/cli/format-run-summary.js';
import { loadConfig } from '../../src/config/load-config.js';
import { SOURCE_TABLE_NAMES } from '../../src/core/source-tables.js';
import { createLocalEnvironment } from '../../src/runtime/local-environment.js';
import { type RunPipelineSummary, runPipeline } from '../../src/runtime/run-pipeline.js';
import { readManifest } from '../../src/stages/curate/table-manifest.js';
import { generateDemoWorld } from '../../src/stages/generate/generate-demo-world.js';
import type { GroundTruth } from '../../src/stages/generate/ground-truth.js';
import { filesContaining, plantedSecrets, scanOutputs } from '../support/leak-scan.js';
import { createTestLake, curatedRows, TEST_HMAC_KEY, type TestLake } from '../support/raw-fixtures.js';

let lake: TestLake;
let truth: GroundTruth;
let summary: RunPipelineSummary;

beforeAll(async () => {
  lake = await createTestLake();
  await generateDemoWorld({
    dataDir: lake.dataDir,
    orders: 3000,
    seed: 7,
    store: lake.store,
    engine: lake.engine,
  });
  truth = JSON.parse(await readFile(join(lake.dataDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const config = loadConfig({ env: {}, overrides: { dataDir: lake.dataDir } });
  const logger = createFileLogger({ dataDir: lake.dataDir, level: 'debug' });
  summary = await runPipeline(createLocalEnvironment(config), { hmacKey: TEST_HMAC_KEY, logger });
}, 240_000);

afterAll(async () => {
  await lake.close();
});

describe('generate → run → ground truth', () => {
  it('curates exactly the expected rows of every table', async () => {
    for (const table of SOURCE_TABLE_NAMES) {
      const manifest = await readManifest(lake.store, table);
      expect(manifest.rows, table).toBe(truth.tables[table].expectedCuratedRows);
    }
  });

  it('curates exactly the expected primary keys', async () => {
    for (const table of SOURCE_TABLE_NAMES) {
      const expected = (await readFile(join(lake.dataDir, 'ground-truth', `${table}.keys`), 'utf8'))
        .split('\n')
        .filter(Boolean);
      const rows = await curatedRows(lake, table);
      const key = Object.keys(rows[0]!)[0]!;
      expect(rows.map((r) => String(r[key])).sort(), table).toEqual([...expected].sort());
    }
  });

  it('quarantines the planted rows under the rule they break, and counts warnings', () => {
    const totals = new Map(totalsByTable(summary.tables).map((t) => [t.table, t]));
    for (const table of SOURCE_TABLE_NAMES) {
      const expectedRejects = Object.fromEntries(
        Object.entries(truth.tables[table].rejectedByRule).filter(([, n]) => n > 0),
      );
      const expectedWarnings = Object.fromEntries(
        Object.entries(truth.tables[table].warningsByRule).filter(([, n]) => n > 0),
      );
      expect(totals.get(table)?.rejected, `${table} rejects`).toEqual(expectedRejects);
      expect(totals.get(table)?.warnings, `${table} warnings`).toEqual(expectedWarnings);
    }
    expect(summary.deadLettered).toBe(0);
  });

  it('leaves no clear card number, SSN or email in curated, quarantine, reports, run records or logs', async () => {
    const outputs = [
      join(lake.dataDir, 'curated'),
      join(lake.dataDir, 'logs'),
      join(lake.dataDir, 'dead-letter'),
    ];
    const findings = await scanOutputs(lake.engine, outputs);
    if (findings.length) console.log(JSON.stringify(findings.slice(0, 8), null, 1));
    expect(findings).toEqual([]);
    const secrets = await plantedSecrets(lake.engine, join(lake.dataDir, 'raw'));
    expect(secrets.size).toBeGreaterThan(100);
    expect(await filesContaining(lake.engine, outputs, secrets)).toEqual([]);
  });
});
