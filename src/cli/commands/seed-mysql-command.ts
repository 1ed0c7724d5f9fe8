// `shoplake seed-mysql --mysql URL --orders N --seed S`: fills a MySQL database with a
// generated shop in bulk, to export from. Batches MySQL would refuse are left out; a later
// version of a row replaces the earlier one (the generator re-exports rows).

import { Command } from 'commander';
import { MysqlSink } from '../../adapters/mysql/mysql-sink.js';
import { describeTarget, parseMysqlUrl } from '../../adapters/mysql/mysql-target.js';
import { seedMysql } from '../../adapters/mysql/seed-mysql.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { generateWorld } from '../../stages/generate/generate-world.js';
import { action, positiveInt } from '../cli-context.js';
import { progressBar } from '../progress-bar.js';

interface SeedMysqlCommandOptions {
  readonly mysql: string;
  readonly orders: number;
  readonly seed: number;
  readonly fresh?: boolean;
  readonly json?: boolean;
}

export function seedMysqlCommand(): Command {
  return new Command('seed-mysql')
    .description(
      'Create the source schema in a MySQL/MariaDB database and load a generated shop into it (bulk LOAD DATA)',
    )
    .requiredOption(
      '--mysql <url>',
      'target database, mysql://USER:PASSWORD@HOST:PORT/DATABASE (created if missing; the password is never printed)',
    )
    .option('--orders <n>', 'orders in the generated history', positiveInt('--orders'), 10_000)
    .option('--seed <n>', 'generator seed (same seed, same data)', nonNegativeInt, 1)
    .option('--fresh', 'drop the contract tables first instead of merging into them')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nThe server must allow LOAD DATA LOCAL INFILE (MariaDB does by default; MySQL 8 needs local_infile=ON).',
    )
    .action(
      action(async (options: SeedMysqlCommandOptions) => {
        const target = parseMysqlUrl(options.mysql);
        const sink = await MysqlSink.open(target, { recreate: options.fresh });
        const bar = options.json ? undefined : progressBar(options.orders, 'orders');
        const started = Date.now();
        let orders = 0;
        try {
          const result = await seedMysql(
            generateWorld({ orders: options.orders, seed: options.seed }),
            sink,
            (batch, loaded) => {
              if (batch.table === 'orders') orders += loaded.rows;
              bar?.update(orders, `${batch.table} ${batch.batchId}`);
            },
          );
          bar?.stop();
          const seconds = Math.max(0.001, (Date.now() - started) / 1000);
          if (options.json) {
            process.stdout.write(
              `${JSON.stringify({ target: describeTarget(target), seconds, ...result })}\n`,
            );
          } else {
            const tables = Object.entries(result.rowsByTable).map(
              ([table, rows]) => `  ${table.padEnd(14)} ${rows.toLocaleString('en-US').padStart(12)} rows`,
            );
            process.stdout.write(
              `Seeded ${describeTarget(target)}: ${result.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)}s ` +
                `(${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s), ${result.skippedBatches} of ${result.batches} batches ` +
                `left out as MySQL would refuse them, ${result.warnings} warnings\n${tables.join('\n')}\n`,
            );
          }
        } finally {
          bar?.stop();
          await sink.close();
        }
      }),
    );
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ShoplakeError(
      'invalid_argument',
      `--seed must be a whole number of at least 0, not "${value}".`,
      { retryable: false },
    );
  }
  return n;
}
