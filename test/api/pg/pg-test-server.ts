// The Postgres endpoint as `shoplake serve --pg-port` runs it, on the SQL test lake: an HTTP
// API and a Postgres server sharing one engine, cache, catalog and query cap; plus the real
// `psql` and node-postgres as clients.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import { ApiServer } from '../../../src/api/api-server.js';
import { PgServer, type PgServerOptions } from '../../../src/api/pg/pg-server.js';
import type { SqlServices } from '../../../src/api/sql-services.js';
import { prodBucket } from '../../../src/core/zones.js';
import type { SqlEngine, SqlTableSource } from '../../../src/ports/sql-engine.js';
import { QueryResultCache } from '../../../src/stages/sql/query-result-cache.js';
import { createSqlTestLake, type SqlTestLake } from '../../stages/catalog/sql-test-lake.js';

export const PSQL = '/usr/bin/psql';
export const TOKEN = 'test-pg-token-0123456789';
/** psql's field separator in these tests (a byte no test value holds). */
export const SEP = '\x1f';

export interface PgTestServer {
  readonly lake: SqlTestLake;
  readonly api: ApiServer;
  readonly pg: PgServer;
  readonly services: SqlServices;
  /** Every execute() the engine got, with the tables it was given. */
  readonly executions: SqlTableSource[][];
  /** Another Postgres server on the same services, with other options. */
  startPg(options: Partial<PgServerOptions>, password?: string): Promise<PgServer>;
  close(): Promise<void>;
}

export async function startPgTestServer(): Promise<PgTestServer> {
  if (!existsSync(PSQL)) {
    throw new Error(`${PSQL} is missing: install the Postgres client (apt-get install postgresql-client).`);
  }
  const lake = await createSqlTestLake();
  await seedWireTypes(lake);
  const executions: SqlTableSource[][] = [];
  const services: SqlServices = {
    store: lake.store,
    engines: lake.engines,
    catalog: lake.catalog,
    sql: recording(lake.sql, executions),
    queryCache: new QueryResultCache(),
  };
  const logger = createSilentLogger();
  const api = await ApiServer.start(
    { ...services, logger, apiToken: TOKEN },
    { port: 0, host: '127.0.0.1', catalogRefreshMs: 0, queryTimeoutMs: 5_000 },
  );
  const startPg = (options: Partial<PgServerOptions>, password?: string) =>
    PgServer.start(
      { services, catalog: () => api.currentCatalog(), gate: api.queryGate, logger, password },
      { port: 0, host: '127.0.0.1', queryTimeoutMs: 5_000, ...options },
    );
  const pgServer = await startPg({});
  return {
    lake,
    api,
    pg: pgServer,
    services,
    executions,
    startPg,
    close: async () => {
      await pgServer.close();
      await api.close();
      await lake.close();
    },
  };
}

/** A prod table with the types the wire must carry: bigint, decimal, double, timestamp, date, text, bool, NULL. */
async function seedWireTypes(lake: SqlTestLake): Promise<void> {
  const bucket = prodBucket('retail-copilot');
  await lake.writeParquet(
    bucket,
    'wire_types/part-v000001-0000.parquet',
    `SELECT * FROM (VALUES
       (1, 1::BIGINT, 12.34::DECIMAL(12,2), 0.5::DOUBLE, TIMESTAMP '2026-01-02 03:04:05.123456', DATE '2026-01-02', 'grüße 😀 ✓', true),
       (2, 9007199254740993::BIGINT, -0.01::DECIMAL(12,2), 1e20::DOUBLE, TIMESTAMP '1999-12-31 23:59:59', DATE '1970-01-01', 'plain', false),
       (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
     ) t(id, big, amount, ratio, "at", "day", label, flag)`,
  );
  await lake.writeManifest(bucket, 'wire_types', ['wire_types/part-v000001-0000.parquet']);
}

// The real engine, recording what each execution was allowed to read.
function recording(inner: SqlEngine, executions: SqlTableSource[][]): SqlEngine {
  return {
    parse: (text) => inner.parse(text),
    execute: (sql, tables, limits) => {
      executions.push([...tables]);
      return inner.execute(sql, tables, limits);
    },
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}

export interface PsqlResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Unaligned, tuples-only output split into rows of fields. */
  readonly rows: string[][];
}

/** Runs the real psql client once: `psql -h 127.0.0.1 -p <port> -U shoplake -d lake -At -c <sql>`. */
export function psql(
  port: number,
  sql: string,
  options: { password?: string; env?: Record<string, string>; signalAfterMs?: number } = {},
): Promise<PsqlResult> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'shoplake', '-d', 'lake', '-X', '-At'];
  args.push('-F', SEP, '-P', 'null=NULL', '-c', sql);
  return new Promise((resolve, reject) => {
    const child = spawn(PSQL, args, {
      env: {
        ...process.env,
        PGPASSWORD: options.password ?? '',
        PGCONNECT_TIMEOUT: '5',
        PGCLIENTENCODING: 'UTF8',
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    if (options.signalAfterMs !== undefined) setTimeout(() => child.kill('SIGINT'), options.signalAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter((line) => line !== '');
      resolve({ code, stdout, stderr, rows: lines.map((line) => line.split(SEP)) });
    });
  });
}

/** A node-postgres client connected to `port`. */
export async function pgClient(port: number, password?: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'shoplake', database: 'lake', password });
  await client.connect();
  return client;
}
