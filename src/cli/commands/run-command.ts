// `shoplake run`: process every raw object not yet curated, then exit when the lake is quiet.

import { Command } from 'commander';
import { resolveHmacKey } from '../../config/hmac-key.js';
import { action, commandContext, withGlobalOptions } from '../cli-context.js';
import { formatRunSummary, totalsByTable } from '../format-run-summary.js';
import { runWithProgress } from '../run-with-progress.js';

export const EXIT_DEAD_LETTERS = 3;

export function runCommand(): Command {
  return withGlobalOptions(new Command('run'))
    .description(
      'Curate every raw object not processed yet (validate, quarantine, deduplicate, mask); exits when the lake is quiescent',
    )
    .option('--json', 'print the summary as JSON instead of a table')
    .option('--no-publish', 'curate only: do not run curated-to-prod (the five systems)')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 error, 3 some objects went to the dead-letter area.\nThe HMAC key comes from SHOPLAKE_HMAC_KEY, "hmacKeyFile" in the config, or <data-dir>/.hmac-key.',
    )
    .action(
      action(async (options: { dataDir?: string; config?: string; json?: boolean; publish?: boolean }) => {
        const { env, logger, config } = commandContext(options, 'run');
        const key = resolveHmacKey(config);
        if (key.source === 'demo-file' && !options.json)
          process.stderr.write(
            `Using the demo HMAC key in ${key.file} (set SHOPLAKE_HMAC_KEY for real data).\n`,
          );
        const summary = await runWithProgress(env, {
          hmacKey: key.key,
          logger,
          publish: options.publish !== false,
        });
        const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
        const json = {
          ...summary,
          totals: totalsByTable(summary.tables),
          peakRssMb,
          invocations: undefined,
          tables: undefined,
        };
        process.stdout.write(
          options.json
            ? `${JSON.stringify(json, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v), 1)}\n`
            : `${formatRunSummary(summary)}\n`,
        );
        return summary.deadLettered > 0 ? EXIT_DEAD_LETTERS : 0;
      }),
    );
}
