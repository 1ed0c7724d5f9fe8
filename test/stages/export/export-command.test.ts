import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../../src/cli/commands/export-command.js';
import { seedMysqlCommand } from '../../../src/cli/commands/seed-mysql-command.js';
import { createTestDatabase, type TestDatabase } from '../../adapters/mysql/mysql-test-database.js';
import { runCli } from '../../support/run-cli.js';

const PASSWORD = 'Sup3r-Secret-Passw0rd';

describe('shoplake export and seed-mysql on the command line', () => {
  let db: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'shoplake-export-cli-'));
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports wrong credentials without echoing the password', async () => {
    const url = `mysql://root:${PASSWORD}@127.0.0.1:3306/${db.name}`;
    for (const command of [exportCommand(), seedMysqlCommand()]) {
      const { out, err, code } = await runCli(command, [
        '--mysql',
        url,
        ...(command.name() === 'export' ? ['--data-dir', dataDir] : []),
      ]);
      expect(code).toBe(1);
      expect(err).toContain("refused user 'root'");
      expect(out + err).not.toContain(PASSWORD);
    }
  });

  it('seeds a generated shop and exports it, then exports incrementally', async () => {
    const seeded = await runCli(seedMysqlCommand(), [
      '--mysql',
      db.url,
      '--orders',
      '300',
      '--seed',
      '3',
      '--json',
    ]);
    expect(seeded.code).toBe(0);
    const summary = JSON.parse(seeded.out);
    expect(summary).toMatchObject({ target: `root@127.0.0.1:3306/${db.name}`, warnings: 0 });
    expect(summary.skippedBatches).toBeGreaterThan(0);

    const first = await runCli(exportCommand(), [
      '--mysql',
      db.url,
      '--data-dir',
      dataDir,
      '--rows-per-file',
      '500',
      '--json',
    ]);
    expect(first.err).toBe('');
    const result = JSON.parse(first.out);
    for (const table of result.tables) {
      const [{ n } = { n: -1 }] = await db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM \`${table.table}\``,
      );
      expect([table.table, table.mode, table.rows]).toEqual([table.table, 'full', Number(n)]);
      expect(table.objects).toHaveLength(Math.ceil(Number(n) / 500));
    }
    // The second run reads from each watermark minus the overlap, whatever today's date is.
    const second = JSON.parse(
      (await runCli(exportCommand(), ['--mysql', db.url, '--data-dir', dataDir, '--json'])).out,
    );
    for (const table of second.tables) {
      const [{ n } = { n: -1 }] = await db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM \`${table.table}\` WHERE updated_at >= ?`,
        [table.since],
      );
      expect([table.table, table.mode, table.rows]).toEqual([table.table, 'incremental', Number(n)]);
    }
  });

  it('rejects an unknown table name before connecting', async () => {
    await expect(
      runCli(exportCommand(), ['--mysql', db.url, '--tables', 'orders,invoices', '--data-dir', dataDir]),
    ).rejects.toThrow(/unknown table\(s\) invoices/);
  });
});
