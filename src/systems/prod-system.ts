// The shape every prod system has: one entry point that reads curated tables through the
// engine and returns the tables it publishes. Adding a model to a system means adding one
// file that builds a table and one line in the system's `run`.

import type { SourceTableName } from '../core/source-tables.js';
import type { SystemName } from '../core/zones.js';
import type { Engine } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';

export interface SystemContext {
  readonly engine: Engine;
  /** SQL relation over a curated table's committed files, e.g. `read_parquet([...])`; usable in FROM. */
  readonly curated: (table: SourceTableName) => string;
  /** The latest day in the curated data (YYYY-MM-DD): "today" for the models, since a lake is often behind. */
  readonly asOf: string;
  readonly runId: string;
  readonly logger: Logger;
  /** Per-system settings from the config (horizon, discount rate, ...). */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Local paths of the curated objects under one of the system's `curatedPrefixes` (e.g.
   * `_copilot_log/`), in key order; empty when there are none. Absent in contexts built by hand.
   */
  readonly curatedFiles?: (prefix: string) => readonly string[];
}

/** One prod table: the name of an engine table (or view) holding its rows, written out by the publish stage. */
export interface SystemOutput {
  readonly table: string;
  /** A temp table or view in the context's engine. */
  readonly relation: string;
  /** Hive-style partition columns for large tables. */
  readonly partitionBy?: readonly string[];
}

export interface ProdSystem {
  readonly name: SystemName;
  /** The tables this system publishes (contract: ../shared/contract/prod-tables.md). */
  readonly tables: readonly string[];
  /** Curated prefixes outside the source tables that the system reads through `curatedFiles`. */
  readonly curatedPrefixes?: readonly string[];
  run(context: SystemContext): Promise<readonly SystemOutput[]>;
}
