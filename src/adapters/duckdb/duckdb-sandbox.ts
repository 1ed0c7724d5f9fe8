// One SQL sandbox: a DuckDB database holding only views over the given tables' files, opened
// read-only and locked, whose only readable files are exactly those. It serves many queries,
// each on its own connection: nothing a query does outlives it (the database is read-only,
// temporary objects belong to the connection, settings are locked).

import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { EngineOptions } from '../../ports/engine.js';
import type { JsonValue, SqlLimits, SqlResult, SqlTableSource } from '../../ports/sql-engine.js';

// DuckDB refuses to read a view's files once external access is off unless they are listed
// in allowed_paths, so the list is exact: a folder allowance would also open the quarantine.
const LOCKDOWN = [
  'SET enable_external_access = false',
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET lock_configuration = true',
] as const;

/** The database file's name is the catalog name clients see (`current_database()`). */
const DATABASE_FILE = 'lake.duckdb';

export class DuckDbSandbox {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly folder: string,
  ) {}

  /**
   * Writes the views to a new database in `folder` (which must not exist), then reopens it
   * read-only and locked.
   */
  static async create(
    folder: string,
    tables: readonly SqlTableSource[],
    options: EngineOptions,
  ): Promise<DuckDbSandbox> {
    await mkdir(folder, { recursive: true });
    await mkdir(options.spillDir, { recursive: true });
    const file = join(folder, DATABASE_FILE);
    try {
      const writer = await DuckDBInstance.create(file, { threads: '1', memory_limit: '256MB' });
      try {
        const connection = await writer.connect();
        try {
          await createViews(connection, tables);
        } finally {
          connection.closeSync();
        }
      } finally {
        writer.closeSync();
      }
      const instance = await DuckDBInstance.create(file, {
        access_mode: 'READ_ONLY',
        memory_limit: options.memoryLimit,
        threads: String(options.threads),
        temp_directory: options.spillDir,
      });
      const setup = await instance.connect();
      try {
        // Timestamps in the lake are UTC; answers must not depend on the server's zone.
        await setup.run("SET GLOBAL TimeZone = 'UTC'");
        const paths = tables.flatMap((t) => t.paths);
        await setup.run(`SET allowed_paths = [${paths.map(literal).join(', ')}]`);
        for (const statement of LOCKDOWN) await setup.run(statement);
      } finally {
        setup.closeSync();
      }
      return new DuckDbSandbox(instance, folder);
    } catch (error: unknown) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs one statement on a fresh connection, within the limits. */
  async run(sql: string, limits: SqlLimits): Promise<SqlResult> {
    const connection = await this.instance.connect();
    try {
      return await runLimited(connection, sql, limits);
    } finally {
      connection.closeSync();
    }
  }

  async close(): Promise<void> {
    this.instance.closeSync();
    await rm(this.folder, { recursive: true, force: true });
  }
}

async function createViews(connection: DuckDBConnection, tables: readonly SqlTableSource[]): Promise<void> {
  for (const schema of new Set(tables.map((t) => t.schema))) {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
  }
  for (const table of tables) {
    const name = `${ident(table.schema)}.${ident(table.name)}`;
    if (table.paths.length > 0) {
      const files = `[${table.paths.map(literal).join(', ')}]`;
      await connection.run(
        `CREATE VIEW ${name} AS SELECT * FROM read_parquet(${files}, hive_partitioning = ${table.hivePartitioning}, union_by_name = true)`,
      );
    } else {
      // No files yet (or a metadata query): an empty table with the known columns, so queries still bind.
      const columns = table.columns.length > 0 ? table.columns : [{ name: 'no_columns', type: 'INTEGER' }];
      await connection.run(
        `CREATE TABLE ${name} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`,
      );
    }
  }
}

async function runLimited(connection: DuckDBConnection, sql: string, limits: SqlLimits): Promise<SqlResult> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, limits.timeoutMs);
  const onAbort = () => connection.interrupt();
  limits.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (limits.signal?.aborted) throw new Error('canceled before it started');
    // prepare() takes exactly one statement, a second line of defence behind the guard.
    const prepared = await connection.prepare(sql);
    try {
      // Streaming stops reading once one row past the limit is in: big answers are never built.
      const reader = await prepared.streamAndReadUntil(limits.maxRows + 1);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const rows = reader.getRowsJson() as JsonValue[][];
      return {
        columns: names.map((name, i) => ({ name, type: String(types[i]) })),
        rows: rows.slice(0, limits.maxRows),
        truncated: rows.length > limits.maxRows,
      };
    } finally {
      prepared.destroySync();
    }
  } catch (error: unknown) {
    if (limits.signal?.aborted) {
      throw new ShoplakeError('sql_canceled', 'The query was canceled by the client.', {
        retryable: false,
        cause: error,
      });
    }
    if (timedOut) {
      throw new ShoplakeError(
        'sql_timeout',
        `The query ran longer than ${limits.timeoutMs} ms and was stopped; add filters or aggregate before selecting rows.`,
        { retryable: false, cause: error },
      );
    }
    throw new ShoplakeError('sql_failed', `The query failed: ${withoutSqlEcho(errorMessage(error))}`, {
      retryable: false,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onAbort);
  }
}

// DuckDB appends the SQL text with a caret; the caller already has the SQL.
function withoutSqlEcho(message: string): string {
  return (message.split('\nLINE ')[0] ?? message).trim();
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
