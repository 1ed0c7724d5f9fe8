// DuckDB behind the SQL port. Parsing uses a long-lived, locked-down instance (and remembers
// recent parse trees); queries run in sandboxes, each a read-only database of views over one
// set of tables whose only readable files are those tables' files (see duckdb-sandbox.ts).

import { DuckDBInstance } from '@duckdb/node-api';
import type { EngineOptions } from '../../ports/engine.js';
import type { SqlEngine, SqlLimits, SqlResult, SqlTableSource } from '../../ports/sql-engine.js';
import { DuckDbSandboxPool, type SandboxPoolOptions } from './duckdb-sandbox-pool.js';

const PARSER_LOCKDOWN = [
  'SET enable_external_access = false',
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET lock_configuration = true',
] as const;

/** Parse trees kept at most, and the longest SQL whose tree is kept (a hand-written query is a few KB). */
const PARSE_CACHE_ENTRIES = 500;
const PARSE_CACHE_MAX_SQL = 16 * 1024;

export class DuckDbSqlEngine implements SqlEngine {
  private parser: Promise<DuckDBInstance> | undefined;
  private readonly trees = new Map<string, unknown>();
  private readonly sandboxes: DuckDbSandboxPool;

  constructor(options: EngineOptions & Omit<SandboxPoolOptions, keyof EngineOptions>) {
    this.sandboxes = new DuckDbSandboxPool(options);
  }

  async parse(sql: string): Promise<unknown> {
    const kept = this.trees.get(sql);
    if (kept !== undefined) return kept;
    // Frozen: every caller walks the same tree, and none may change it for the others.
    const tree = deepFreeze(JSON.parse(await this.serialize(sql)) as unknown);
    if (sql.length <= PARSE_CACHE_MAX_SQL) {
      this.trees.set(sql, tree);
      if (this.trees.size > PARSE_CACHE_ENTRIES) this.trees.delete(this.trees.keys().next().value ?? '');
    }
    return tree;
  }

  execute(sql: string, tables: readonly SqlTableSource[], limits: SqlLimits): Promise<SqlResult> {
    return this.sandboxes.with(tables, (sandbox) => sandbox.run(sql, limits));
  }

  async ping(): Promise<void> {
    await this.serialize('SELECT 1');
  }

  async close(): Promise<void> {
    const parser = this.parser;
    this.parser = undefined;
    if (parser) (await parser).closeSync();
    await this.sandboxes.close();
  }

  private async serialize(sql: string): Promise<string> {
    const connection = await (await this.parserInstance()).connect();
    try {
      // The text is a bound parameter: it is parsed as data by json_serialize_sql, never run.
      const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
      return String(reader.getRows()[0]?.[0]);
    } finally {
      connection.closeSync();
    }
  }

  private parserInstance(): Promise<DuckDBInstance> {
    this.parser ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '64MB' });
      const connection = await instance.connect();
      for (const statement of PARSER_LOCKDOWN) await connection.run(statement);
      connection.closeSync();
      return instance;
    })();
    return this.parser;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
