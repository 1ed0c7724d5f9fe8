import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlSink } from '../../../src/adapters/mysql/mysql-sink.js';
import type { ExportResult } from '../../../src/stages/export/export-options.js';
import { shiftTimestamp } from '../../../src/stages/export/timestamp-text.js';
import { mysqlChecksums, parquetChecksums } from './column-checksums.js';
import { createExportHarness, type ExportHarness } from './export-harness.js';
import { handMadeBatch } from './hand-made-world.js';

const MINUTE = 60_000;
const OVERLAP = 10 * MINUTE;

describe('an incremental export', () => {
  let harness: ExportHarness;
  let first: ExportResult;
  let second: ExportResult;
  let watermark: string;
  let newestBefore: string;

  const idsIn = async (result: ExportResult) => {
    const keys = result.tables[0]?.objects ?? [];
    if (keys.length === 0) return [];
    const rows = await harness.engine.query(
      `SELECT order_id::VARCHAR AS id FROM read_parquet(['${harness.pathsOf(keys).join("','")}']) ORDER BY order_id`,
    );
    return rows.map((row) => String(row.id));
  };
  const idsWhere = async (where: string) =>
    (
      await harness.db.query<{ id: string }>(
        `SELECT CAST(order_id AS CHAR) AS id FROM orders WHERE ${where} ORDER BY order_id`,
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    harness = await createExportHarness();
    await harness.seed([handMadeBatch('orders', { rows: 400 })]);
    [{ newest: newestBefore } = { newest: '' }] = await harness.db.query<{ newest: string }>(
      'SELECT MAX(updated_at) AS newest FROM orders',
    );
    first = await harness.exportOnce({ tables: ['orders'] });
    watermark = first.tables[0]?.watermark ?? '';

    const sink = await MysqlSink.open(harness.db.target);
    await sink.load(
      handMadeBatch('orders', { rows: 10, firstId: 1000, updatedAt: shiftTimestamp(watermark, 60 * MINUTE) }),
    );
    // A long transaction that stamped its rows before the last export but committed after it.
    await sink.load(
      handMadeBatch('orders', { rows: 3, firstId: 2000, updatedAt: shiftTimestamp(watermark, -5 * MINUTE) }),
    );
    await sink.close();
    await harness.db.query(
      `UPDATE orders SET total_amount = total_amount - 0.01, updated_at = ? WHERE order_id IN
         (SELECT order_id FROM (SELECT order_id FROM orders ORDER BY order_id LIMIT 5) AS five)`,
      [shiftTimestamp(watermark, 120 * MINUTE)],
    );
    second = await harness.exportOnce({ tables: ['orders'], overlapMs: OVERLAP });
  });
  afterAll(async () => harness?.close());

  it('starts with a full export whose watermark is the newest updated_at', async () => {
    expect(first.tables[0]).toMatchObject({ mode: 'full', rows: 400, previousWatermark: undefined });
    expect(watermark).toBe(newestBefore);
  });

  it('picks up exactly the inserted and updated rows plus the overlap window', async () => {
    const since = shiftTimestamp(watermark, -OVERLAP);
    expect(second.tables[0]).toMatchObject({ mode: 'incremental', since, previousWatermark: watermark });
    const exported = await idsIn(second);
    expect(exported).toEqual(await idsWhere(`updated_at >= '${since}'`));
    // The 10 inserts, the 3 late commits and the 5 updates, beside old rows in the overlap.
    const changed = await idsWhere(`updated_at > '${watermark}' OR order_id >= 9007199254742993`);
    expect(changed).toHaveLength(10 + 3 + 5);
    expect(exported).toEqual(expect.arrayContaining(changed));
    expect(exported.length).toBeLessThan(400);
    const checks = await mysqlChecksums(harness.db, 'orders', `WHERE updated_at >= '${since}'`);
    const keys = second.tables[0]?.objects ?? [];
    expect(
      await parquetChecksums(
        harness.engine,
        harness.pathsOf(keys),
        checks.columns.map((c) => c.column),
      ),
    ).toEqual(checks);
  });

  it('moves the watermark to the newest change and keeps older objects', async () => {
    expect(second.tables[0]?.watermark).toBe(shiftTimestamp(watermark, 120 * MINUTE));
    expect(await harness.rawKeys('orders/')).toEqual(
      [...first.tables[0]!.objects, ...second.tables[0]!.objects].sort(),
    );
  });

  it('re-reads only the overlap when nothing changed', async () => {
    const third = await harness.exportOnce({ tables: ['orders'], overlapMs: OVERLAP });
    expect(await idsIn(third)).toEqual(
      await idsWhere(`updated_at >= '${shiftTimestamp(watermark, 110 * MINUTE)}'`),
    );
    expect(third.tables[0]?.watermark).toBe(second.tables[0]?.watermark);
  });

  it('never moves the watermark past the server clock, so future-stamped rows are re-read, not skipped', async () => {
    await harness.db.query(
      "UPDATE orders SET updated_at = '2099-01-01 00:00:00.000000' WHERE order_id = 9007199254740993",
    );
    const [{ now } = { now: '' }] = await harness.db.query<{ now: string }>('SELECT NOW(6) AS now');
    const run = await harness.exportOnce({ tables: ['orders'] });
    const moved = run.tables[0]?.watermark ?? '';
    expect(moved < '2099').toBe(true);
    expect(moved >= now.slice(0, 16)).toBe(true);
    const again = await harness.exportOnce({ tables: ['orders'] });
    expect(await idsIn(again)).toContain('9007199254740993');
  });
});
