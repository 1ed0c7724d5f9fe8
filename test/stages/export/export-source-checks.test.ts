import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_START_COMMAND } from '../../../src/adapters/mysql/mysql-error.js';
import { MysqlSourceDatabase } from '../../../src/adapters/mysql/mysql-source-database.js';
import { ShoplakeError } from '../../../src/core/shoplake-error.js';
import { createExportHarness, type ExportHarness } from './export-harness.js';
import { handMadeWorld } from './hand-made-world.js';

const PASSWORD = 'Wr0ng-s3cret-PASSWORD';

function everythingPrintable(error: unknown): string {
  const e = error as ShoplakeError;
  return [
    String(e),
    e.message,
    e.stack,
    JSON.stringify(e.toJSON()),
    String(e.cause),
    (e.cause as Error)?.stack,
  ].join('\n');
}

describe('the export refuses a source it cannot export faithfully', () => {
  let harness: ExportHarness;

  beforeAll(async () => {
    harness = await createExportHarness();
    await harness.seed(handMadeWorld(20));
  });
  afterAll(async () => harness?.close());

  it('names a missing table and exports nothing at all', async () => {
    await harness.db.query('RENAME TABLE payments TO payments_old');
    try {
      const failure = await harness.exportOnce().catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'not_found', retryable: false, context: { table: 'payments' } });
      expect((failure as Error).message).toContain(
        `The table 'payments' does not exist in root@127.0.0.1:3306/${harness.db.name}`,
      );
      expect(await harness.rawKeys()).toEqual([]);
    } finally {
      await harness.db.query('RENAME TABLE payments_old TO payments');
    }
  });

  it('names the missing contract columns', async () => {
    await harness.db.query('ALTER TABLE orders DROP COLUMN total_amount, DROP COLUMN currency');
    try {
      const failure = await harness.exportOnce({ tables: ['orders'] }).catch((error: unknown) => error);
      expect(failure).toMatchObject({
        code: 'schema_mismatch',
        context: { table: 'orders', missing: ['currency', 'total_amount'] },
      });
      expect((failure as Error).message).toContain('lacks the contract column(s) currency, total_amount');
      expect(await harness.rawKeys()).toEqual([]);
    } finally {
      await harness.db.query(
        'ALTER TABLE orders ADD COLUMN currency CHAR(3) NOT NULL, ADD COLUMN total_amount DECIMAL(12,2) NOT NULL',
      );
    }
  });

  it('exports extra columns with a type mapped from MySQL', async () => {
    await harness.db.query(
      `ALTER TABLE products ADD COLUMN weight_kg DECIMAL(8,3) NULL, ADD COLUMN stock INT UNSIGNED NULL,
         ADD COLUMN launched DATE NULL, ADD COLUMN tags JSON NULL, ADD COLUMN thumb VARBINARY(8) NULL`,
    );
    await harness.db.query(
      `UPDATE products SET weight_kg = 12345.678, stock = 4294967295, launched = '2024-02-29',
         tags = '{"a": [1, 2]}', thumb = 0x00FF10`,
    );
    const result = await harness.exportOnce({ tables: ['products'] });
    const paths = harness.pathsOf(result.tables[0]?.objects ?? []);
    const described = await harness.engine.query(
      `DESCRIBE SELECT * FROM read_parquet(['${paths.join("','")}'])`,
    );
    const types = Object.fromEntries(described.map((row) => [row.column_name, row.column_type]));
    expect(types).toMatchObject({
      weight_kg: 'DECIMAL(8,3)',
      stock: 'BIGINT',
      launched: 'DATE',
      tags: 'VARCHAR',
      thumb: 'BLOB',
    });
    const [row] = await harness.engine.query(
      `SELECT weight_kg::VARCHAR AS w, stock::VARCHAR AS s, tags, hex(thumb) AS thumb FROM read_parquet(['${paths.join("','")}']) LIMIT 1`,
    );
    expect(row).toEqual({ w: '12345.678', s: '4294967295', tags: '{"a": [1, 2]}', thumb: '00FF10' });
  });

  it('says where an unreachable server is and how to start it', async () => {
    const failure = await MysqlSourceDatabase.open({ ...harness.db.target, port: 1 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ShoplakeError);
    expect(failure).toMatchObject({ code: 'transient_io', retryable: true });
    expect((failure as Error).message).toContain('127.0.0.1:1');
    expect((failure as Error).message).toContain(LOCAL_START_COMMAND);
  });

  it('rejects wrong credentials without ever showing the password', async () => {
    const failure = await MysqlSourceDatabase.open({ ...harness.db.target, password: PASSWORD }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'access_denied', retryable: false });
    expect((failure as Error).message).toContain("refused user 'root'");
    expect(everythingPrintable(failure)).not.toContain(PASSWORD);
  });
});
