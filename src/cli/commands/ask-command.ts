// `shoplake ask "question"`: the copilot on the command line. Prints the answer in words, the
// rows as a table, the dates covered and the SQL that ran; `--json` prints the AskAnswer.

import Table from 'cli-table3';
import { Command } from 'commander';
import { createSqlServices } from '../../api/sql-services.js';
import { createCopilot } from '../../runtime/create-copilot.js';
import { crawlCatalog } from '../../stages/catalog/crawl-catalog.js';
import type { AskAnswer } from '../../stages/copilot/ask-answer.js';
import { checkQuestion } from '../../stages/copilot/ask-request.js';
import { DEFAULT_TIMEOUT_MS } from '../../stages/sql/run-query.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';

/** Exit code of a question the copilot refused to answer (a malformed one exits 1). */
export const REFUSED_EXIT_CODE = 2;

interface AskOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly json: boolean;
  readonly timeout: number;
  readonly refresh: boolean;
}

/** The `ask` sub-command. */
export function askCommand(): Command {
  return withGlobalOptions(new Command('ask'))
    .description(
      'Ask the copilot a question in words ("top 5 categories by revenue last month"); prints the answer, the rows, the dates covered and the SQL. Exit code 2 when it refuses',
    )
    .argument('<question>', 'the question (quote it)')
    .option('--json', 'print the whole answer as JSON (the POST /api/ask shape)', false)
    .option(
      '--timeout <ms>',
      'stop a query after this many milliseconds',
      positiveInt('--timeout'),
      DEFAULT_TIMEOUT_MS,
    )
    .option('--no-refresh', 'use the registered catalog as it is instead of crawling first')
    .action(
      action(async (question: string, options: AskOptions) => {
        const text = checkQuestion(question);
        const { env, config, logger } = commandContext(options, 'ask');
        const services = createSqlServices(env);
        try {
          const stored = options.refresh ? undefined : await services.catalog.read();
          const catalog = stored ?? (await crawlCatalog(services)).snapshot;
          const copilot = createCopilot(config, env.store, logger);
          const answer = await copilot.ask(text, { ...services, catalog, timeoutMs: options.timeout });
          process.stdout.write(
            options.json ? `${JSON.stringify(answer, null, 1)}\n` : formatAskAnswer(answer),
          );
          return answer.status === 'answered' ? 0 : REFUSED_EXIT_CODE;
        } finally {
          await services.sql.close();
        }
      }),
    );
}

/** The answer for a terminal: words, table, dates, SQL (or, for a refusal, what to ask instead). */
export function formatAskAnswer(answer: AskAnswer): string {
  const lines = [answer.answer, ''];
  if (answer.status === 'refused') {
    lines.push('Questions I can answer:', ...answer.suggestions.map((s) => `  - ${s}`));
    if (answer.sql) lines.push('', 'SQL (not run):', indent(answer.sql));
    return `${lines.join('\n')}\n`;
  }
  if (answer.columns.length > 0) {
    const table = new Table({ head: answer.columns.map((c) => c.name), style: { head: [], border: [] } });
    for (const row of answer.rows.slice(0, 50)) table.push(row.map((v) => (v === null ? 'NULL' : String(v))));
    lines.push(table.toString());
    if (answer.rows.length > 50) lines.push(`(${answer.rows.length - 50} more rows; --json prints them all)`);
    lines.push('');
  }
  if (answer.period) lines.push(`Dates covered: ${answer.period.label}`);
  lines.push(
    `Answered in ${answer.elapsedMs} ms by the ${answer.source === 'llm' ? 'language model' : 'semantic layer'}.`,
  );
  if (answer.sql) lines.push('', 'SQL:', indent(answer.sql));
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
