// `shoplake status`: recent runs, table counts, dead letters, per-handler invocations.

import Table from 'cli-table3';
import { Command } from 'commander';
import { LocalDeadLetterQueue } from '../../adapters/local-fs/local-dead-letter-queue.js';
import { objectRefOf } from '../../core/s3-event.js';
import { SOURCE_TABLE_NAMES } from '../../core/source-tables.js';
import { recentInvocations } from '../../runtime/run-ledger.js';
import { readManifest } from '../../stages/curate/table-manifest.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';

export function statusCommand(): Command {
  return withGlobalOptions(new Command('status'))
    .description(
      'Show curated tables, recent runs per handler (invocations, errors, retries, durations) and dead-letter contents',
    )
    .option('--limit <n>', 'how many recent runs to list', positiveInt('--limit'), 20)
    .option('--json', 'print as JSON')
    .action(
      action(async (options: { dataDir?: string; config?: string; limit: number; json?: boolean }) => {
        const { env, config } = commandContext(options, 'status');
        const manifests = await Promise.all(SOURCE_TABLE_NAMES.map((t) => readManifest(env.store, t)));
        const runs = await recentInvocations(env.store, 10_000);
        const deadLetters = await new LocalDeadLetterQueue(config.dataDir).list();
        const perHandler = new Map<
          string,
          {
            invocations: number;
            records: number;
            failedRecords: number;
            retries: number;
            errors: number;
            totalMs: number;
            maxMs: number;
          }
        >();
        for (const run of runs) {
          const h = perHandler.get(run.route) ?? {
            invocations: 0,
            records: 0,
            failedRecords: 0,
            retries: 0,
            errors: 0,
            totalMs: 0,
            maxMs: 0,
          };
          h.invocations += 1;
          h.records += run.records;
          h.failedRecords += run.failedRecords;
          if (run.attempt > 1) h.retries += 1;
          if (run.error) h.errors += 1;
          h.totalMs += run.durationMs;
          h.maxMs = Math.max(h.maxMs, run.durationMs);
          perHandler.set(run.route, h);
        }
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ dataDir: config.dataDir, tables: manifests.map(({ processed, ...m }) => ({ ...m, rawObjects: Object.keys(processed).length })), handlers: Object.fromEntries(perHandler), recentRuns: runs.slice(0, options.limit), deadLetters }, null, 1)}\n`,
          );
          return 0;
        }
        const out: string[] = [`Lake: ${config.dataDir}`, ''];
        const tables = new Table({
          head: [
            'curated table',
            'version',
            'rows',
            'files',
            'quarantine rows',
            'raw objects merged',
            'last commit',
          ],
          style: { head: [], border: [] },
        });
        for (const m of manifests)
          tables.push([
            m.table,
            m.version,
            m.rows.toLocaleString('en-US'),
            m.files.length,
            m.quarantineRows.toLocaleString('en-US'),
            Object.keys(m.processed).length,
            m.version ? m.committedAt : '-',
          ]);
        out.push(tables.toString(), '');
        const handlers = new Table({
          head: [
            'handler',
            'invocations',
            'records',
            'failed records',
            'retries',
            'errors',
            'avg ms',
            'max ms',
          ],
          style: { head: [], border: [] },
        });
        for (const [name, h] of perHandler)
          handlers.push([
            name,
            h.invocations,
            h.records,
            h.failedRecords,
            h.retries,
            h.errors,
            Math.round(h.totalMs / h.invocations),
            h.maxMs,
          ]);
        out.push(
          perHandler.size > 0 ? handlers.toString() : 'No runs yet: `shoplake run` processes the raw zone.',
          '',
        );
        if (runs.length > 0) {
          const recent = new Table({
            head: ['run id', 'handler', 'group', 'records', 'attempt', 'ms', 'failed', 'error'],
            style: { head: [], border: [] },
          });
          for (const r of runs.slice(0, options.limit))
            recent.push([
              r.runId,
              r.route,
              r.group,
              r.records,
              r.attempt,
              r.durationMs,
              r.failedRecords,
              (r.error ?? '').slice(0, 60),
            ]);
          out.push(
            `Recent runs (newest first, ${Math.min(options.limit, runs.length)} of ${runs.length}):`,
            recent.toString(),
            '',
          );
        }
        if (deadLetters.length === 0) out.push('Dead-letter area: empty.');
        else {
          out.push(`Dead-letter area (${config.dataDir}/dead-letter/): ${deadLetters.length} item(s)`);
          for (const l of deadLetters)
            out.push(
              `  ${l.handler}  ${objectRefOf(l.record).key}  [${l.code}, ${l.attempts} attempt(s)]  ${l.error}`,
            );
        }
        process.stdout.write(`${out.join('\n')}\n`);
        return 0;
      }),
    );
}
