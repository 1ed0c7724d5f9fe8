// Export benchmark: seeds a generated shop into a throwaway MariaDB database, exports it to a
// temp lake with `exportTables`, and compares with `mariadb-dump --tab` on the same tables.
// Seeding runs in a child process so that the peak RSS printed is the export's own.
//
//   tsx bench/export-bench.ts --orders 1000000 [--seed 1] [--mysql mysql://root@127.0.0.1:3306] [--keep]
//     [--database shoplake_bench_x]   (re-use a database an earlier --keep run left; not dropped)

import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { closeMysqlConnection, openMysqlConnection } from '../src/adapters/mysql/mysql-connection.js';
import { MysqlSink } from '../src/adapters/mysql/mysql-sink.js';
import { MysqlSourceDatabase } from '../src/adapters/mysql/mysql-source-database.js';
import { type MysqlTarget, parseMysqlUrl, withDatabase } from '../src/adapters/mysql/mysql-target.js';
import { seedMysql } from '../src/adapters/mysql/seed-mysql.js';
import { loadConfig } from '../src/config/load-config.js';
import { SOURCE_TABLE_NAMES } from '../src/core/source-tables.js';
import { createLocalEnvironment } from '../src/runtime/local-environment.js';
import { exportTables } from '../src/stages/export/export-tables.js';
import { generateWorld } from '../src/stages/generate/generate-world.js';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    mysql: { type: 'string', default: 'mysql://root@127.0.0.1:3306' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    'seed-into': { type: 'string' },
  },
});
const orders = Number(args.orders);
const server = withDatabase(parseMysqlUrl(args.mysql), undefined);

if (args['seed-into']) {
  await seedChild(withDatabase(server, args['seed-into']));
} else {
  await main();
}

async function main(): Promise<void> {
  const reused = args.database;
  const database = reused ?? `shoplake_bench_${randomBytes(3).toString('hex')}`;
  const target = withDatabase(server, database);
  const lake = await mkdtemp(join(tmpdir(), 'shoplake-bench-lake-'));
  const dumpDir = await mkdtemp(join(tmpdir(), 'shoplake-bench-dump-'));
  await chmod(dumpDir, 0o777); // the server itself writes the --tab files
  try {
    if (reused) console.log(`export bench: the database ${database} as an earlier run left it`);
    else {
      console.log(
        `export bench: ${orders.toLocaleString('en-US')} orders (seed ${args.seed}) into ${database}`,
      );
      await runSeedChild(database);
    }
    const rows = await rowCounts(target);
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    console.log(
      `source rows: ${totalRows.toLocaleString('en-US')} (${Object.entries(rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')})`,
    );

    const exported = await timeExport(target, lake);
    const dump = await timeDump(target, dumpDir);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const line = (name: string, seconds: number, bytes: number) =>
      `${name.padEnd(22)} ${seconds.toFixed(2).padStart(8)} s ${Math.round(totalRows / seconds)
        .toLocaleString('en-US')
        .padStart(12)} rows/s ${(bytes / 1e6).toFixed(1).padStart(9)} MB`;
    console.log(line('shoplake export', exported.seconds, exported.bytes));
    console.log(line('mariadb-dump --tab', dump.seconds, dump.bytes));
    console.log(
      `export/dump throughput ratio: ${(dump.seconds / exported.seconds).toFixed(2)} (target >= 0.5)`,
    );
    console.log(
      `export peak RSS: ${rssMb.toFixed(0)} MB (process.resourceUsage().maxRSS; seeding ran in a child process)`,
    );
    if (exported.rows !== totalRows)
      throw new Error(`exported ${exported.rows} rows, the source holds ${totalRows}`);
  } finally {
    if (!args.keep && !reused) await dropDatabase(database);
    await rm(lake, { recursive: true, force: true });
    await rm(dumpDir, { recursive: true, force: true });
  }
}

async function runSeedChild(database: string): Promise<void> {
  const started = Date.now();
  const script = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      script,
      '--seed-into',
      database,
      '--orders',
      String(orders),
      '--seed',
      String(args.seed),
      '--mysql',
      args.mysql,
    ],
    {
      stdio: 'inherit',
    },
  );
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function seedChild(target: MysqlTarget): Promise<void> {
  const sink = await MysqlSink.open(target, { recreate: true });
  try {
    const started = Date.now();
    const result = await seedMysql(generateWorld({ orders, seed: Number(args.seed) }), sink);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `seed-mysql: ${result.rows.toLocaleString('en-US')} rows sent in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s incl. generation), ` +
        `${result.skippedBatches}/${result.batches} batches left out, ${result.warnings} warnings`,
    );
  } finally {
    await sink.close();
  }
}

async function timeExport(
  target: MysqlTarget,
  dataDir: string,
): Promise<{ seconds: number; rows: number; bytes: number }> {
  const env = createLocalEnvironment(loadConfig({ overrides: { dataDir }, env: {} }));
  const source = await MysqlSourceDatabase.open(target);
  try {
    const started = performance.now();
    const result = await exportTables({}, { source, store: env.store, engines: env.engines });
    const seconds = (performance.now() - started) / 1000;
    for (const t of result.tables)
      console.log(
        `  ${t.table.padEnd(14)} ${t.rows.toLocaleString('en-US').padStart(11)} rows ${t.objects.length} files`,
      );
    return { seconds, rows: result.rows, bytes: await folderBytes(join(dataDir, 'raw')) };
  } finally {
    await source.close();
  }
}

async function timeDump(target: MysqlTarget, dir: string): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  // The password goes through the environment, never the command line (ps shows it).
  await promisify(execFile)(
    'mariadb-dump',
    [
      '-h',
      target.host,
      '-P',
      String(target.port),
      '-u',
      target.user,
      `--tab=${dir}`,
      target.database ?? '',
      ...SOURCE_TABLE_NAMES,
    ],
    { env: { ...process.env, MYSQL_PWD: target.password }, maxBuffer: 1 << 20 },
  );
  return { seconds: (performance.now() - started) / 1000, bytes: await folderBytes(dir) };
}

async function rowCounts(target: MysqlTarget): Promise<Record<string, number>> {
  const connection = await openMysqlConnection(target);
  try {
    const counts: Record<string, number> = {};
    for (const table of SOURCE_TABLE_NAMES) {
      const [rows] = await connection.promise().query(`SELECT COUNT(*) AS n FROM \`${table}\``);
      counts[table] = Number((rows as { n: number }[])[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await closeMysqlConnection(connection);
  }
}

async function dropDatabase(database: string): Promise<void> {
  const connection = await openMysqlConnection(server);
  try {
    if (database.startsWith('shoplake_bench_'))
      await connection.promise().query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await closeMysqlConnection(connection);
  }
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
