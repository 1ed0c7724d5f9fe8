// Opens mysql2 connections set up so that values arrive exactly: DECIMAL and BIGINT as
// strings, DATETIME as 'YYYY-MM-DD HH:MM:SS.ffffff' text in UTC, JSON as text, utf8mb4.

import mysql, { type Connection } from 'mysql2';
import { toShoplakeError } from './mysql-error.js';
import type { MysqlTarget } from './mysql-target.js';

export interface MysqlConnectionOptions {
  /** Rows as arrays rather than objects: less work per row when streaming. */
  readonly rowsAsArray?: boolean;
  readonly connectTimeoutMs?: number;
}

/** A paused stream must not be cut off by the server while a Parquet file is being written. */
const NET_WRITE_TIMEOUT_SECONDS = 600;

/**
 * @example
 * const connection = await openMysqlConnection(parseMysqlUrl(url));
 * const [rows] = await connection.promise().query('SELECT 1');
 */
export async function openMysqlConnection(
  target: MysqlTarget,
  options: MysqlConnectionOptions = {},
): Promise<Connection> {
  const connection = mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    jsonStrings: true,
    rowsAsArray: options.rowsAsArray ?? false,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
  });
  // Without a listener a dropped idle connection would crash the process; queries report it.
  connection.on('error', () => {});
  try {
    await connection.promise().connect();
    await connection
      .promise()
      .query(
        `SET time_zone = '+00:00', net_write_timeout = ${NET_WRITE_TIMEOUT_SECONDS}, net_read_timeout = ${NET_WRITE_TIMEOUT_SECONDS}`,
      );
  } catch (error: unknown) {
    connection.destroy();
    throw toShoplakeError(error, { target, doing: 'connecting' });
  }
  return connection;
}

/** Ends the connection politely, or tears it down when the server is already gone. */
export async function closeMysqlConnection(connection: Connection): Promise<void> {
  try {
    await connection.promise().end();
  } catch {
    connection.destroy();
  }
}
