// The export stage's settings and ports, each with its default, and what a run reports.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import type { EngineFactory } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { SourceDatabase } from './source-database.js';

/**
 * @example
 * await exportTables({ tables: ['orders'], rowsPerFile: 500_000 }, { source, store, engines });
 */
export interface ExportOptions {
  /** Contract tables to export, in this order. Default: all of them. */
  readonly tables?: readonly SourceTableName[];
  /** Rows per Parquet file. Default 1,000,000. */
  readonly rowsPerFile?: number;
  /** How far before the watermark an incremental export starts reading, in ms. Default 10 minutes. */
  readonly overlapMs?: number;
  /**
   * Rows read from the source per batch and appended to the engine at once. Bounds the JS heap;
   * small batches also die young, which keeps garbage collection cheap. Default 5,000.
   */
  readonly rowsPerAppend?: number;
  /** The clock that names the run and its `dt` partition. Default: the system clock. */
  readonly now?: () => Date;
  /** Called after every bulk append and at the end of each table (progress bars, fault tests). */
  readonly onProgress?: (progress: ExportProgress) => void | Promise<void>;
}

export interface ExportPorts {
  readonly source: SourceDatabase;
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
}

export interface ExportProgress {
  readonly table: SourceTableName;
  readonly rows: number;
  readonly done: boolean;
}

export interface TableExportResult {
  readonly table: SourceTableName;
  readonly mode: 'full' | 'incremental';
  /** Lower bound read (watermark minus overlap) of an incremental export. */
  readonly since: string | undefined;
  readonly rows: number;
  /** Raw keys published, in order. */
  readonly objects: readonly string[];
  readonly previousWatermark: string | undefined;
  readonly watermark: string | undefined;
}

export interface ExportResult {
  /** The batch id of every object of this run. */
  readonly runId: string;
  /** The export day (UTC): the `dt=` partition of every object. */
  readonly dt: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly rows: number;
  readonly tables: readonly TableExportResult[];
}

export const EXPORT_DEFAULTS = {
  rowsPerFile: 1_000_000,
  overlapMs: 10 * 60 * 1000,
  rowsPerAppend: 5_000,
} as const;

export type ResolvedExportOptions = Required<Omit<ExportOptions, 'onProgress'>> &
  Pick<ExportOptions, 'onProgress'>;

export function resolveExportOptions(options: ExportOptions): ResolvedExportOptions {
  const resolved = {
    tables: options.tables ?? SOURCE_TABLE_NAMES,
    rowsPerFile: options.rowsPerFile ?? EXPORT_DEFAULTS.rowsPerFile,
    overlapMs: options.overlapMs ?? EXPORT_DEFAULTS.overlapMs,
    rowsPerAppend: options.rowsPerAppend ?? EXPORT_DEFAULTS.rowsPerAppend,
    now: options.now ?? (() => new Date()),
    onProgress: options.onProgress,
  };
  if (!Number.isInteger(resolved.rowsPerFile) || resolved.rowsPerFile < 1)
    invalid('rowsPerFile', 'a positive integer');
  if (!Number.isInteger(resolved.rowsPerAppend) || resolved.rowsPerAppend < 1)
    invalid('rowsPerAppend', 'a positive integer');
  if (!Number.isFinite(resolved.overlapMs) || resolved.overlapMs < 0)
    invalid('overlapMs', 'zero or more milliseconds');
  if (new Set(resolved.tables).size !== resolved.tables.length) invalid('tables', 'a list without repeats');
  return resolved;
}

function invalid(setting: string, expected: string): never {
  throw new ShoplakeError('invalid_argument', `The export setting ${setting} must be ${expected}.`, {
    retryable: false,
  });
}
