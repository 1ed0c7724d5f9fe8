// The answer to a question the semantic layer could not read, when a language model is
// configured: the model drafts SQL, the guard judges it, and the answer reports the rows as
// they came back, saying plainly that a model wrote the SQL. A refused draft is a refusal.

import { errorMessage } from '../../core/shoplake-error.js';
import type { LlmProvider } from '../../ports/llm.js';
import type { AskAnswer, AskCell } from './ask-answer.js';
import { askRows } from './ask-rows.js';
import { type CopilotSqlContext, runCopilotQuery } from './copilot-sql.js';
import { formatValue, unitOfColumn } from './format-value.js';
import type { LakeFacts } from './lake-facts.js';
import { draftWithLlm } from './llm-question.js';
import { refusedAnswer } from './refused-answer.js';
import { suggestionsFor } from './suggestions.js';

export const LLM_INTENT = 'llm_query';
const LLM_ROW_LIMIT = 1_000;

export interface LlmAnswerDeps {
  readonly llm: LlmProvider;
  readonly timeoutMs: number;
  readonly facts: LakeFacts;
  readonly context: CopilotSqlContext;
  readonly started: number;
}

/** Asks the model; `semanticRefusal` is said if the model cannot help either. */
export async function llmAnswer(
  question: string,
  semanticRefusal: string,
  deps: LlmAnswerDeps,
): Promise<AskAnswer> {
  const refuse = (reason: string, sql?: string) =>
    refusedAnswer(question, `${semanticRefusal}; ${reason}`, deps.started, {
      suggestions: suggestionsFor(undefined),
      intent: LLM_INTENT,
      source: 'llm',
      ...(sql ? { sql } : {}),
    });
  let draft: Awaited<ReturnType<typeof draftWithLlm>>;
  try {
    draft = await draftWithLlm(deps.llm, question, deps.facts, deps.context.catalog, deps.timeoutMs);
  } catch (error: unknown) {
    return refuse(errorMessage(error));
  }
  if ('refusal' in draft) return refuse(draft.refusal);
  let result: Awaited<ReturnType<typeof runCopilotQuery>>;
  try {
    result = await runCopilotQuery(draft.sql, deps.context, LLM_ROW_LIMIT);
  } catch (error: unknown) {
    return refuse(`the SQL the language model wrote was not run: ${errorMessage(error)}`, draft.sql);
  }
  const { columns, rows } = askRows(result);
  const latest = deps.facts.ranges.sales?.anchor;
  const covers = draft.from && draft.to ? `The model says it covers ${draft.from} – ${draft.to}. ` : '';
  const answer = [
    `${deps.llm.description} wrote the SQL for this question (my semantic layer could not read it: ${semanticRefusal}); it passed the read-only guard and returned ${rows.length} row(s)${result.truncated ? ' (cut)' : ''}${summary(columns, rows)}.`,
    `${covers}${latest ? `The lake's orders run to ${latest}. ` : ''}Check the SQL: these numbers were not computed by the semantic layer.`,
  ].join(' ');
  const single = rows.length === 1 && columns.length === 1;
  return {
    question,
    status: 'answered',
    intent: LLM_INTENT,
    dimensions: [],
    filters: [],
    ...(draft.from && draft.to
      ? {
          period: {
            from: draft.from,
            to: draft.to,
            label: `${draft.from} – ${draft.to} (as the model states)`,
          },
        }
      : {}),
    sql: draft.sql,
    columns,
    rows,
    answer,
    chart: single
      ? { type: 'number', y: [columns[0]?.name ?? ''] }
      : { type: 'table', y: columns.map((c) => c.name) },
    suggestions: suggestionsFor(undefined),
    elapsedMs: Math.round(performance.now() - deps.started),
    source: 'llm',
  };
}

function summary(columns: readonly { name: string }[], rows: readonly (readonly AskCell[])[]): string {
  const first = rows[0];
  if (!first || rows.length > 1) return '';
  const cells = columns.slice(0, 4).map((c, i) => `${c.name} ${formatValue(first[i], unitOfColumn(c.name))}`);
  return `: ${cells.join(', ')}`;
}
