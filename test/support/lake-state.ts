// What a curated table holds, every column included, and how to make two lakes land the same
// raw objects at the same instant: the means of "converges to what a clean run gives".

import { cp, mkdtemp, readdir, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { SourceTableName } from '../../src/core/source-tables.js';
import { SOURCE_TABLES } from '../../src/core/source-tables.js';
import { CURATED } from '../../src/core/zones.js';
import type { Row } from '../../src/ports/engine.js';
import { createLocalEnvironment, type LocalEnvironment } from '../../src/runtime/local-environment.js';
import { runPipeline } from '../../src/runtime/run-pipeline.js';
import { readManifest } from '../../src/stages/curate/table-manifest.js';
import { TEST_HMAC_KEY } from './raw-fixtures.js';

export interface CuratedState {
  readonly curated: Row[];
  readonly quarantine: Row[];
}

/** A local environment on `dataDir` with a small engine and the given event-time rule. */
export function testLakeEnv(dataDir: string, maxEventDelayHours = 24): LocalEnvironment {
  return createLocalEnvironment(
    loadConfig({
      env: {},
      overrides: { dataDir, curate: { maxEventDelayHours }, engine: { memoryLimit: '1GB', threads: 2 } },
    }),
  );
}

/**
 * Raw objects' landing times (their processing time) to whole seconds, so that a copy in
 * another folder lands at exactly the same time: copies keep only whole milliseconds. Objects
 * already on a whole second are left alone (a new time would be a new version of them).
 */
export async function wholeSecondLandings(dataDir: string): Promise<void> {
  const entries = await readdir(join(dataDir, 'raw'), { recursive: true, withFileTypes: true });
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    if (!e.isFile()) continue;
    const { mtimeMs } = await stat(path);
    const second = Math.floor(mtimeMs / 1000);
    if (second * 1000 !== mtimeMs) await utimes(path, second, second);
  }
}

/** Every column of the committed curated and quarantine rows, `_ingested_at` and `_row_hash` included. */
export async function curatedState(
  env: LocalEnvironment,
  table: SourceTableName = 'orders',
): Promise<CuratedState> {
  const manifest = await readManifest(env.store, table);
  const key = SOURCE_TABLES[table].primaryKey;
  const engine = await env.engines.open();
  try {
    const read = async (keys: readonly string[], order: string) =>
      keys.length === 0
        ? []
        : engine.query(
            `SELECT * FROM read_parquet([${keys.map((k) => `'${env.store.pathOf(CURATED, k)}'`).join(', ')}], union_by_name = true) ORDER BY ${order}`,
          );
    return {
      curated: await read(manifest.files, key),
      quarantine: await read(manifest.quarantineFiles, `_reject_rule, ${key}, _source_key`),
    };
  } finally {
    await engine.close();
  }
}

/** A new lake in `into` with the same raw objects (landing times kept), curated clean. */
export async function cleanRun(
  from: string,
  into: string,
  options: {
    readonly maxEventDelayHours?: number;
    readonly hmacKey?: string;
    readonly table?: SourceTableName;
  } = {},
): Promise<CuratedState> {
  await cp(join(from, 'raw'), join(into, 'raw'), { recursive: true, preserveTimestamps: true });
  const env = testLakeEnv(into, options.maxEventDelayHours);
  await runPipeline(env, { hmacKey: options.hmacKey ?? TEST_HMAC_KEY, logger: createSilentLogger() });
  return curatedState(env, options.table);
}

/** A fresh temporary folder. */
export function tempFolder(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
