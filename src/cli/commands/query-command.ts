// `shoplake query "SQL"`: one read-only SELECT over the catalog tables, printed as a table,
// CSV or JSON. Locally the catalog is refreshed first (incremental) so fresh commits are
// visible; with `--engine athena` the query runs in Athena over the Glue catalog's tables.

import Table from 'cli-table3';
import { Command, Option } from 'commander';
import type { JsonValue } from '../../ports/sql-engine.js';
import {
  DEFAULT_ROW_LIMIT,
  DEFAULT_TIMEOUT_MS,
  type QueryAnswer,
  runQuery,
} from '../../stages/sql/run-query.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';
import { cliSqlServices, engineOption } from '../cli-sql-services.js';

interface QueryOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly format: 'table' | 'csv' | 'json';
  readonly limit: number;
  readonly timeout: number;
  readonly refresh: boolean;
  readonly engine?: 'duckdb' | 'athena';
}

export function queryCommand(): Command {
  return withGlobalOptions(new Command('query'))
    .description(
      'Run one read-only SELECT over curated.<table> and <system>.<table> (e.g. market_intelligence_hub.daily_sales)',
    )
    .argument('<sql>', 'the SELECT to run (quote it)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .option('--limit <n>', 'rows returned at most (max 100000)', positiveInt('--limit'), DEFAULT_ROW_LIMIT)
    .option(
      '--timeout <ms>',
      'stop the query after this many milliseconds',
      positiveInt('--timeout'),
      DEFAULT_TIMEOUT_MS,
    )
    .option('--no-refresh', 'use the registered catalog as it is instead of crawling first')
    .addOption(engineOption())
    .action(
      action(async (sql: string, options: QueryOptions) => {
        const { services, snapshot } = cliSqlServices(commandContext(options, 'query'), options.engine);
        try {
          const catalog = await snapshot(options.refresh);
          const answer = await runQuery(sql, {
            ...services,
            catalog,
            limit: options.limit,
            timeoutMs: options.timeout,
          });
          process.stdout.write(formatAnswer(answer, options.format));
          if (options.format === 'table') {
            const cut = answer.truncated ? ` (cut at --limit ${answer.limit})` : '';
            process.stderr.write(`${answer.rowCount} row(s)${cut} in ${answer.elapsedMs} ms\n`);
          }
          return 0;
        } finally {
          await services.sql.close();
        }
      }),
    );
}

export function formatAnswer(answer: QueryAnswer, format: QueryOptions['format']): string {
  if (format === 'json') return `${JSON.stringify(answer, null, 1)}\n`;
  if (format === 'csv') {
    const lines = [answer.columns.map((c) => csvField(c.name)), ...answer.rows.map((r) => r.map(csvCell))];
    return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
  }
  const table = new Table({ head: answer.columns.map((c) => c.name), style: { head: [], border: [] } });
  for (const row of answer.rows) table.push(row.map((v) => (v === null ? 'NULL' : textOf(v))));
  return `${table.toString()}\n`;
}

function textOf(value: JsonValue): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function csvCell(value: JsonValue): string {
  return value === null ? '' : csvField(textOf(value));
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
