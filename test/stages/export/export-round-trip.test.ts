import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRawKey } from '../../../src/core/raw-key.js';
import { SOURCE_TABLE_NAMES, SOURCE_TABLES } from '../../../src/core/source-tables.js';
import type { ExportResult } from '../../../src/stages/export/export-options.js';
import { watermarkKey } from '../../../src/stages/export/watermark-store.js';
import { generateWorld } from '../../../src/stages/generate/generate-world.js';
import { mysqlChecksums, parquetChecksums } from './column-checksums.js';
import { createExportHarness, type ExportHarness } from './export-harness.js';
import { handMadeWorld } from './hand-made-world.js';

const ROWS = 700;
const ROWS_PER_FILE = 300;

describe('a full export to the raw zone', () => {
  let harness: ExportHarness;
  let result: ExportResult;

  beforeAll(async () => {
    harness = await createExportHarness();
    await harness.seed(handMadeWorld(ROWS));
    result = await harness.exportOnce({ rowsPerFile: ROWS_PER_FILE, rowsPerAppend: 128 });
  });
  afterAll(async () => harness?.close());

  it('exports every table in full, split into files of the configured size', async () => {
    expect(result.tables.map((t) => [t.table, t.mode, t.rows])).toEqual(
      SOURCE_TABLE_NAMES.map((table) => [table, 'full', ROWS]),
    );
    for (const table of SOURCE_TABLE_NAMES) {
      const keys = await harness.rawKeys(`${table}/`);
      expect(keys).toHaveLength(Math.ceil(ROWS / ROWS_PER_FILE));
      for (const key of keys) {
        expect(key).toMatch(new RegExp(`^${table}/dt=${result.dt}/${result.runId}-\\d{5}\\.parquet$`));
        expect(parseRawKey(key)).toMatchObject({ table, dt: result.dt });
      }
    }
  });

  it('writes Parquet equal to the source table by table, column by column', async () => {
    for (const table of SOURCE_TABLE_NAMES) {
      const keys = await harness.rawKeys(`${table}/`);
      const expected = await mysqlChecksums(harness.db, table);
      const names = expected.columns.map((c) => c.column);
      const actual = await parquetChecksums(harness.engine, harness.pathsOf(keys), names);
      expect(actual, table).toEqual(expected);
    }
  });

  it('keeps the contract types exactly: DECIMAL(12,2), µs timestamps, 64-bit integers', async () => {
    const paths = harness.pathsOf(await harness.rawKeys('orders/'));
    const described = await harness.engine.query(
      `DESCRIBE SELECT * FROM read_parquet(['${paths.join("','")}'])`,
    );
    const types = Object.fromEntries(described.map((row) => [row.column_name, row.column_type]));
    expect(types).toMatchObject({
      order_id: 'BIGINT',
      total_amount: 'DECIMAL(12,2)',
      order_ts: 'TIMESTAMP',
      notes: 'VARCHAR',
    });
    const [max] = await harness.engine.query(
      `SELECT max(order_id)::VARCHAR AS id, max(total_amount)::VARCHAR AS total FROM read_parquet(['${paths.join("','")}'])`,
    );
    const [source] = await harness.db.query(
      'SELECT CAST(MAX(order_id) AS CHAR) AS id, CAST(MAX(total_amount) AS CHAR) AS total FROM orders',
    );
    expect(max).toEqual(source);
    expect(max?.total).toBe('9999999999.99');
  });

  it('round-trips utf8mb4 emoji, control characters and NULLs', async () => {
    const paths = harness.pathsOf(await harness.rawKeys('orders/'));
    const lake = await harness.engine.query(
      `SELECT notes, count(*)::INTEGER AS n FROM read_parquet(['${paths.join("','")}']) GROUP BY notes ORDER BY notes NULLS FIRST`,
    );
    const source = await harness.db.query(
      'SELECT notes, COUNT(*) AS n FROM orders GROUP BY notes ORDER BY notes',
    );
    expect(lake).toEqual(source.map((row) => ({ notes: row.notes, n: Number(row.n) })));
    expect(lake.map((row) => row.notes)).toEqual(
      expect.arrayContaining([
        null,
        'call me 😀',
        'Grüße 🇩🇪 ✓',
        'tab\there',
        'line\nbreak',
        'back\\slash, \\N',
      ]),
    );
  });

  it('records a watermark per table and leaves nothing in scratch space', async () => {
    for (const table of SOURCE_TABLE_NAMES) {
      const [row] = await harness.db.query<{ newest: string }>(
        `SELECT MAX(updated_at) AS newest FROM ${table}`,
      );
      const stored = JSON.parse(
        new TextDecoder().decode(await harness.env.store.get({ zone: 'raw' }, watermarkKey(table))),
      );
      expect(stored).toMatchObject({
        table,
        column: 'updated_at',
        value: row?.newest,
        runId: result.runId,
        rows: ROWS,
      });
    }
    expect(await harness.scratchLeftovers()).toEqual([]);
    expect(Object.keys(SOURCE_TABLES)).toHaveLength(SOURCE_TABLE_NAMES.length);
  });
});

describe('a full export of a generated shop, dirt and schema drift included', () => {
  let harness: ExportHarness;

  beforeAll(async () => {
    harness = await createExportHarness();
    await harness.seed(generateWorld({ orders: 400, seed: 5 }));
  });
  afterAll(async () => harness?.close());

  it('writes Parquet equal to the source, extra columns too', async () => {
    const result = await harness.exportOnce({ rowsPerFile: 700 });
    let extras = 0;
    for (const { table, objects } of result.tables) {
      const expected = await mysqlChecksums(harness.db, table);
      const names = expected.columns.map((c) => c.column);
      extras += names.filter((name) => !SOURCE_TABLES[table].columns.some((c) => c.name === name)).length;
      expect(await parquetChecksums(harness.engine, harness.pathsOf(objects), names), table).toEqual(
        expected,
      );
    }
    expect(extras).toBeGreaterThan(0);
  });
});
