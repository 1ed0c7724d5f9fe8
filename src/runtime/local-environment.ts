// The composition root of the embedded default: the only place that builds the local
// adapters. Everything else receives them as ports.

import { join } from 'node:path';
import { DuckDbEngineFactory } from '../adapters/duckdb/duckdb-engine.js';
import { LocalObjectStore } from '../adapters/local-fs/local-object-store.js';
import type { ShoplakeConfig } from '../config/load-config.js';
import type { EngineFactory } from '../ports/engine.js';

export interface LocalEnvironment {
  readonly config: ShoplakeConfig;
  readonly store: LocalObjectStore;
  readonly engines: EngineFactory;
}

export function createLocalEnvironment(config: ShoplakeConfig): LocalEnvironment {
  const store = new LocalObjectStore({ dataDir: config.dataDir, bucketPrefix: config.bucketPrefix });
  const engines = new DuckDbEngineFactory({
    spillDir: join(config.dataDir, '.tmp', 'spill'),
    memoryLimit: config.engine.memoryLimit,
    threads: config.engine.threads,
  });
  return { config, store, engines };
}
