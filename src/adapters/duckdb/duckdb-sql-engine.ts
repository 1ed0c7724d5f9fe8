// DuckDB behind the SQL port. Parsing uses a long-lived, locked-down instance; every query
// gets a fresh in-memory instance whose only readable files are those of its views.

import { mkdir } from 'node:fs/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { EngineOptions } from '../../ports/engine.js';
import type { JsonValue, SqlEngine, SqlLimits, SqlResult, SqlTableSource } from '../../ports/sql-engine.js';

// The sandbox is locked after the views exist. DuckDB refuses to read a view's files once
// external access is off unless the files are listed in allowed_paths, so the list is exact:
// a folder allowance would also open the curated quarantine.
const LOCKDOWN = [
  'SET enable_external_access = false',
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET lock_configuration = true',
] as const;

export class DuckDbSqlEngine implements SqlEngine {
  private parser: Promise<DuckDBInstance> | undefined;

  constructor(private readonly options: EngineOptions) {}

  async parse(sql: string): Promise<unknown> {
    const connection = await (await this.parserInstance()).connect();
    try {
      // The text is a bound parameter: it is parsed as data by json_serialize_sql, never run.
      const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
      const text = reader.getRows()[0]?.[0];
      return JSON.parse(String(text)) as unknown;
    } finally {
      connection.closeSync();
    }
  }

  async execute(sql: string, tables: readonly SqlTableSource[], limits: SqlLimits): Promise<SqlResult> {
    const instance = await this.sandbox();
    try {
      const connection = await instance.connect();
      try {
        // Timestamps in the lake are UTC; answers must not depend on the server's zone.
        await connection.run("SET TimeZone = 'UTC'");
        await createViews(connection, tables);
        const paths = tables.flatMap((t) => t.paths);
        await connection.run(`SET allowed_paths = [${paths.map(literal).join(', ')}]`);
        for (const statement of LOCKDOWN) await connection.run(statement);
        return await runLimited(connection, sql, limits);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  }

  async ping(): Promise<void> {
    await this.parse('SELECT 1');
  }

  async close(): Promise<void> {
    const parser = this.parser;
    this.parser = undefined;
    if (parser) (await parser).closeSync();
  }

  private parserInstance(): Promise<DuckDBInstance> {
    this.parser ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '64MB' });
      const connection = await instance.connect();
      for (const statement of LOCKDOWN) await connection.run(statement);
      connection.closeSync();
      return instance;
    })();
    return this.parser;
  }

  private async sandbox(): Promise<DuckDBInstance> {
    await mkdir(this.options.spillDir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: this.options.memoryLimit,
      threads: String(this.options.threads),
      temp_directory: this.options.spillDir,
    });
    return instance;
  }
}

async function createViews(connection: DuckDBConnection, tables: readonly SqlTableSource[]): Promise<void> {
  for (const schema of new Set(tables.map((t) => t.schema))) {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
  }
  for (const table of tables) {
    await connection.run(`CREATE VIEW ${ident(table.schema)}.${ident(table.name)} AS ${viewBody(table)}`);
  }
}

function viewBody(table: SqlTableSource): string {
  if (table.paths.length > 0) {
    const files = `[${table.paths.map(literal).join(', ')}]`;
    return `SELECT * FROM read_parquet(${files}, hive_partitioning = ${table.hivePartitioning}, union_by_name = true)`;
  }
  // No files yet: an empty relation with the known columns, so queries still bind.
  if (table.columns.length === 0) return 'SELECT NULL AS "no_columns" LIMIT 0';
  return `SELECT ${table.columns.map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`).join(', ')} LIMIT 0`;
}

async function runLimited(connection: DuckDBConnection, sql: string, limits: SqlLimits): Promise<SqlResult> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, limits.timeoutMs);
  try {
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
