// A throwaway database on the local MariaDB for one test file: `shoplake_test_<random>`,
// dropped afterwards. A server that is down fails the test (never skips it) and says how to
// start it.

import { randomBytes } from 'node:crypto';
import type { Connection } from 'mysql2';
import { closeMysqlConnection, openMysqlConnection } from '../../../src/adapters/mysql/mysql-connection.js';
import { LOCAL_START_COMMAND } from '../../../src/adapters/mysql/mysql-error.js';
import { type MysqlTarget, parseMysqlUrl, withDatabase } from '../../../src/adapters/mysql/mysql-target.js';
import { errorMessage } from '../../../src/core/shoplake-error.js';

export const TEST_SERVER_URL = 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly target: MysqlTarget;
  /** Rows as objects; DECIMAL/BIGINT/DATETIME as exact text. */
  query<T = Record<string, unknown>>(sql: string, values?: readonly unknown[]): Promise<T[]>;
  /** A second session, e.g. to KILL the export's connection. */
  admin: Connection;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `shoplake_test_${randomBytes(4).toString('hex')}`;
  const server = parseMysqlUrl(TEST_SERVER_URL);
  let admin: Connection;
  try {
    admin = await openMysqlConnection(server);
  } catch (error: unknown) {
    throw new Error(
      `These tests need MariaDB at 127.0.0.1:3306 (root, empty password) and could not connect: ${errorMessage(error)}\n` +
        `Start it with: ${LOCAL_START_COMMAND}`,
    );
  }
  await admin.promise().query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.promise().query(`USE \`${name}\``);
  const target = withDatabase(server, name);
  return {
    name,
    url: `${TEST_SERVER_URL}/${name}`,
    target,
    admin,
    async query<T>(sql: string, values: readonly unknown[] = []): Promise<T[]> {
      const [rows] = await admin.promise().query(sql, values as unknown[]);
      return rows as T[];
    },
    async drop(): Promise<void> {
      // Only ever our own database, whose name we made.
      if (name.startsWith('shoplake_test_'))
        await admin.promise().query(`DROP DATABASE IF EXISTS \`${name}\``);
      await closeMysqlConnection(admin);
    },
  };
}
