// Per-column fingerprints of a table, computed by MySQL on the source and by the engine on the
// exported Parquet: row count, non-NULL count, and the sum of a 32-bit slice of each value's
// MD5. Values are rendered to the same canonical text on both sides first (decimals with
// their scale, timestamps with microseconds), so any rounding or truncation shows.

import type { Engine } from '../../../src/ports/engine.js';
import type { TestDatabase } from '../../adapters/mysql/mysql-test-database.js';

export interface ColumnChecksum {
  readonly column: string;
  readonly nonNull: string;
  readonly checksum: string;
}

export interface TableChecksums {
  readonly rows: string;
  readonly columns: readonly ColumnChecksum[];
}

interface ColumnRow {
  readonly name: string;
  readonly dataType: string;
  readonly columnType: string;
}

export async function mysqlChecksums(db: TestDatabase, table: string, where = ''): Promise<TableChecksums> {
  const columns = await db.query<ColumnRow>(
    `SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [table],
  );
  const parts = columns.flatMap((column) => {
    const text = mysqlText(column);
    return [
      `COUNT(\`${column.name}\`)`,
      `COALESCE(SUM(CAST(CONV(LEFT(MD5(${text}), 8), 16, 10) AS UNSIGNED)), 0)`,
    ];
  });
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT COUNT(*), ${parts.join(', ')} FROM \`${table}\` ${where}`,
    [],
  );
  return shape(
    columns.map((c) => c.name),
    Object.values(row ?? {}),
  );
}

export async function parquetChecksums(
  engine: Engine,
  paths: readonly string[],
  columns: readonly string[],
): Promise<TableChecksums> {
  const described = await engine.query(
    `DESCRIBE SELECT * FROM read_parquet([${paths.map((p) => `'${p}'`).join(', ')}], union_by_name = true)`,
  );
  const types = new Map(described.map((row) => [String(row.column_name), String(row.column_type)]));
  const parts = columns.flatMap((name) => {
    const text = engineText(`"${name}"`, types.get(name) ?? 'VARCHAR');
    return [`count("${name}")`, `coalesce(sum(('0x' || left(md5(${text}), 8))::UBIGINT), 0)`];
  });
  const source =
    paths.length === 0
      ? '(SELECT 1 WHERE false)'
      : `read_parquet([${paths.map((p) => `'${p}'`).join(', ')}], union_by_name = true)`;
  const [row] = await engine.query(`SELECT count(*), ${parts.join(', ')} FROM ${source}`);
  return shape(columns, Object.values(row ?? {}));
}

function mysqlText(column: ColumnRow): string {
  const name = `\`${column.name}\``;
  if (column.dataType === 'datetime' || column.dataType === 'timestamp')
    return `DATE_FORMAT(${name}, '%Y-%m-%d %H:%i:%s.%f')`;
  if (column.dataType === 'date') return `DATE_FORMAT(${name}, '%Y-%m-%d')`;
  return `CAST(${name} AS CHAR)`;
}

function engineText(name: string, type: string): string {
  if (type.startsWith('TIMESTAMP')) return `strftime(${name}, '%Y-%m-%d %H:%M:%S.%f')`;
  if (type === 'DATE') return `strftime(${name}, '%Y-%m-%d')`;
  if (type === 'BOOLEAN') return `CAST(CAST(${name} AS INTEGER) AS VARCHAR)`;
  return `CAST(${name} AS VARCHAR)`;
}

function shape(names: readonly string[], values: readonly unknown[]): TableChecksums {
  return {
    rows: String(values[0]),
    columns: names.map((column, i) => ({
      column,
      nonNull: String(values[1 + 2 * i]),
      checksum: String(values[2 + 2 * i]),
    })),
  };
}
