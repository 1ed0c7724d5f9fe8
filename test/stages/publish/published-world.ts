// A small generated world taken through the whole local pipeline, curated-to-prod included,
// for the publish and system tests: what a reader of the prod buckets would find.

import type { Context, S3Event } from 'aws-lambda';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { objectCreatedRecord } from '../../../src/core/s3-event.js';
import { CURATED, prodBucket, type SystemName } from '../../../src/core/zones.js';
import type { Row } from '../../../src/ports/engine.js';
import { localLambdaContext } from '../../../src/runtime/lambda-context.js';
import { createLocalEnvironment } from '../../../src/runtime/local-environment.js';
import { type RunPipelineSummary, runPipeline } from '../../../src/runtime/run-pipeline.js';
import { generateDemoWorld } from '../../../src/stages/generate/generate-demo-world.js';
import {
  type CuratedToProdDeps,
  type CuratedToProdHandler,
  createCuratedToProdHandler,
} from '../../../src/stages/publish/curated-to-prod-handler.js';
import { readProdManifest } from '../../../src/stages/publish/prod-table-manifest.js';
import type { ProdSystem } from '../../../src/systems/prod-system.js';
import { createTestLake, TEST_HMAC_KEY, type TestLake } from '../../support/raw-fixtures.js';

/** The three systems of this stage's first part; the registry may hold more. */
export const PART_ONE_SYSTEMS: readonly SystemName[] = [
  'market-intelligence-hub',
  'global-market-pulse',
  'retail-copilot',
];

export interface PublishedWorld {
  readonly lake: TestLake;
  readonly summary: RunPipelineSummary;
  handler(overrides?: Partial<CuratedToProdDeps>): CuratedToProdHandler;
  close(): Promise<void>;
}

/** Generates `orders` orders, runs raw → curated → prod with the given systems. */
export async function publishedWorld(
  orders: number,
  systems: readonly ProdSystem[],
  seed = 11,
): Promise<PublishedWorld> {
  const lake = await createTestLake();
  await generateDemoWorld({ dataDir: lake.dataDir, orders, seed, store: lake.store, engine: lake.engine });
  const config = loadConfig({
    env: {},
    overrides: { dataDir: lake.dataDir, engine: { memoryLimit: '1GB', threads: 2 } },
  });
  const env = createLocalEnvironment(config);
  const handler = (overrides: Partial<CuratedToProdDeps> = {}) =>
    createCuratedToProdHandler({
      store: env.store,
      engines: env.engines,
      bucketPrefix: 'shoplake',
      logger: createSilentLogger(),
      systems,
      ...overrides,
    });
  const summary = await runPipeline(env, {
    hmacKey: TEST_HMAC_KEY,
    logger: createSilentLogger(),
    curatedToProd: handler(),
  });
  return { lake, summary, handler, close: () => lake.close() };
}

/** The event S3 sends when a curated table commits. */
export function curatedCommitEvent(table = 'orders'): S3Event {
  return {
    Records: [
      objectCreatedRecord({
        bucketName: 'shoplake-curated',
        key: `_state/${table}.json`,
        size: 1,
        etag: 'e',
        eventTime: new Date(),
        sequencer: '1',
      }),
    ],
  };
}

export function lambdaContext(id: string): Context {
  return localLambdaContext('curated-to-prod', id);
}

/** Local paths of a prod table's committed files. */
export async function prodFiles(lake: TestLake, system: SystemName, table: string): Promise<string[]> {
  const manifest = await readProdManifest(lake.store, system, table);
  if (!manifest) throw new Error(`${system} has no committed ${table}`);
  return manifest.files.map((key) => lake.store.pathOf(prodBucket(system), key));
}

/** All rows of a committed prod table, read as any Parquet reader would (Hive partitions included). */
export async function prodRows(
  lake: TestLake,
  system: SystemName,
  table: string,
  orderBy?: string,
): Promise<Row[]> {
  const files = await prodFiles(lake, system, table);
  const list = files.map((f) => `'${f}'`).join(', ');
  return lake.engine.query(
    `SELECT * FROM read_parquet([${list}], hive_partitioning = true)${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
  );
}

/** `read_parquet` over the committed curated files of a table, for recomputations. */
export async function curatedRelation(lake: TestLake, table: string): Promise<string> {
  const manifest = JSON.parse(
    Buffer.from(await lake.store.get(CURATED, `_state/${table}.json`)).toString('utf8'),
  ) as { files: string[] };
  return `read_parquet([${manifest.files.map((f) => `'${lake.store.pathOf(CURATED, f)}'`).join(', ')}], union_by_name = true)`;
}
