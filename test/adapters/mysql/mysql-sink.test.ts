import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlSink } from '../../../src/adapters/mysql/mysql-sink.js';
import { withDatabase } from '../../../src/adapters/mysql/mysql-target.js';
import { handMadeBatch } from '../../stages/export/hand-made-world.js';
import { createTestDatabase, type TestDatabase } from './mysql-test-database.js';

const CONTRACT_SQL = new URL('../../../../shared/contract/source-schema.sql', import.meta.url);

describe('MysqlSink', () => {
  let db: TestDatabase;
  let sink: MysqlSink;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await MysqlSink.open(db.target);
  });
  afterAll(async () => {
    await sink?.close();
    await db?.drop();
  });

  it('creates the schema of source-schema.sql, column for column', async () => {
    const contract = `${db.name}_c`;
    await db.query(`CREATE DATABASE \`${contract}\``);
    try {
      const sql = (await readFile(CONTRACT_SQL, 'utf8')).replace(/--.*$/gm, '');
      for (const statement of sql.split(';').filter((s) => s.trim())) {
        await db.query(`CREATE TABLE \`${contract}\`.${statement.trim().replace(/^CREATE TABLE /i, '')}`);
      }
      const describe = (schema: string) =>
        db.query(
          `SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_KEY
             FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
          [schema],
        );
      const ours = await describe(db.name);
      expect(ours.length).toBeGreaterThan(60);
      expect(ours).toEqual(await describe(contract));
    } finally {
      await db.query(`DROP DATABASE \`${contract}\``);
    }
  });

  it('lets a later version of a row replace the earlier one, also within one batch', async () => {
    await sink.load(handMadeBatch('products', { rows: 5, updatedAt: '2025-01-01 00:00:00.000001' }));
    const later = handMadeBatch('products', { rows: 2, firstId: 3, updatedAt: '2025-02-02 00:00:00.000002' });
    const twice = {
      ...later,
      rows: [...later.rows, ...later.rows.map((row) => row.map((v, i) => (i === 2 ? 'second' : v)))],
    };
    const result = await sink.load(twice);
    expect(result).toEqual({ rows: 4, warnings: 0, skipped: false });
    const rows = await db.query<{ id: string; name: string; updated_at: string }>(
      'SELECT CAST(product_id AS CHAR) AS id, name, updated_at FROM products ORDER BY product_id',
    );
    expect(rows.map((row) => row.updated_at)).toEqual([
      '2025-01-01 00:00:00.000001',
      '2025-01-01 00:00:00.000001',
      '2025-01-01 00:00:00.000001',
      '2025-02-02 00:00:00.000002',
      '2025-02-02 00:00:00.000002',
    ]);
    expect(rows.slice(3).map((row) => row.name)).toEqual(['second', 'second']);
  });

  it('skips batches MySQL would refuse and keeps the rest of the dirt', async () => {
    const refused = { ...handMadeBatch('customers', { rows: 3, firstId: 100 }), mysqlLoadable: false };
    expect(await sink.load(refused)).toEqual({ rows: 0, warnings: 0, skipped: true });
    const dirty = handMadeBatch('customers', { rows: 1, firstId: 200 });
    const emailAt = dirty.columns.findIndex((column) => column.name === 'email');
    const row = dirty.rows[0]!.map((v, i) => (i === emailAt ? '  not-an-email\t😀 ' : v));
    expect(await sink.load({ ...dirty, rows: [row] })).toMatchObject({ rows: 1, warnings: 0 });
    expect(await db.query('SELECT email FROM customers')).toEqual([{ email: '  not-an-email\t😀 ' }]);
  });

  it('adds the extra columns a batch carries (schema drift)', async () => {
    const batch = handMadeBatch('search_events', { rows: 2 });
    const drifted = {
      ...batch,
      columns: [...batch.columns, { name: 'experiment_arm', type: 'string' as const }],
      rows: batch.rows.map((row, i) => [...row, i === 0 ? 'B' : null]),
    };
    await sink.load(drifted);
    expect(await db.query('SELECT experiment_arm FROM search_events ORDER BY event_id')).toEqual([
      { experiment_arm: 'B' },
      { experiment_arm: null },
    ]);
  });

  it('refuses a URL without a database', async () => {
    await expect(MysqlSink.open(withDatabase(db.target, undefined))).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
