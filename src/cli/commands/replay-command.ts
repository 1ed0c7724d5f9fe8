// `shoplake replay --table T [--since DATE]`: derive a table's raw objects again after a rule
// or key change, replacing what they gave before, so curated converges to a clean run's result.

import { Command, Option } from 'commander';
import { resolveHmacKey } from '../../config/hmac-key.js';
import { SOURCE_TABLE_NAMES } from '../../core/source-tables.js';
import { checkedDay, replayTable } from '../../runtime/replay-table.js';
import { action, commandContext, optionParser, withGlobalOptions } from '../cli-context.js';
import { formatRunSummary, totalsByTable } from '../format-run-summary.js';
import { withObjectProgress } from '../run-with-progress.js';
import { EXIT_DEAD_LETTERS } from './run-command.js';

interface ReplayOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly table: string;
  readonly since?: string;
  readonly publish?: boolean;
  readonly json?: boolean;
}

export function replayCommand(): Command {
  return withGlobalOptions(new Command('replay'))
    .description(
      "Re-process a table's raw objects (after a rule or HMAC key change): their rows in curated and quarantine are replaced by what the current rules make of them",
    )
    .addOption(
      new Option('--table <table>', 'the curated table to replay')
        .choices([...SOURCE_TABLE_NAMES])
        .makeOptionMandatory(),
    )
    .option(
      '--since <day>',
      'only raw objects exported (dt=) on or after this day, YYYY-MM-DD',
      optionParser(checkedDay),
    )
    .option('--no-publish', 'curate only: do not run curated-to-prod afterwards')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nWithout --since every raw object of the table is derived again, and curated converges to what a clean run with the current rules gives.\n' +
        'With --since, older objects keep what they gave; that is exact when the change only matters to the newer objects.\n' +
        'Exit codes: 0 done, 1 error, 3 some objects went to the dead-letter area.',
    )
    .action(
      action(async (options: ReplayOptions) => {
        const { env, logger, config } = commandContext(options, 'replay');
        const key = resolveHmacKey(config);
        const summary = await withObjectProgress((hooks) =>
          replayTable(env, {
            table: options.table,
            since: options.since,
            hmacKey: key.key,
            logger,
            publish: options.publish !== false,
            ...hooks,
          }),
        );
        const rederived = summary.tables.reduce((n, t) => n + t.rowsRederived, 0);
        if (options.json) {
          const { invocations: _, routeStats, tables, ...rest } = summary;
          process.stdout.write(
            `${JSON.stringify({ ...rest, table: options.table, since: options.since, rowsRederived: rederived, routeStats: Object.fromEntries(routeStats), totals: totalsByTable(tables) }, null, 1)}\n`,
          );
        } else if (summary.pendingObjects === 0) {
          process.stdout.write(
            `No raw objects of ${options.table}${options.since ? ` exported since ${options.since}` : ''} to replay${summary.skippedDeadLettered ? ` (${summary.skippedDeadLettered} dead-lettered skipped)` : ''}.\n`,
          );
        } else {
          process.stdout.write(
            `Replayed ${summary.pendingObjects} raw object(s) of ${options.table}${options.since ? ` exported since ${options.since}` : ''}: ${rederived.toLocaleString('en-US')} curated row(s) taken out and derived again.\n${formatRunSummary(summary)}\n`,
          );
        }
        return summary.deadLettered > 0 ? EXIT_DEAD_LETTERS : 0;
      }),
    );
}
