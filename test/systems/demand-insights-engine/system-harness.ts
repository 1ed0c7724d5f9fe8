// Runs one prod system over a local lake the way curated-to-prod does (a view over the
// committed curated files, asOf = the latest order day), and leaves the engine open so a
// test can read the tables the system built.

import { join } from 'node:path';
import { DuckDbEngine, DuckDbEngineFactory } from '../../../src/adapters/duckdb/duckdb-engine.js';
import { LocalObjectStore } from '../../../src/adapters/local-fs/local-object-store.js';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import type { Engine, Row } from '../../../src/ports/engine.js';
import type { Logger } from '../../../src/ports/logger.js';
import { latestOrderDay } from '../../../src/stages/publish/latest-order-day.js';
import { withCuratedView } from '../../../src/stages/publish/with-curated-view.js';
import type { ProdSystem, SystemOutput } from '../../../src/systems/prod-system.js';

export interface SystemRun {
  readonly engine: Engine;
  readonly asOf: string;
  readonly outputs: readonly SystemOutput[];
  readonly seconds: number;
  /** Rows of one published table, by its prod name. */
  rows(table: string, orderBy?: string): Promise<Row[]>;
  close(): Promise<void>;
}

export async function runSystemOnLake(
  system: ProdSystem,
  dataDir: string,
  settings: Readonly<Record<string, unknown>> = {},
  logger: Logger = createSilentLogger(),
): Promise<SystemRun> {
  const options = { spillDir: join(dataDir, '.tmp', 'spill'), memoryLimit: '1GB', threads: 2 };
  const store = new LocalObjectStore({ dataDir, bucketPrefix: 'shoplake' });
  const engine = await DuckDbEngine.create(options);
  const started = performance.now();
  const { asOf, outputs } = await withCuratedView(store, system.curatedPrefixes ?? [], async (view) => {
    const asOf = await latestOrderDay(new DuckDbEngineFactory(options), view.relation('orders'));
    const outputs = await system.run({
      engine,
      curated: (table) => view.relation(table),
      curatedFiles: (prefix) => view.files(prefix),
      asOf,
      runId: 'test-run',
      logger,
      settings,
    });
    return { asOf, outputs };
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    engine,
    asOf,
    outputs,
    seconds,
    async rows(table, orderBy) {
      const output = outputs.find((o) => o.table === table);
      if (!output) throw new Error(`${system.name} published no table ${table}`);
      return engine.query(`SELECT * FROM ${output.relation}${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
    },
    close: () => engine.close(),
  };
}
