// Wiring shared by the export tests: a throwaway MariaDB database, a lake in a temp folder
// (LocalObjectStore as the raw zone), and the engine the pipeline uses, to read Parquet back.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MysqlSink } from '../../../src/adapters/mysql/mysql-sink.js';
import { MysqlSourceDatabase } from '../../../src/adapters/mysql/mysql-source-database.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { RAW } from '../../../src/core/zones.js';
import type { Engine } from '../../../src/ports/engine.js';
import { createLocalEnvironment, type LocalEnvironment } from '../../../src/runtime/local-environment.js';
import type { ExportOptions, ExportResult } from '../../../src/stages/export/export-options.js';
import { exportTables } from '../../../src/stages/export/export-tables.js';
import type { WorldBatch } from '../../../src/stages/generate/world-batch.js';
import { createTestDatabase, type TestDatabase } from '../../adapters/mysql/mysql-test-database.js';

export interface ExportHarness {
  readonly db: TestDatabase;
  readonly env: LocalEnvironment;
  readonly engine: Engine;
  seed(batches: Iterable<WorldBatch>): Promise<void>;
  /** One export run on a fresh source session, as the CLI does it. */
  exportOnce(
    options?: ExportOptions,
    onSource?: (source: MysqlSourceDatabase) => void,
  ): Promise<ExportResult>;
  rawKeys(prefix?: string): Promise<string[]>;
  pathsOf(keys: readonly string[]): string[];
  /** Files left in scratch space (the engine's spill folder aside). */
  scratchLeftovers(): Promise<string[]>;
  close(): Promise<void>;
}

export async function createExportHarness(): Promise<ExportHarness> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'shoplake-export-'));
  const config = loadConfig({
    overrides: { dataDir, engine: { threads: 2, memoryLimit: '512MB' } },
    env: {},
  });
  const env = createLocalEnvironment(config);
  const engine = await env.engines.open();
  return {
    db,
    env,
    engine,
    async seed(batches) {
      const sink = await MysqlSink.open(db.target);
      try {
        for (const batch of batches) await sink.load(batch);
      } finally {
        await sink.close();
      }
    },
    async exportOnce(options = {}, onSource) {
      const source = await MysqlSourceDatabase.open(db.target);
      onSource?.(source);
      try {
        return await exportTables(options, { source, store: env.store, engines: env.engines });
      } finally {
        await source.close();
      }
    },
    async rawKeys(prefix = '') {
      const keys: string[] = [];
      for await (const info of env.store.list(RAW, prefix)) keys.push(info.key);
      return keys;
    },
    pathsOf(keys) {
      return keys.map((key) => env.store.pathOf(RAW, key));
    },
    async scratchLeftovers() {
      const entries = await readdir(join(dataDir, '.tmp')).catch(() => []);
      return entries.filter((name) => name !== 'spill');
    },
    async close() {
      await engine.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
