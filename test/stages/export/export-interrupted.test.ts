import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlSourceDatabase } from '../../../src/adapters/mysql/mysql-source-database.js';
import { ShoplakeError } from '../../../src/core/shoplake-error.js';
import { RAW } from '../../../src/core/zones.js';
import { watermarkKey } from '../../../src/stages/export/watermark-store.js';
import { mysqlChecksums, parquetChecksums } from './column-checksums.js';
import { createExportHarness, type ExportHarness } from './export-harness.js';
import { handMadeBatch } from './hand-made-world.js';

// Large enough that the server still has rows to send when the KILL lands (loopback buffers
// hold a few MB), small enough to seed in about a second.
const ITEMS = 150_000;

describe('an export whose connection is killed mid-stream', () => {
  let harness: ExportHarness;
  let failure: unknown;

  beforeAll(async () => {
    harness = await createExportHarness();
    await harness.seed([
      handMadeBatch('customers', { rows: 50 }),
      handMadeBatch('order_items', { rows: ITEMS }),
    ]);
    let source: MysqlSourceDatabase | undefined;
    let killed = false;
    failure = await harness
      .exportOnce(
        {
          tables: ['customers', 'order_items'],
          rowsPerFile: 20_000,
          rowsPerAppend: 1_000,
          onProgress: async ({ table, rows, done }) => {
            if (table !== 'order_items' || done || rows < 25_000 || killed) return;
            killed = true;
            await harness.db.query(`KILL ${source?.connectionId}`);
          },
        },
        (opened) => {
          source = opened;
        },
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
  });
  afterAll(async () => harness?.close());

  it('fails with a retryable error that says to run it again', () => {
    expect(failure).toBeInstanceOf(ShoplakeError);
    expect(failure).toMatchObject({
      code: 'transient_io',
      retryable: true,
      context: { table: 'order_items' },
    });
    expect((failure as Error).message).toMatch(
      /dropped the connection while exporting order_items.*run the same command again/s,
    );
    expect((failure as Error).message).toContain('customers finished before it');
  });

  it('publishes no object and moves no watermark for the interrupted table', async () => {
    expect(await harness.rawKeys('order_items/')).toEqual([]);
    expect(await harness.env.store.head(RAW, watermarkKey('order_items'))).toBeUndefined();
    expect(await harness.scratchLeftovers()).toEqual([]);
    // The table finished before the failure stays exported.
    expect(await harness.rawKeys('customers/')).toHaveLength(1);
    expect(await harness.env.store.head(RAW, watermarkKey('customers'))).toBeDefined();
  });

  it('loses nothing when run again', async () => {
    const rerun = await harness.exportOnce({ tables: ['customers', 'order_items'], rowsPerFile: 20_000 });
    expect(rerun.tables.map((t) => [t.table, t.mode])).toEqual([
      ['customers', 'incremental'],
      ['order_items', 'full'],
    ]);
    const keys = await harness.rawKeys('order_items/');
    expect(keys).toHaveLength(Math.ceil(ITEMS / 20_000));
    const expected = await mysqlChecksums(harness.db, 'order_items');
    const actual = await parquetChecksums(
      harness.engine,
      harness.pathsOf(keys),
      expected.columns.map((c) => c.column),
    );
    expect(actual).toEqual(expected);
  });
});
