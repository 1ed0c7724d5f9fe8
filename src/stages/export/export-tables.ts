// The export stage's entry point, shared by the CLI (`shoplake export`, once or `--every`) and
// the scheduled AWS Lambda: checks every requested table first, then exports them one by one.

import { randomBytes } from 'node:crypto';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { SOURCE_TABLES, type SourceTableName } from '../../core/source-tables.js';
import { checkSourceTable } from './check-source-table.js';
import {
  type ExportOptions,
  type ExportPorts,
  type ExportResult,
  resolveExportOptions,
  type TableExportResult,
} from './export-options.js';
import { exportTable } from './export-table.js';
import type { SourceColumn } from './source-database.js';
import { WatermarkStore } from './watermark-store.js';

/**
 * Exports the tables to the raw zone; the first run per table is full, later runs incremental.
 * Throws on the first failure; tables finished before it keep their objects and watermarks.
 *
 * @example
 * const result = await exportTables({ tables: ['orders'] }, { source, store: env.store, engines: env.engines });
 * console.log(result.tables.map((t) => `${t.table}: ${t.rows} rows`));
 */
export async function exportTables(options: ExportOptions, ports: ExportPorts): Promise<ExportResult> {
  const resolved = resolveExportOptions(options);
  const started = resolved.now();
  const runId = newRunId(started);
  const dt = started.toISOString().slice(0, 10);
  // Every table is checked before any row moves, so a typo does not leave half a run behind.
  const plan: [SourceTableName, readonly SourceColumn[]][] = [];
  for (const table of resolved.tables) {
    const columns = await ports.source.describeTable(table);
    plan.push([table, checkSourceTable(SOURCE_TABLES[table], columns, ports.source.description)]);
  }
  const engine = await ports.engines.open();
  const watermarks = new WatermarkStore(ports.store);
  const results: TableExportResult[] = [];
  try {
    for (const [table, columns] of plan) {
      const context = {
        runId,
        dt,
        source: ports.source,
        store: ports.store,
        engine,
        watermarks,
        options: resolved,
      };
      results.push(
        await exportTable(table, columns, context).catch((error: unknown) => {
          throw withRunContext(error, runId, table, results);
        }),
      );
    }
  } finally {
    await engine.close();
  }
  return {
    runId,
    dt,
    startedAt: started.toISOString(),
    finishedAt: resolved.now().toISOString(),
    rows: results.reduce((sum, result) => sum + result.rows, 0),
    tables: results,
  };
}

/** `exp-20260102T030405Z-1a2b3c`: sortable by time, unique across concurrent runs. */
export function newRunId(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `exp-${stamp}-${randomBytes(3).toString('hex')}`;
}

function withRunContext(
  error: unknown,
  runId: string,
  table: string,
  done: readonly TableExportResult[],
): unknown {
  if (!(error instanceof ShoplakeError)) return error;
  const finished = done.map((result) => result.table);
  const note = finished.length > 0 ? ` (${finished.join(', ')} finished before it and stay exported)` : '';
  return new ShoplakeError(error.code, `${error.message}${note}`, {
    retryable: error.retryable,
    context: { ...error.context, runId, table, finishedTables: finished },
    cause: error.cause,
  });
}
