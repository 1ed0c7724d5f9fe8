import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvRowBatch } from '../../../src/stages/export/csv-chunk-text.js';
import { ParquetPartWriter } from '../../../src/stages/export/parquet-part-writer.js';
import type { SourceColumn, SourceValue } from '../../../src/stages/export/source-database.js';
import { createTestLake, type TestLake } from '../../support/raw-fixtures.js';

const COLUMNS: SourceColumn[] = [
  { name: 'id', engineType: 'BIGINT', sourceType: 'bigint' },
  { name: 'amount', engineType: 'DECIMAL(12,2)', sourceType: 'decimal(12,2)' },
  { name: 'at', engineType: 'TIMESTAMP', sourceType: 'datetime(6)' },
  { name: 'note', engineType: 'VARCHAR', sourceType: 'text' },
];

function row(i: number): SourceValue[] {
  const note = i % 5 === 0 ? null : i % 5 === 1 ? '' : `n${i}, "q"\nline`;
  return [
    String(9_007_199_254_740_993n + BigInt(i)),
    `${i}.05`,
    `2025-01-02 03:04:05.${String(i).padStart(6, '0')}`,
    note,
  ];
}

describe('ParquetPartWriter', () => {
  let lake: TestLake;
  beforeEach(async () => {
    lake = await createTestLake();
  });
  afterEach(async () => {
    await lake.close();
  });

  it('cuts files at rowsPerFile across batches and keeps every value exact', async () => {
    const writer = new ParquetPartWriter(lake.engine, lake.store, COLUMNS, { rowsPerFile: 7 });
    const rows = Array.from({ length: 20 }, (_, i) => row(i));
    await writer.write(csvRowBatch(rows.slice(0, 4)));
    await writer.write(csvRowBatch(rows.slice(4, 5)));
    await writer.write(csvRowBatch(rows.slice(5)));
    const files = await writer.finish();
    expect(files).toHaveLength(3);
    const counts = await Promise.all(
      files.map(async (f) => Number((await lake.engine.query(`SELECT count(*) AS n FROM '${f}'`))[0]?.n)),
    );
    expect(counts).toEqual([7, 7, 6]);
    const back = await lake.engine.query(
      `SELECT CAST(id AS VARCHAR) AS id, CAST(amount AS VARCHAR) AS amount, strftime("at", '%Y-%m-%d %H:%M:%S.%f') AS "at", note
         FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}]) ORDER BY id`,
    );
    expect(back.map((r) => [r.id, r.amount, r.at, r.note])).toEqual(rows);
  });

  it('leaves no file behind when discarded mid-stream', async () => {
    const writer = new ParquetPartWriter(lake.engine, lake.store, COLUMNS, { rowsPerFile: 4 });
    await writer.write(csvRowBatch(Array.from({ length: 9 }, (_, i) => row(i))));
    await writer.discard();
    const scratch = await readdir(dirname(await lake.store.scratchPath('.probe')));
    expect(scratch.filter((name) => /\.(csv|parquet)$/.test(name))).toEqual([]);
  });

  it('refuses a value its column cannot hold, naming the column but never quoting the row', async () => {
    const writer = new ParquetPartWriter(lake.engine, lake.store, COLUMNS, { rowsPerFile: 4 });
    const bad = ['7', '1.05', '0000-00-00 00:00:00', 'card 4111 1111 1111 1111 cvv 123'];
    await writer.write(csvRowBatch([row(1), bad]));
    const failure = await writer.finish().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(
      /^Row 2 of export part 1 cannot be written to Parquet, column at \(datetime\(6\)\): /,
    );
    expect(failure?.message).toContain('0000-00-00 00:00:00');
    expect(failure?.message).not.toMatch(/4111|cvv/);
    await writer.discard();
  });
});
