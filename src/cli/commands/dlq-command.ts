// `shoplake dlq list|show|redrive|discard`: the dead-letter area, where events that kept
// failing wait with their error. Fix the object (land a good copy at the same key), then
// redrive it: it is processed like a new object.

import Table from 'cli-table3';
import { Command } from 'commander';
import { resolveHmacKey } from '../../config/hmac-key.js';
import { objectRefOf } from '../../core/s3-event.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { bucketFromName } from '../../core/zones.js';
import type { DeadLetter } from '../../ports/dead-letter-queue.js';
import type { LocalEnvironment } from '../../runtime/local-environment.js';
import { localOperationsDeps } from '../../runtime/local-operations-deps.js';
import { redriveDeadLetters } from '../../runtime/redrive-dead-letters.js';
import { listRuns } from '../../runtime/run-ledger.js';
import { redactDeep } from '../../stages/curate/masking/redact-deep.js';
import { action, commandContext, withGlobalOptions } from '../cli-context.js';
import { COMPACT_TABLE } from '../compact-table.js';
import { formatRunSummary } from '../format-run-summary.js';
import { withObjectProgress } from '../run-with-progress.js';
import { EXIT_DEAD_LETTERS } from './run-command.js';

interface DlqOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly json?: boolean;
}

export function dlqCommand(): Command {
  return new Command('dlq')
    .description('Inspect and redrive the dead-letter area: objects whose processing failed for good')
    .addCommand(listCommand())
    .addCommand(showCommand())
    .addCommand(redriveCommand())
    .addCommand(discardCommand());
}

/** unchanged: the object that failed; changed: a new copy landed at its key since; gone: deleted. */
type ObjectNow = 'unchanged' | 'changed' | 'gone';

async function objectNow(env: LocalEnvironment, letter: DeadLetter): Promise<ObjectNow> {
  const ref = objectRefOf(letter.record);
  const bucket = bucketFromName(env.config.bucketPrefix, ref.bucketName);
  const info = bucket ? await env.store.head(bucket, ref.key) : undefined;
  if (!info) return 'gone';
  return info.etag === ref.etag ? 'unchanged' : 'changed';
}

function listCommand(): Command {
  return withGlobalOptions(new Command('list'))
    .description(
      'List dead letters: id, handler, object key, error code, attempts, and whether the object changed since',
    )
    .option('--json', 'print as JSON')
    .action(
      action(async (options: DlqOptions) => {
        const { env } = commandContext(options, 'dlq list');
        const letters = await localOperationsDeps(env).deadLetters.list();
        const rows = await Promise.all(
          letters.map(async (l) => ({
            letter: l,
            key: objectRefOf(l.record).key,
            object: await objectNow(env, l),
          })),
        );
        if (options.json) {
          const json = rows.map(({ letter, key, object }) => ({
            id: letter.id,
            handler: letter.handler,
            key,
            code: letter.code,
            error: letter.error,
            attempts: letter.attempts,
            failedAt: letter.failedAt,
            runId: letter.runId,
            object,
          }));
          process.stdout.write(`${JSON.stringify(redactDeep(json), null, 1)}\n`);
          return 0;
        }
        if (rows.length === 0) {
          process.stdout.write('The dead-letter area is empty.\n');
          return 0;
        }
        const table = new Table({
          head: ['id', 'handler', 'object', 'code', 'attempts', 'failed at', 'object now', 'error'],
          ...COMPACT_TABLE,
        });
        for (const { letter, key, object } of rows)
          table.push([
            letter.id,
            letter.handler,
            key,
            letter.code,
            letter.attempts,
            letter.failedAt,
            object,
            letter.error.slice(0, 70),
          ]);
        process.stdout.write(
          `${String(redactDeep(table.toString()))}\n"changed": a new copy landed at the key since it failed; \`shoplake dlq redrive <id>\` processes it.\n`,
        );
        return 0;
      }),
    );
}

function showCommand(): Command {
  return withGlobalOptions(new Command('show'))
    .description(
      'Show one dead letter: its event record, error, attempts, the run that gave up, and the object now',
    )
    .argument('<id>', 'a dead letter id from `shoplake dlq list`')
    .option('--json', 'print as JSON')
    .action(
      action(async (id: string, options: DlqOptions) => {
        const { env } = commandContext(options, 'dlq show');
        const letter = (await localOperationsDeps(env).deadLetters.list()).find((l) => l.id === id);
        if (!letter)
          throw new ShoplakeError(
            'not_found',
            `No dead letter "${id}"; \`shoplake dlq list\` shows the ids there are.`,
            {
              retryable: false,
            },
          );
        const [run] = await listRuns(env.store, {
          runId: letter.runId,
          since: new Date(Date.parse(letter.failedAt) - 86_400_000),
        });
        const shown = redactDeep({ letter, objectNow: await objectNow(env, letter), run }) as Record<
          string,
          unknown
        >;
        if (options.json) process.stdout.write(`${JSON.stringify(shown, null, 1)}\n`);
        else {
          const ref = objectRefOf(letter.record);
          process.stdout.write(
            `${[
              `Dead letter ${letter.id}`,
              `  handler:     ${letter.handler}`,
              `  object:      ${ref.bucketName}/${ref.key} (etag ${ref.etag}, ${letter.record.s3.object.size ?? '?'} bytes)`,
              `  object now:  ${String(shown.objectNow)}`,
              `  code:        ${letter.code}`,
              `  attempts:    ${letter.attempts}, gave up at ${letter.failedAt} in run ${letter.runId}`,
              `  error:       ${String((shown.letter as DeadLetter).error)}`,
              '',
              `Fix the object (land a good copy at the same key), then: shoplake dlq redrive ${letter.id}`,
              `The run and its log lines: shoplake runs ${letter.runId}`,
            ].join('\n')}\n`,
          );
        }
        return 0;
      }),
    );
}

interface RedriveCommandOptions extends DlqOptions {
  readonly all?: boolean;
  readonly publish?: boolean;
}

function redriveCommand(): Command {
  return withGlobalOptions(new Command('redrive'))
    .description(
      'Process dead-lettered objects again, as they are now; a letter that fails again is replaced by a new one',
    )
    .argument('[ids...]', 'dead letter ids from `shoplake dlq list`')
    .option('--all', 'redrive every dead letter')
    .option('--no-publish', 'curate only: do not run curated-to-prod afterwards')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every letter went through, 1 error, 3 some failed again (see `shoplake dlq list`).',
    )
    .action(
      action(async (ids: string[], options: RedriveCommandOptions) => {
        if (ids.length === 0 && !options.all)
          throw new ShoplakeError(
            'invalid_argument',
            'Name the dead letters to redrive (ids from `shoplake dlq list`), or pass --all.',
            {
              retryable: false,
            },
          );
        const { env, logger, config } = commandContext(options, 'dlq redrive');
        const key = resolveHmacKey(config);
        const { outcomes, pipeline } = await withObjectProgress(({ onProgress }) =>
          redriveDeadLetters(env, {
            ids,
            all: options.all,
            hmacKey: key.key,
            logger,
            publish: options.publish !== false,
            onProgress,
          }),
        );
        if (options.json)
          process.stdout.write(
            `${JSON.stringify(redactDeep({ outcomes, runId: pipeline.runId }), null, 1)}\n`,
          );
        else if (outcomes.length === 0)
          process.stdout.write('The dead-letter area is empty: nothing to redrive.\n');
        else {
          const lines = outcomes.map(
            (o) =>
              `${o.status === 'succeeded' ? 'ok    ' : 'FAILED'}  ${o.id}  ${o.key}${o.newLetterId ? `  → new letter ${o.newLetterId}` : ''}${o.error ? `\n        ${o.error}` : ''}`,
          );
          if (pipeline.tables.length > 0 || pipeline.published.length > 0)
            lines.push(formatRunSummary(pipeline));
          process.stdout.write(`${String(redactDeep(lines.join('\n')))}\n`);
        }
        return outcomes.every((o) => o.status === 'succeeded') ? 0 : EXIT_DEAD_LETTERS;
      }),
    );
}

function discardCommand(): Command {
  return withGlobalOptions(new Command('discard'))
    .description(
      'Remove dead letters without processing them (the object was deleted, or replaced under another key)',
    )
    .argument('<ids...>', 'dead letter ids from `shoplake dlq list`')
    .action(
      action(async (ids: string[], options: DlqOptions) => {
        const { env, logger } = commandContext(options, 'dlq discard');
        const deadLetters = localOperationsDeps(env).deadLetters;
        const known = new Set((await deadLetters.list()).map((l) => l.id));
        const unknown = ids.filter((id) => !known.has(id));
        if (unknown.length > 0)
          throw new ShoplakeError(
            'not_found',
            `No dead letter ${unknown.map((id) => `"${id}"`).join(', ')}; \`shoplake dlq list\` shows the ids there are.`,
            {
              retryable: false,
            },
          );
        for (const id of ids) {
          await deadLetters.remove(id);
          logger.info('dlq.discarded', { letterId: id });
        }
        process.stdout.write(`Discarded ${ids.length} dead letter(s).\n`);
        return 0;
      }),
    );
}
