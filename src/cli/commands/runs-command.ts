// `shoplake runs`: the run history kept in the lake, filtered; `shoplake runs <run-id>` shows
// one run with every log line that carries its id.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Table from 'cli-table3';
import { Command, Option } from 'commander';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { SOURCE_TABLE_NAMES } from '../../core/source-tables.js';
import { CURATED_TO_PROD, RAW_TO_CURATED } from '../../runtime/pipeline-routes.js';
import { listRuns } from '../../runtime/run-ledger.js';
import { RUN_OUTCOMES, type RunOutcome, type RunRecord } from '../../runtime/run-record.js';
import { action, commandContext, optionParser, positiveInt, withGlobalOptions } from '../cli-context.js';
import { COMPACT_TABLE } from '../compact-table.js';
import { parseSince } from '../since-option.js';

interface RunsOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly stage?: string;
  readonly table?: string;
  readonly outcome?: RunOutcome;
  readonly since?: Date;
  readonly limit: number;
  readonly json?: boolean;
}

export function runsCommand(): Command {
  return withGlobalOptions(new Command('runs'))
    .description(
      'List the run history (every handler run: trigger, stage, start, end, outcome, counts, error); with a run id, show that run and its log lines',
    )
    .argument('[run-id]', 'show this run and its log lines')
    .addOption(
      new Option('--stage <stage>', 'only runs of this stage').choices([RAW_TO_CURATED, CURATED_TO_PROD]),
    )
    .addOption(
      new Option('--table <table>', 'only runs of this curated table').choices([...SOURCE_TABLE_NAMES]),
    )
    .addOption(new Option('--outcome <outcome>', 'only runs that ended so').choices([...RUN_OUTCOMES]))
    .option(
      '--since <when>',
      'only runs started since: a day (2026-01-31), a time, or an age (90m, 6h, 2d)',
      optionParser((v) => parseSince(v)),
    )
    .option('--limit <n>', 'at most this many runs, newest first', positiveInt('--limit'), 50)
    .option('--json', 'print as JSON')
    .action(
      action(async (runId: string | undefined, options: RunsOptions) => {
        const { env, config } = commandContext(options, 'runs');
        if (runId) {
          const [run] = await listRuns(env.store, { runId, since: options.since });
          if (!run)
            throw new ShoplakeError(
              'not_found',
              `No run ${runId} in the run history; \`shoplake runs\` lists them.`,
              {
                retryable: false,
              },
            );
          const lines = await logLinesOf(config.dataDir, run);
          process.stdout.write(
            options.json
              ? `${JSON.stringify({ run, logs: lines.map((l) => JSON.parse(l) as unknown) }, null, 1)}\n`
              : `${JSON.stringify(run, null, 1)}\n\nLog lines (${lines.length}):\n${lines.join('\n')}\n`,
          );
          return 0;
        }
        const runs = await listRuns(env.store, options);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(runs, null, 1)}\n`);
          return 0;
        }
        process.stdout.write(`${runs.length === 0 ? 'No runs match.' : formatRuns(runs)}\n`);
        return 0;
      }),
    );
}

function formatRuns(runs: readonly RunRecord[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const table = new Table({
    head: [
      'run id',
      'stage',
      'table',
      'cause',
      'trigger',
      'started',
      'ms',
      'try',
      'outcome',
      'in / kept / rejected / dup',
      'error',
    ],
    ...COMPACT_TABLE,
  });
  for (const r of runs)
    table.push([
      r.runId,
      r.stage,
      r.table ?? '',
      r.cause,
      `${r.trigger}${r.objects > 1 ? ` (+${r.objects - 1})` : ''}`,
      r.startedAt,
      n(r.durationMs),
      r.attempt,
      r.outcome,
      `${n(r.rowsIn)} / ${n(r.rowsOut)} / ${n(r.rowsRejected)} / ${n(r.duplicates)}`,
      (r.error ?? '').slice(0, 80),
    ]);
  return table.toString();
}

/**
 * Lines of the log files that carry the run's id. A process logs to the file of the day it
 * started, so the day before the run is read too.
 */
async function logLinesOf(dataDir: string, run: RunRecord): Promise<string[]> {
  const first = new Date(Date.parse(run.startedAt) - 86_400_000).toISOString().slice(0, 10);
  const last = run.endedAt.slice(0, 10);
  const folder = join(dataDir, 'logs');
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => {
    const day = /^shoplake-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name)?.[1];
    return day !== undefined && day >= first && day <= last;
  });
  const lines: string[] = [];
  for (const name of names.sort()) {
    for (const line of (await readFile(join(folder, name), 'utf8')).split('\n')) {
      if (line.includes(run.runId) && (JSON.parse(line) as { runId?: string }).runId === run.runId)
        lines.push(line);
    }
  }
  return lines;
}
