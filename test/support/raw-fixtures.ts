// Small hand-made raw objects for tests: rows as JS values, written as Parquet with the
// column types a test asks for (contract types, or drifted ones).

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { DuckDbEngine, DuckDbEngineFactory } from '../../src/adapters/duckdb/duckdb-engine.js';
import { LocalObjectStore } from '../../src/adapters/local-fs/local-object-store.js';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { objectCreatedRecord } from '../../src/core/s3-event.js';
import { SOURCE_TABLES, type SourceTableName, SQL_TYPES } from '../../src/core/source-tables.js';
import { CURATED, RAW } from '../../src/core/zones.js';
import type { Engine, Row } from '../../src/ports/engine.js';
import type { CurateStep } from '../../src/stages/curate/curate-table.js';
import {
  createRawToCuratedHandler,
  type RawToCuratedHandler,
} from '../../src/stages/curate/raw-to-curated-handler.js';
import { readManifest } from '../../src/stages/curate/table-manifest.js';

export const TEST_HMAC_KEY = 'test-hmac-key-0123456789abcdef';

export interface TestLake {
  readonly dataDir: string;
  readonly store: LocalObjectStore;
  readonly engine: Engine;
  readonly engines: DuckDbEngineFactory;
  close(): Promise<void>;
}

export async function createTestLake(dataDir?: string): Promise<TestLake> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'shoplake-lake-')));
  const store = new LocalObjectStore({ dataDir: dir, bucketPrefix: 'shoplake' });
  const options = { spillDir: join(dir, '.tmp', 'spill'), memoryLimit: '1GB', threads: 2 };
  const engine = await DuckDbEngine.create(options);
  return {
    dataDir: dir,
    store,
    engine,
    engines: new DuckDbEngineFactory(options),
    close: () => engine.close(),
  };
}

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * Writes rows (objects keyed by column) as a raw object. Columns take their contract type
 * unless `types` says otherwise (e.g. { total_amount: 'VARCHAR' } for a drifted export).
 */
export async function putRaw(
  lake: TestLake,
  table: SourceTableName,
  key: string,
  rows: readonly Record<string, unknown>[],
  types: Readonly<Record<string, string>> = {},
): Promise<string> {
  const spec = SOURCE_TABLES[table];
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const typeOf = (name: string) =>
    types[name] ??
    (() => {
      const column = spec.columns.find((c) => c.name === name);
      return column ? SQL_TYPES[column.type] : 'VARCHAR';
    })();
  const select = rows
    .map(
      (row) =>
        `SELECT ${names.map((n) => `CAST(${sqlLiteral(row[n])} AS ${typeOf(n)}) AS "${n}"`).join(', ')}`,
    )
    .join(' UNION ALL ');
  const path = await lake.store.scratchPath('.parquet');
  await lake.engine.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  await lake.store.putFile(RAW, key, path);
  return key;
}

export function testHandler(
  lake: TestLake,
  onStep?: (table: SourceTableName, step: CurateStep) => void | Promise<void>,
): RawToCuratedHandler {
  return createRawToCuratedHandler({
    store: lake.store,
    engines: lake.engines,
    hmacKey: TEST_HMAC_KEY,
    bucketPrefix: 'shoplake',
    rowsPerFile: 100_000,
    logger: createSilentLogger(),
    onStep,
  });
}

/** An S3 event for raw objects, as S3 would send it. */
export async function rawEvent(lake: TestLake, keys: readonly string[]): Promise<S3Event> {
  const records = [];
  for (const key of keys) {
    const info = await lake.store.head(RAW, key);
    if (!info) throw new Error(`no raw object ${key}`);
    records.push(
      objectCreatedRecord({
        bucketName: 'shoplake-raw',
        key,
        size: info.size,
        etag: info.etag,
        eventTime: info.lastModified,
        sequencer: '1',
      }),
    );
  }
  return { Records: records };
}

export const context = (id = 'test-run') => ({ awsRequestId: id }) as never;

/** The committed curated rows of a table, ordered by primary key (or quarantine rows). */
export async function curatedRows(
  lake: TestLake,
  table: SourceTableName,
  which: 'curated' | 'quarantine' = 'curated',
): Promise<Row[]> {
  const manifest = await readManifest(lake.store, table);
  const files = which === 'curated' ? manifest.files : manifest.quarantineFiles;
  if (files.length === 0) return [];
  const paths = files.map((f) => lake.store.pathOf(CURATED, f));
  const order =
    which === 'curated'
      ? `"${SOURCE_TABLES[table].primaryKey}"`
      : `_reject_rule, "${SOURCE_TABLES[table].primaryKey}", _source_key`;
  return lake.engine.query(
    `SELECT * EXCLUDE (${which === 'quarantine' ? '_rejected_at' : '_ingested_at'}) FROM read_parquet([${paths.map((p) => `'${p}'`).join(', ')}], union_by_name = true) ORDER BY ${order}`,
  );
}
