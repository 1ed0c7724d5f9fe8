// `shoplake export --mysql URL`: copies the source tables into the raw zone, once or on a
// schedule (`--every 5m`). The URL's password is never printed: messages name user@host:port.

import { Command } from 'commander';
import { MysqlSourceDatabase } from '../../adapters/mysql/mysql-source-database.js';
import { describeTarget, parseMysqlUrl } from '../../adapters/mysql/mysql-target.js';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import { isSourceTableName, SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import { EXPORT_DEFAULTS, type ExportResult } from '../../stages/export/export-options.js';
import { parseInterval, runOnSchedule } from '../../stages/export/export-schedule.js';
import { exportTables } from '../../stages/export/export-tables.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';
import { progressBar } from '../progress-bar.js';

interface ExportCommandOptions {
  readonly mysql: string;
  readonly tables?: readonly SourceTableName[];
  readonly rowsPerFile: number;
  readonly overlap: number;
  readonly every?: number;
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly config?: string;
}

export function exportCommand(): Command {
  return withGlobalOptions(new Command('export'))
    .description(
      'Export the MySQL source tables to the raw zone as Parquet: full the first time, then incremental by updated_at',
    )
    .requiredOption(
      '--mysql <url>',
      'source database, mysql://USER:PASSWORD@HOST:PORT/DATABASE (the password is never printed)',
    )
    .option(
      '--tables <names>',
      `comma-separated tables (default: ${SOURCE_TABLE_NAMES.join(',')})`,
      tableList,
    )
    .option(
      '--rows-per-file <n>',
      'rows per Parquet file',
      positiveInt('--rows-per-file'),
      EXPORT_DEFAULTS.rowsPerFile,
    )
    .option(
      '--overlap <interval>',
      're-read this far before the watermark (late commits)',
      parseOverlap,
      EXPORT_DEFAULTS.overlapMs,
    )
    .option(
      '--every <interval>',
      'keep exporting at this period (30s, 5m, 1h) until interrupted',
      parseInterval,
    )
    .option('--json', 'print each run summary as JSON')
    .addHelpText(
      'after',
      '\nWatermarks live in the raw zone under _export/watermarks/<table>.json; delete one to export that table in full again.',
    )
    .action(
      action(async (options: ExportCommandOptions) => {
        const target = parseMysqlUrl(options.mysql);
        const { env, logger } = commandContext(options, 'export');
        const runOnce = async (): Promise<void> => {
          const source = await MysqlSourceDatabase.open(target);
          const bar = options.json
            ? undefined
            : progressBar((options.tables ?? SOURCE_TABLE_NAMES).length, 'tables');
          let finished = 0;
          try {
            const result = await exportTables(
              {
                tables: options.tables,
                rowsPerFile: options.rowsPerFile,
                overlapMs: options.overlap,
                onProgress: ({ table, rows, done }) => {
                  if (done) finished += 1;
                  bar?.update(finished, `${table}: ${rows.toLocaleString('en-US')} rows`);
                },
              },
              { source, store: env.store, engines: env.engines },
            );
            bar?.stop();
            logger.info('export.run.done', {
              runId: result.runId,
              source: describeTarget(target),
              rows: result.rows,
            });
            process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatExportResult(result));
          } finally {
            bar?.stop();
            await source.close();
          }
        };
        if (options.every === undefined) return runOnce();
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        process.stderr.write(
          `Exporting from ${describeTarget(target)} every ${options.every / 1000}s; Ctrl-C stops after the current run.\n`,
        );
        await runOnSchedule(options.every, runOnce, {
          signal: stop.signal,
          onError: (error) => {
            logger.error('export.run.failed', { source: describeTarget(target), error: errorMessage(error) });
            process.stderr.write(
              `shoplake: ${new Date().toISOString()} export failed, will retry at the next run: ${errorMessage(error)}\n`,
            );
          },
        });
      }),
    );
}

export function formatExportResult(result: ExportResult): string {
  const seconds = Math.max(0.001, (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000);
  const lines = result.tables.map(
    (t) =>
      `  ${t.table.padEnd(14)} ${t.mode.padEnd(11)} ${t.rows.toLocaleString('en-US').padStart(12)} rows  ${String(t.objects.length).padStart(3)} files  watermark ${t.watermark ?? '-'}`,
  );
  const rate = Math.round(result.rows / seconds).toLocaleString('en-US');
  return `Export ${result.runId} (dt=${result.dt}): ${result.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)}s (${rate} rows/s)\n${lines.join('\n')}\n`;
}

function tableList(value: string): SourceTableName[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isSourceTableName(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new ShoplakeError(
      'invalid_argument',
      `--tables: unknown table(s) ${unknown.join(', ') || '(none given)'}; the tables are ${SOURCE_TABLE_NAMES.join(', ')}.`,
      {
        retryable: false,
      },
    );
  }
  return names as SourceTableName[];
}

function parseOverlap(value: string): number {
  return value.trim() === '0' ? 0 : parseInterval(value);
}
