// A small generated world run through raw → curated, with its ground truth: the independent
// truth the system tests measure their models against.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLocalEnvironment } from '../../../src/runtime/local-environment.js';
import { runPipeline } from '../../../src/runtime/run-pipeline.js';
import { generateDemoWorld } from '../../../src/stages/generate/generate-demo-world.js';
import type { GroundTruth } from '../../../src/stages/generate/ground-truth.js';
import { createTestLake, TEST_HMAC_KEY, type TestLake } from '../../support/raw-fixtures.js';

export interface GeneratedLake {
  readonly lake: TestLake;
  readonly truth: GroundTruth;
}

export async function generateCuratedLake(orders: number, seed: number): Promise<GeneratedLake> {
  const lake = await createTestLake();
  await generateDemoWorld({ dataDir: lake.dataDir, orders, seed, store: lake.store, engine: lake.engine });
  const truth = JSON.parse(await readFile(join(lake.dataDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const config = loadConfig({ env: {}, overrides: { dataDir: lake.dataDir } });
  await runPipeline(createLocalEnvironment(config), { hmacKey: TEST_HMAC_KEY, logger: createSilentLogger() });
  return { lake, truth };
}
